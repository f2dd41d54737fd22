#pragma once
// Exponential back-off with jitter for the politeness scheduler. Jitter
// spreads the retries of hosts that failed together (a shared CDN outage),
// so they do not all come back in the same instant. The random source is
// seeded explicitly so that tests, and crawls replayed for a bug report,
// are deterministic. Not thread-safe.

#include <cstdint>
#include <random>

namespace nc {

// initial × 2^(n−1), capped at `max`; 0 for n == 0. Never overflows.
double ExponentialSeconds(double initial, double max, uint32_t n);

class JitteredBackoff {
 public:
  // `jitter` is the relative spread: 0.25 gives delays within ±25 % of the
  // exponential value. Values outside [0, 1] are clamped.
  JitteredBackoff(double initial_seconds, double max_seconds, double jitter, uint64_t seed);

  // Back-off after the n-th consecutive failure (n >= 1), in seconds:
  // ExponentialSeconds(initial, max, n) × (1 + jitter × u), u uniform in [−1, 1].
  double Seconds(uint32_t n);

  // Bounds of Seconds(n), for tests and status output.
  double LowerBound(uint32_t n) const;
  double UpperBound(uint32_t n) const;

 private:
  const double initial_seconds_;
  const double max_seconds_;
  const double jitter_;
  std::mt19937_64 rng_;
};

}  // namespace nc
