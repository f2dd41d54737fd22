#pragma once
// EventLog: the per-URL log of a crawl, `events.jsonl` in the store
// directory, one JSON object a line (README "Event log"):
//   {"t":WALL_MS,"event":"fetched","url":...,"host":...,"status":200,"bytes":N,"ms":N}
//   {"t":...,"event":"failed","url":...,"host":...,"reason":"timeout: read"}
//   {"t":...,"event":"robots-denied","url":...,"host":...}
//   {"t":...,"event":"parked","host":...,"reason":...}
//   {"t":...,"event":"resumed","pages_before":N,"queued":N}
// Rotated by size: when a write would take the file past `max_bytes`, it is
// renamed events.jsonl.1 (older ones shift up to `keep_files`, the oldest
// is removed) and a new file is started.
//
// The same events may be echoed to stderr for -v / -vv (`echo_level`), as
// one line of prose each, the UTC time first (README "Event log"):
//   07:52:01 fetched 200 http://a.test/x (12.3 KB in 45 ms)
//   07:52:02 failed http://a.test/y: connect-refused (connect: connection refused)
// Thread safety: Write may be called from any thread (one mutex). Lines
// gather in memory and go to the file in chunks of up to 64 KiB on an
// IoThread, never on the caller's thread: a chunk when it is full, the rest
// on WriteBuffered (each monitor tick: the file is at most a tick behind)
// and on Flush and close.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.h"
#include "crawler/observe/io_thread.h"

namespace nc::observe {

// How much of the log goes to stderr too: kQuiet none, kFailures failed,
// robots-denied, parked and resumed events (-v), kAll every event (-vv).
enum class EchoLevel { kNone, kFailures, kAll };

class EventLog {
 public:
  struct Options {
    uint64_t max_bytes = 64ull << 20;  // rotate past this size
    int keep_files = 3;                // events.jsonl.1 .. .N
    EchoLevel echo = EchoLevel::kNone;
    // Where echoed lines go (stderr by default); tests capture them.
    std::function<void(std::string_view line)> echo_sink = {};
    // Where the file writes run; null: a thread of the log's own. Must
    // outlive the log.
    IoThread* io = nullptr;
  };
  // Opens (appends to) DIR/events.jsonl.
  static Result<std::unique_ptr<EventLog>> Open(const std::filesystem::path& dir, Options options);
  ~EventLog();

  // `event` is one of the names above, `json_members` the rest of the
  // object's members as JSON text, without braces (may be empty).
  // `prose`: what the echo prints instead of the JSON line (after the time);
  // empty: the JSON line. Callers build it only when Echoes(notable).
  void Write(int64_t wall_ms, std::string_view event, std::string_view json_members, bool notable,
             std::string_view prose = {});
  // Whether an event of this kind is echoed at the configured level.
  bool Echoes(bool notable) const {
    return options_.echo == EchoLevel::kAll || (options_.echo == EchoLevel::kFailures && notable);
  }
  // Hands the lines gathered so far to the IoThread without waiting.
  void WriteBuffered();
  // Returns once every line written before is in the file.
  void Flush();
  const std::filesystem::path& path() const { return path_; }

 private:
  EventLog(std::filesystem::path path, Options options, std::FILE* file, uint64_t size);
  // Posts buffer_ to the IoThread; `then_rotate`: the file is rotated after it.
  void HandOffLocked(bool then_rotate);
  void RotateFile();  // IoThread only

  const std::filesystem::path path_;
  const Options options_;
  std::unique_ptr<IoThread> own_io_;  // when options_.io is null
  IoThread* const io_;
  std::mutex mutex_;
  std::string buffer_;  // guarded by mutex_: lines not yet handed off
  uint64_t size_ = 0;   // guarded by mutex_: the current file's size once written
  std::FILE* file_;     // IoThread's jobs only (and the destructor, after Flush)
};

}  // namespace nc::observe
