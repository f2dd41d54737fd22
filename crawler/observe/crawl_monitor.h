#pragma once
// CrawlMonitor: turns CrawlStats into what people and tools watch. On each
// tick (a few times a second, from the engine's network thread) it takes a
// snapshot, adds the rates over the last 10 s, publishes it for the status
// server, redraws the progress line on a TTY or writes a JSON stats line
// every `json_interval` otherwise, and rewrites the status file (the
// snapshot as JSON, which `newscrawl status` shows for a running crawl).
//
// The writes (progress text, JSON lines, the status file) run on an
// IoThread when one is given, so the tick never waits on the disk or a
// slow stderr; Finish waits for them.
//
// Time comes from the injected clock, so tests drive it with a ManualClock.
// Thread safety: Tick and Finish on one thread (the engine's network thread,
// then the caller's after the run); Latest from any thread.

#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "crawler/observe/crawl_stats.h"
#include "crawler/observe/io_thread.h"
#include "crawler/observe/stats_snapshot.h"

namespace nc::observe {

// Pages and bytes per second over the last `window` of samples.
class RateWindow {
 public:
  explicit RateWindow(Duration window = std::chrono::seconds(10)) : window_(window) {}
  void Add(SteadyTime now, uint64_t pages, uint64_t bytes);
  double PagesPerSecond() const;
  double BytesPerSecond() const;

 private:
  struct Sample {
    SteadyTime at;
    uint64_t pages;
    uint64_t bytes;
  };
  const Duration window_;
  std::deque<Sample> samples_;
};

class CrawlMonitor {
 public:
  enum class Progress {
    kOff,        // -q
    kTty,        // one line redrawn in place
    kJsonLines,  // one JSON stats line every json_interval
  };
  struct Options {
    Progress progress = Progress::kOff;
    Duration json_interval = std::chrono::seconds(10);
    std::filesystem::path status_file;  // empty: none
    Duration status_file_interval = std::chrono::seconds(1);
    // Where progress text goes (stderr by default).
    std::function<void(std::string_view)> write = {};
    // Where writes run (must outlive the monitor); null: on the caller's thread.
    IoThread* io = nullptr;
  };
  CrawlMonitor(CrawlStats& stats, const Clock& clock, Options options);

  void Tick();
  // After the run: a last snapshot, line and status file; the TTY line ends.
  void Finish();
  // The last published snapshot (never null).
  std::shared_ptr<const StatsSnapshot> Latest() const;
  // For the event log's -v/-vv echo: clears the TTY line before `line`.
  void EchoLine(std::string_view line);

 private:
  void Write(std::string text);  // Emit, on the IoThread if there is one
  void Emit(std::string_view text) const;
  // `job` on the IoThread, or now without one.
  void Run(std::function<void()> job);
  void Publish(bool final);

  CrawlStats& stats_;
  const Clock& clock_;
  const Options options_;
  RateWindow rates_;
  SteadyTime last_json_line_{};
  SteadyTime last_status_file_{};
  bool any_status_file_ = false;
  bool tty_line_shown_ = false;
  mutable std::mutex mutex_;
  std::shared_ptr<const StatsSnapshot> latest_;  // guarded by mutex_
};

// Writes `text` to `path` atomically (a temporary file renamed over it).
bool WriteFileAtomically(const std::filesystem::path& path, std::string_view text);

}  // namespace nc::observe
