// Fuzz target for the politeness state read back from a store: host_state
// values (storage/schema.h DecodeHostStateValue), which a resumed crawl
// trusts to hold hosts back, and the host snapshot text of store meta
// (crawler/host_snapshot_text.h) that `status --hosts` parses. Both come
// from files a damaged or foreign store may hold. Checks properties: a
// decoded value re-encodes to bytes that decode to the same state.
#include <cstdint>
#include <string_view>

#include "crawler/host_snapshot_text.h"
#include "storage/schema.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = nc::fuzz::InputText(data, size);
  nc::Result<nc::PersistedHostState> state = nc::storage::schema::DecodeHostStateValue(bytes);
  if (nc::fuzz::DecodedOrFailedWith(state, "store.corrupt")) {
    Check(static_cast<uint8_t>(state->last_delay_reason) <= nc::kMaxDelayReason);
    Check(state->last_delay_seconds >= 0);
    const std::string again = nc::storage::schema::EncodeHostStateValue(*state);
    nc::Result<nc::PersistedHostState> round = nc::storage::schema::DecodeHostStateValue(again);
    Check(round.ok() && *round == *state);
  }
  int64_t written_ms = 0;
  for (const nc::HostSnapshotRow& row : nc::DecodeHostSnapshot(bytes, &written_ms)) {
    Check(!row.host.host_key.empty());
  }
  return 0;
}
