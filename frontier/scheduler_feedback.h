#pragma once
// How the politeness scheduler reads the end of a fetch: success, or which
// kind of failure, and the words it records for a parked host. Pure.

#include <optional>
#include <string>

#include "frontier/scheduler.h"

namespace nc {

struct FetchVerdict {
  bool failure = false;
  // Set for a 429/503 that carried Retry-After (seconds, finite and >= 0,
  // not yet capped): it replaces the exponential back-off.
  std::optional<double> retry_after_seconds;
  // For the park reason: "network error or timeout", "HTTP 500",
  // "HTTP 503 Retry-After 120s", "robots.txt unreachable (HTTP 502)".
  std::string what;
  // No further request will follow for what failed (an origin that refused
  // refused_attempts connections in a row): no back-off, no park.
  bool final = false;
};

// A page fetch fails on no response (status 0), any 5xx, and 429. Other
// statuses, 4xx included, mean the server is answering normally.
FetchVerdict JudgePageFetch(const FetchFeedback& feedback);
// A robots.txt fetch fails exactly when its outcome is "unreachable" (which
// also covers a 2xx body that could not be decoded).
FetchVerdict JudgeRobotsFetch(RobotsOutcome::Kind outcome, const FetchFeedback& feedback);

// Whether an origin whose robots.txt was unreachable `failed_attempts`
// times in a row, the last one described by `feedback`, is worth asking
// again, `waited` after its first failed attempt started: not when the name
// does not resolve, after refused_attempts refused connections,
// after robots_max_attempts, or when another attempt (after `next_wait`)
// could not end within robots_max_wait_seconds.
bool KeepAskingRobots(const SchedulerOptions& options, uint32_t failed_attempts,
                      const FetchFeedback& feedback, double waited_seconds,
                      double next_wait_seconds);

// "5" for 5.0, "0.3" for 0.3: seconds as a person writes them.
std::string FormatSeconds(double seconds);

}  // namespace nc
