#include "storage/fault_injection.h"

#include <signal.h>

#include <atomic>
#include <cstdlib>

namespace nc::storage {
namespace {
long KillAtCommit() {
  const char* value = std::getenv("NEWSCRAWL_FAULT_KILL_IN_COMMIT");
  return value ? std::strtol(value, nullptr, 10) : 0;
}
}  // namespace

void MaybeKillInCommit() {
  static const long kill_at = KillAtCommit();
  static std::atomic<long> commits{0};
  if (kill_at > 0 && ++commits == kill_at) raise(SIGKILL);
}

}  // namespace nc::storage
