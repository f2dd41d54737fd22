#include "crawler/observe/event_log.h"

#include <cerrno>
#include <cstring>
#include <iostream>
#include <system_error>

namespace nc::observe {
namespace fs = std::filesystem;
namespace {
constexpr size_t kBufferBytes = 64 * 1024;
}  // namespace

Result<std::unique_ptr<EventLog>> EventLog::Open(const fs::path& dir, Options options) {
  fs::path path = dir / "events.jsonl";
  std::FILE* file = std::fopen(path.c_str(), "ae");
  if (file == nullptr) {
    return MakeError("observe.event_log",
                     "cannot open " + path.string() + ": " + std::strerror(errno));
  }
  // One write(2) per 64 KiB of events rather than per 4 KiB (one line per
  // page fetched: ~230 bytes); Flush() and the destructor write the rest.
  std::setvbuf(file, nullptr, _IOFBF, kBufferBytes);
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  return std::unique_ptr<EventLog>(
      new EventLog(std::move(path), std::move(options), file, ec ? 0 : size));
}

EventLog::EventLog(fs::path path, Options options, std::FILE* file, uint64_t size)
    : path_(std::move(path)), options_(std::move(options)), file_(file), size_(size) {}

EventLog::~EventLog() {
  if (file_ != nullptr) std::fclose(file_);
}

void EventLog::RotateLocked() {
  std::fclose(file_);
  file_ = nullptr;
  std::error_code ec;
  const auto numbered = [&](int n) { return fs::path(path_.string() + "." + std::to_string(n)); };
  fs::remove(numbered(options_.keep_files), ec);
  for (int n = options_.keep_files - 1; n >= 1; --n) fs::rename(numbered(n), numbered(n + 1), ec);
  if (options_.keep_files >= 1) {
    fs::rename(path_, numbered(1), ec);
  } else {
    fs::remove(path_, ec);
  }
  file_ = std::fopen(path_.c_str(), "ae");
  if (file_ != nullptr) std::setvbuf(file_, nullptr, _IOFBF, kBufferBytes);
  size_ = 0;
}

namespace {

// "07:52:01": the UTC time of day of an echoed event.
std::string TimeOfDay(int64_t wall_ms) {
  const int64_t seconds_of_day = ((wall_ms / 1000) % 86400 + 86400) % 86400;
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d:%02d", static_cast<int>(seconds_of_day / 3600),
                static_cast<int>(seconds_of_day / 60 % 60), static_cast<int>(seconds_of_day % 60));
  return text;
}

}  // namespace

void EventLog::Write(int64_t wall_ms, std::string_view event, std::string_view json_members,
                     bool notable, std::string_view prose) {
  std::string line = "{\"t\":" + std::to_string(wall_ms) + ",\"event\":\"";
  line += event;
  line += '"';
  if (!json_members.empty()) {
    line += ',';
    line += json_members;
  }
  line += "}\n";
  const bool echo = Echoes(notable);
  std::lock_guard lock(mutex_);
  if (size_ > 0 && size_ + line.size() > options_.max_bytes) RotateLocked();
  if (file_ != nullptr) {
    std::fwrite(line.data(), 1, line.size(), file_);
    size_ += line.size();
  }
  if (echo) {
    std::string echoed;
    if (!prose.empty()) echoed = TimeOfDay(wall_ms) + " " + std::string(prose);
    std::string_view text =
        prose.empty() ? std::string_view(line.data(), line.size() - 1) : std::string_view(echoed);
    if (options_.echo_sink) {
      options_.echo_sink(text);
    } else {
      std::cerr << text << '\n';
    }
  }
}

void EventLog::Flush() {
  std::lock_guard lock(mutex_);
  if (file_ != nullptr) std::fflush(file_);
}

}  // namespace nc::observe
