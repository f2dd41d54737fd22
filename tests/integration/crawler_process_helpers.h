#pragma once
// A newscrawl child process for crash tests (kill -9, SIGINT, fault
// injection, resource limits), its stderr kept in a file under a test dir.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace nc::testing {

struct CrawlerProcessOptions {
  // NEWSCRAWL_FAULT_KILL_IN_COMMIT for the child (storage/fault_injection.h):
  // it kills itself inside its Nth batch transaction. "" = unset.
  std::string kill_in_commit;
  // RLIMIT_FSIZE of the child in bytes, with SIGXFSZ ignored, so a write that
  // would grow a file beyond it fails with EFBIG as on a full disk. 0 = none.
  uint64_t file_size_limit = 0;
};

class CrawlerProcess {
 public:
  // Starts build/newscrawl with `args`; stdout goes to /dev/null.
  CrawlerProcess(const std::vector<std::string>& args, const std::filesystem::path& dir,
                 const CrawlerProcessOptions& options = {});
  void Signal(int sig);
  // Waits for the exit; returns the exit code, or -signal when killed.
  int Wait();
  // Non-blocking: whether the child has exited (Wait() then returns at once).
  bool Exited();
  std::string Stderr() const;
  // The child's peak resident set in KiB (ru_maxrss from wait4), once reaped.
  long PeakRssKib() const { return peak_rss_kib_; }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  long peak_rss_kib_ = 0;
  std::filesystem::path err_path_;
};

}  // namespace nc::testing
