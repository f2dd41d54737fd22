#pragma once
// One command-line crawl of the hostile cases (tests/hostile/hostile_server.h)
// beside healthy fixture hosts, and what the store says of each case: the
// CI test (small timeouts) and the defaults run (tests/hostile/run_defaults.sh)
// share it.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/common/temp_dir.h"
#include "tests/hostile/hostile_server.h"

namespace nc::testing {

struct HostileCaseOutcome {
  hostile::HostileCase spec;
  // The stored outcome of the case's host: the reason of its failed URL
  // ("" when none failed), that URL, and its error text.
  std::string reason;
  std::string failed_url;
  std::string error;
  std::vector<std::string> errors;  // of every failed URL of the host, in URL order
  bool truncated = false;           // a fetched page of the host was cut at max_body_bytes
  bool fetched = false;             // a page of the host was stored as fetched
  // Seconds from the crawl's start to the end of the host's last attempt.
  double seconds = 0;
};

struct HostileCrawl {
  int exit_code = -1;
  std::string stderr_text;
  double wall_seconds = 0;
  // The crawl's peak RSS (wait4's ru_maxrss). Linux counts in it the
  // forked copy of this test process before exec: the figure is at least
  // test_rss_at_fork_kib, which the bombs' buffers once made 108 MiB.
  long peak_rss_kib = 0;
  long test_rss_at_fork_kib = 0;
  std::vector<HostileCaseOutcome> cases;
  std::set<std::string> healthy_expected;  // every page of the healthy hosts
  std::set<std::string> healthy_missing;   // those not stored as fetched (HTTP 200)
  std::string failed_json;                 // `status --failed --json`
};

// Crawls every hostile case and three healthy hosts (two over http, one
// over https) with `config_toml` appended to the config file (its
// [politeness] and [fetch] tables; "" = the defaults) and `extra_args` on
// the command line.
HostileCrawl RunHostileCrawl(const TempDir& dir, const std::string& config_toml,
                             const std::vector<std::string>& extra_args = {});

// One line per case: name, expected, got, seconds; then wall and peak RSS.
std::string HostileReport(const HostileCrawl& crawl);

}  // namespace nc::testing
