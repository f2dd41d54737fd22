#include "frontier/backoff.h"

#include <algorithm>
#include <cmath>

namespace nc {

double ExponentialSeconds(double initial, double max, uint32_t n) {
  if (n == 0 || !(initial > 0) || !(max > 0)) return 0;
  // 2^63 already exceeds any sane cap; stopping there keeps ldexp finite.
  return std::min(max, std::ldexp(initial, static_cast<int>(std::min<uint32_t>(n - 1, 63))));
}

JitteredBackoff::JitteredBackoff(double initial_seconds, double max_seconds, double jitter,
                                 uint64_t seed)
    : initial_seconds_(initial_seconds),
      max_seconds_(max_seconds),
      jitter_(std::isfinite(jitter) ? std::clamp(jitter, 0.0, 1.0) : 0.0),
      rng_(seed) {}

double JitteredBackoff::Seconds(uint32_t n) {
  const double base = ExponentialSeconds(initial_seconds_, max_seconds_, n);
  // Drawn even when jitter is 0 so the stream does not depend on the option.
  const double u = std::uniform_real_distribution<double>(-1.0, 1.0)(rng_);
  return std::max(0.0, base * (1.0 + jitter_ * u));
}

double JitteredBackoff::LowerBound(uint32_t n) const {
  return ExponentialSeconds(initial_seconds_, max_seconds_, n) * (1.0 - jitter_);
}

double JitteredBackoff::UpperBound(uint32_t n) const {
  return ExponentialSeconds(initial_seconds_, max_seconds_, n) * (1.0 + jitter_);
}

}  // namespace nc
