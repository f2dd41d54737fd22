#include "crawler/fetch/open_file_limit.h"

#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace nc {

OpenFileLimitCalls SystemOpenFileLimitCalls() {
  OpenFileLimitCalls calls;
  calls.get = [](OpenFileLimit& limit) {
    rlimit r{};
    if (getrlimit(RLIMIT_NOFILE, &r) != 0) return false;
    limit.soft = r.rlim_cur == RLIM_INFINITY ? UINT64_MAX : r.rlim_cur;
    limit.hard = r.rlim_max == RLIM_INFINITY ? UINT64_MAX : r.rlim_max;
    return true;
  };
  calls.set = [](const OpenFileLimit& limit) {
    rlimit r{};
    r.rlim_cur = static_cast<rlim_t>(limit.soft);
    r.rlim_max = limit.hard == UINT64_MAX ? RLIM_INFINITY : static_cast<rlim_t>(limit.hard);
    return setrlimit(RLIMIT_NOFILE, &r) == 0;
  };
  return calls;
}

OpenFileLimitChange RaiseOpenFileLimit(const OpenFileLimitCalls& calls) {
  OpenFileLimitChange change;
  OpenFileLimit limit;
  if (!calls.get(limit)) {
    change.error = std::string("getrlimit(RLIMIT_NOFILE): ") + std::strerror(errno);
    return change;
  }
  change.before = change.after = limit.soft;
  const uint64_t wanted = std::min(limit.hard, kMaxOpenFilesWanted);
  if (limit.soft >= wanted) return change;
  OpenFileLimit raised = limit;
  raised.soft = wanted;
  if (!calls.set(raised)) {
    change.error = "setrlimit(RLIMIT_NOFILE, " + std::to_string(wanted) +
                   "): " + std::strerror(errno);
    return change;
  }
  change.after = wanted;
  return change;
}

uint64_t CurrentOpenFileLimit() {
  OpenFileLimit limit;
  return SystemOpenFileLimitCalls().get(limit) ? limit.soft : 0;
}

size_t DefaultOpenConnectionBound(uint64_t open_file_limit, size_t hosts_in_rotation,
                                  size_t max_connections) {
  const size_t floor = 2 * max_connections;
  const uint64_t for_sockets = open_file_limit > 2 * kDescriptorsKeptForTheRest
                                   ? open_file_limit - kDescriptorsKeptForTheRest
                                   : open_file_limit / 2;
  const uint64_t wanted = static_cast<uint64_t>(hosts_in_rotation) + max_connections;
  const uint64_t bound = std::min(wanted, for_sockets);
  return std::max(floor, static_cast<size_t>(std::min<uint64_t>(bound, SIZE_MAX)));
}

}  // namespace nc
