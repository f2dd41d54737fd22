#pragma once
// The process's open-file limit (RLIMIT_NOFILE) and the default bound on
// the HTTP client's open sockets that follows from it.
//
// Many systems start processes with a soft limit of 1,024 descriptors and a
// far higher hard limit; the soft limit is there for old select(2) users,
// which this program is not (Asio uses epoll). Like nginx
// (worker_rlimit_nofile) and Go (since 1.19), a crawl raises its soft limit
// to the hard one at start-up, so that a polite crawl of many hosts can keep
// each host's connection open across the host's delay.
//
// Thread safety: RaiseOpenFileLimit changes the whole process; call it once,
// at start-up, before threads open files. The rest is pure.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace nc {

struct OpenFileLimit {
  uint64_t soft = 0;
  uint64_t hard = 0;
};

// What RaiseOpenFileLimit did: the soft limit before and after, and why it
// could not be raised ("" when it was, or did not need to be).
struct OpenFileLimitChange {
  uint64_t before = 0;
  uint64_t after = 0;
  std::string error;
};

// The system calls, as a seam for tests (a planted failure, odd limits).
struct OpenFileLimitCalls {
  std::function<bool(OpenFileLimit&)> get;        // getrlimit(RLIMIT_NOFILE)
  std::function<bool(const OpenFileLimit&)> set;  // setrlimit(RLIMIT_NOFILE)
};
OpenFileLimitCalls SystemOpenFileLimitCalls();

// Sets the soft limit to the hard one (at most kMaxOpenFilesWanted: an
// unlimited hard limit is not a number the kernel accepts for files).
OpenFileLimitChange RaiseOpenFileLimit(const OpenFileLimitCalls& calls);
inline OpenFileLimitChange RaiseOpenFileLimit() {
  return RaiseOpenFileLimit(SystemOpenFileLimitCalls());
}
inline constexpr uint64_t kMaxOpenFilesWanted = uint64_t{1} << 20;

// The soft limit now (0 when it cannot be read).
uint64_t CurrentOpenFileLimit();

// Descriptors kept out of the sockets' share: the store (LMDB's data and
// lock files), logs, the status server, the resolver's helper threads,
// worker threads' files.
inline constexpr size_t kDescriptorsKeptForTheRest = 256;

// The bound on open sockets when max_open_connections is 0 (the default).
// Small crawls keep the former bound, twice max_connections. A crawl with
// more hosts in rotation than that may keep one idle connection per host
// across its delay, plus max_connections being opened, within the
// descriptors the process may open (minus kDescriptorsKeptForTheRest, and
// never more than half of a small limit). Never below twice
// max_connections: the in-flight bound is the engine's to keep.
size_t DefaultOpenConnectionBound(uint64_t open_file_limit, size_t hosts_in_rotation,
                                  size_t max_connections);

}  // namespace nc
