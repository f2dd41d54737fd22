#include "crawler/observe/event_log.h"

#include <cerrno>
#include <cstring>
#include <iostream>
#include <system_error>

namespace nc::observe {
namespace fs = std::filesystem;
namespace {
// One write(2) per 64 KiB of events (one line per page fetched: ~230 bytes).
constexpr size_t kChunkBytes = 64 * 1024;
}  // namespace

Result<std::unique_ptr<EventLog>> EventLog::Open(const fs::path& dir, Options options) {
  fs::path path = dir / "events.jsonl";
  std::FILE* file = std::fopen(path.c_str(), "ae");
  if (file == nullptr) {
    return MakeError("observe.event_log",
                     "cannot open " + path.string() + ": " + std::strerror(errno));
  }
  // Chunks are written whole by the IoThread: no stdio buffer to split them.
  std::setvbuf(file, nullptr, _IONBF, 0);
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  return std::unique_ptr<EventLog>(
      new EventLog(std::move(path), std::move(options), file, ec ? 0 : size));
}

EventLog::EventLog(fs::path path, Options options, std::FILE* file, uint64_t size)
    : path_(std::move(path)),
      options_(std::move(options)),
      own_io_(options_.io == nullptr ? std::make_unique<IoThread>() : nullptr),
      io_(options_.io != nullptr ? options_.io : own_io_.get()),
      size_(size),
      file_(file) {
  buffer_.reserve(kChunkBytes);
}

EventLog::~EventLog() {
  Flush();
  if (file_ != nullptr) std::fclose(file_);
}

void EventLog::HandOffLocked(bool then_rotate) {
  if (buffer_.empty() && !then_rotate) return;
  std::string chunk;
  chunk.reserve(kChunkBytes);
  chunk.swap(buffer_);
  io_->Post([this, chunk = std::move(chunk), then_rotate] {
    if (file_ != nullptr && !chunk.empty()) {
      std::fwrite(chunk.data(), 1, chunk.size(), file_);
    }
    if (then_rotate) RotateFile();
  });
}

void EventLog::RotateFile() {
  if (file_ != nullptr) std::fclose(file_);
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
  if (file_ != nullptr) std::setvbuf(file_, nullptr, _IONBF, 0);
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
  if (size_ > 0 && size_ + line.size() > options_.max_bytes) {
    HandOffLocked(/*then_rotate=*/true);
    size_ = 0;
  }
  buffer_ += line;
  size_ += line.size();
  if (buffer_.size() >= kChunkBytes) HandOffLocked(/*then_rotate=*/false);
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

void EventLog::WriteBuffered() {
  std::lock_guard lock(mutex_);
  HandOffLocked(/*then_rotate=*/false);
}

void EventLog::Flush() {
  WriteBuffered();
  io_->Drain();
}

}  // namespace nc::observe
