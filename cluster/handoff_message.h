#pragma once
// The body of a URL hand-off message: one line "v1 DEPTH REDIRECTS URL".
// Messages come from other nodes (or anyone who can publish to the job's
// subjects), so parsing treats them as outside input: a bad body is an
// error for that message, never an assertion. Fuzzed by
// tests/fuzz/fuzz_handoff_message.cc.
//
// Pure: any thread.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace nc::cluster {

struct HandoffUrl {
  std::string url;         // canonical key, absolute http(s) URL
  uint32_t depth = 0;      // hops from a seed
  uint32_t redirects = 0;  // redirect hops that led here
  bool operator==(const HandoffUrl&) const = default;
};

// Longest URL a message may carry (the fetcher's request-line limit is of
// the same order); longer ones are refused by both sides.
inline constexpr size_t kMaxHandoffUrlBytes = 8192;

std::string EncodeHandoffUrl(const HandoffUrl& url);
Result<HandoffUrl> DecodeHandoffUrl(std::string_view body);

}  // namespace nc::cluster
