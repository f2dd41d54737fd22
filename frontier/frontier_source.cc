#include "frontier/frontier_source.h"

#include "common/enum_table.h"

namespace nc {

const char* DelayReasonName(DelayReason reason) {
  static constexpr auto kNames = MakeEnumNames<DelayReason>({
      {DelayReason::kMinDelay, "min-delay"}, {DelayReason::kCrawlDelay, "crawl-delay"},
      {DelayReason::kAdaptive, "adaptive"}, {DelayReason::kBackoff, "back-off"},
      {DelayReason::kRetryAfter, "retry-after"}});
  return kNames.Get(reason, "min-delay");
}

}  // namespace nc
