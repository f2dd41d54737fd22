#pragma once
// Global requests-per-second cap of the politeness scheduler, as a token
// bucket expressed in the GCRA form (a "theoretical arrival time" instead of
// a fractional token count): all arithmetic is on integer clock ticks, so
// the time it promises for the next token is exactly the time at which it
// grants one, with no rounding that could leave a caller spinning. Time
// comes from the caller (the scheduler's injected clock). Not thread-safe.

#include <cstdint>

#include "common/clock.h"

namespace nc {

class GlobalRateLimit {
 public:
  // `requests_per_second` <= 0 or not finite: no limit. `burst`: requests
  // that may start back to back after a quiet spell (at least 1).
  GlobalRateLimit(double requests_per_second, uint32_t burst);

  bool enabled() const { return enabled_; }
  // Earliest time at which Take() is allowed (anything in the past: now).
  SteadyTime NextAllowed() const { return enabled_ ? tat_ - tolerance_ : SteadyTime::min(); }
  bool Allows(SteadyTime now) const { return NextAllowed() <= now; }
  // Records a request started at `now`; call only when Allows(now).
  void Take(SteadyTime now);

 private:
  bool enabled_ = false;
  Duration interval_{};   // 1 / requests_per_second, rounded up
  Duration tolerance_{};  // (burst − 1) × interval
  SteadyTime tat_{};      // theoretical arrival time of the next request
};

}  // namespace nc
