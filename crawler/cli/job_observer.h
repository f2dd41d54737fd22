#pragma once
// What `crawl`, `resume` and `demo` show while a job runs, set up in one
// place so the three look the same: the progress line on stderr (a TTY
// line redrawn a few times a second, or a JSON stats line every N seconds),
// the event log STORE/events.jsonl with its -v/-vv echo, the status file
// STORE/status.json that `newscrawl status` reads, and the --status-addr
// endpoint (/metrics, /status.json, /). Main thread: Start, then the run
// (the monitor ticks on the engine's network thread), then Finish.

#include <memory>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/result.h"
#include "crawler/crawl_job.h"
#include "crawler/observe/crawl_monitor.h"
#include "crawler/observe/crawl_stats.h"
#include "crawler/observe/event_log.h"
#include "crawler/observe/io_thread.h"
#include "crawler/observe/status_server.h"

namespace nc {

// The status file a running job keeps in its store directory.
inline constexpr const char* kStatusFileName = "status.json";

struct ObserveFlags {
  bool quiet = false;                      // -q: no progress output, no echo
  int verbose = 0;                         // -v: failures echoed, -vv: every event
  std::string log_format = "text";         // text | json: JSON stats lines even on a TTY
  double stats_interval_seconds = 10;      // between JSON stats lines
  std::optional<std::string> status_addr;  // --status-addr
  // --no-observe (crawl, resume): nothing counted, shown or logged, for
  // measuring what observing costs (tests/bench/bench_observe_overhead.sh).
  bool off = false;
  // Tests: force the progress mode instead of asking isatty(stderr).
  std::optional<observe::CrawlMonitor::Progress> progress_for_testing;
};

class JobObserver {
 public:
  // Errors: "config.status_addr" (usage), "observe.*" (cannot open the event
  // log or listen). Prints the status page's URL when there is one.
  static Result<std::unique_ptr<JobObserver>> Start(const ObserveFlags& flags,
                                                    const std::string& store_dir,
                                                    const Clock& clock);
  ~JobObserver();
  // Points the run at the stats and the monitor's tick.
  void Fill(JobRunOptions& options);
  // After the run: the last line and status file; the event log is flushed.
  void Finish();
  observe::CrawlStats& stats() { return stats_; }
  const observe::StatusServer* server() const { return server_.get(); }

 private:
  JobObserver(const Clock& clock, observe::CrawlMonitor::Options options);
  // The monitor's and the event log's writes, off the network thread;
  // first, so it outlives both.
  observe::IoThread io_;
  observe::CrawlStats stats_;
  observe::CrawlMonitor monitor_;
  std::unique_ptr<observe::EventLog> event_log_;
  std::unique_ptr<observe::StatusServer> server_;
  bool tty_ = false;
};

}  // namespace nc
