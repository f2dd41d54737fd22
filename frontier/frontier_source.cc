#include "frontier/frontier_source.h"

namespace nc {

const char* DelayReasonName(DelayReason reason) {
  switch (reason) {
    case DelayReason::kMinDelay:
      return "min-delay";
    case DelayReason::kCrawlDelay:
      return "crawl-delay";
    case DelayReason::kAdaptive:
      return "adaptive";
    case DelayReason::kBackoff:
      return "back-off";
    case DelayReason::kRetryAfter:
      return "retry-after";
  }
  return "min-delay";
}

}  // namespace nc
