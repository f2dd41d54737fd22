#include "tests/integration/crawler_process_helpers.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace nc::testing {

CrawlerProcess::CrawlerProcess(const std::vector<std::string>& args,
                               const std::filesystem::path& dir,
                               const CrawlerProcessOptions& options) {
  static int runs = 0;
  err_path_ = dir / ("stderr-" + std::to_string(runs++) + ".txt");
  pid_ = fork();
  if (pid_ == 0) {
    std::vector<char*> argv;
    std::string binary = NEWSCRAWL_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (!options.kill_in_commit.empty()) {
      setenv("NEWSCRAWL_FAULT_KILL_IN_COMMIT", options.kill_in_commit.c_str(), 1);
    }
    freopen("/dev/null", "w", stdout);
    freopen(err_path_.c_str(), "w", stderr);
    if (options.file_size_limit != 0) {
      // An ignored signal stays ignored across exec.
      signal(SIGXFSZ, SIG_IGN);
      rlimit limit{};
      limit.rlim_cur = options.file_size_limit;
      limit.rlim_max = RLIM_INFINITY;
      if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(126);
    }
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
}

void CrawlerProcess::Signal(int sig) {
  if (!reaped_) kill(pid_, sig);
}

int CrawlerProcess::Wait() {
  if (!reaped_) {
    rusage usage{};
    wait4(pid_, &status_, 0, &usage);
    peak_rss_kib_ = usage.ru_maxrss;
    reaped_ = true;
  }
  return WIFEXITED(status_) ? WEXITSTATUS(status_) : -WTERMSIG(status_);
}

bool CrawlerProcess::Exited() {
  if (reaped_) return true;
  rusage usage{};
  if (wait4(pid_, &status_, WNOHANG, &usage) == pid_) {
    peak_rss_kib_ = usage.ru_maxrss;
    reaped_ = true;
  }
  return reaped_;
}

std::string CrawlerProcess::Stderr() const {
  std::ifstream in(err_path_);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace nc::testing
