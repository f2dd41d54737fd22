#include "frontier/scheduler_rate_limit.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace nc {

GlobalRateLimit::GlobalRateLimit(double requests_per_second, uint32_t burst) {
  // Below one request a year is treated as "no limit" too: such a cap is a
  // configuration mistake, and its interval would overflow the clock.
  if (!std::isfinite(requests_per_second) || requests_per_second < 1e-7) return;
  enabled_ = true;
  // Rounded up so the cap is never exceeded, even by a tick.
  interval_ = std::max(Duration(1), std::chrono::ceil<Duration>(
                                        std::chrono::duration<double>(1.0 / requests_per_second)));
  tolerance_ = interval_ * static_cast<Duration::rep>(std::max<uint32_t>(burst, 1) - 1);
}

void GlobalRateLimit::Take(SteadyTime now) {
  if (!enabled_) return;
  // A quiet spell refills the bucket, but only up to `burst`.
  tat_ = std::max(tat_, now) + interval_;
}

}  // namespace nc
