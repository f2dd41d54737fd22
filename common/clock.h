#pragma once
// Time sources. Everything that schedules by time takes a Clock& so tests can
// inject a ManualClock and never sleep.

#include <atomic>
#include <chrono>
#include <cstdint>

namespace nc {

using SteadyTime = std::chrono::steady_clock::time_point;
using Duration = std::chrono::steady_clock::duration;

class Clock {
 public:
  virtual ~Clock() = default;
  // Monotonic time for scheduling.
  virtual SteadyTime Now() const = 0;
  // Wall-clock milliseconds since the Unix epoch, for records a user reads.
  virtual int64_t WallMillis() const = 0;
};

class SystemClock final : public Clock {
 public:
  SteadyTime Now() const override { return std::chrono::steady_clock::now(); }
  int64_t WallMillis() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that moves only when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  SteadyTime Now() const override { return SteadyTime(Duration(now_.load())); }
  int64_t WallMillis() const override {
    return 1'700'000'000'000 + std::chrono::duration_cast<std::chrono::milliseconds>(
                                   Duration(now_.load()))
                                   .count();
  }
  void Advance(Duration d) { now_ += d.count(); }
  void Set(SteadyTime t) { now_ = t.time_since_epoch().count(); }

 private:
  std::atomic<Duration::rep> now_{0};
};

inline double ToSeconds(Duration d) { return std::chrono::duration<double>(d).count(); }
inline Duration FromSeconds(double s) {
  return std::chrono::duration_cast<Duration>(std::chrono::duration<double>(s));
}

}  // namespace nc
