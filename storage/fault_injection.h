#pragma once
// Fault injection for crash tests. With NEWSCRAWL_FAULT_KILL_IN_COMMIT=N in
// the environment, the process kills itself with SIGKILL inside its Nth batch
// transaction, after every write of the batch and before the commit — the
// worst moment for a crash. Unset (always, outside tests), it costs one
// relaxed atomic load per batch.
namespace nc::storage {
void MaybeKillInCommit();
}  // namespace nc::storage
