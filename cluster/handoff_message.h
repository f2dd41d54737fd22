#pragma once
// The body of a URL hand-off message: one line "v1 DEPTH REDIRECTS URL", or
// "v2 DEPTH REDIRECTS CHAIN URL" for a redirect target whose redirect chain
// (frontier/redirect_chain.h) is not empty: CHAIN is its fingerprints as 16
// lowercase hex digits each, comma-separated, first the URL that started the
// chain. The chain crosses nodes with the URL, so a -> b -> a across two
// nodes still ends as a redirect loop. A URL without a chain is written as
// v1, which every node reads. Messages come from other nodes (or anyone who
// can publish to the job's subjects), so parsing treats them as outside
// input: a bad body is an error for that message, never an assertion.
// Fuzzed by tests/fuzz/fuzz_handoff_message.cc.
//
// Pure: any thread.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace nc::cluster {

struct HandoffUrl {
  std::string url;         // canonical key, absolute http(s) URL
  uint32_t depth = 0;      // hops from a seed
  uint32_t redirects = 0;  // redirect hops that led here
  // The fingerprints of the URLs those hops went through (a RedirectChain;
  // cluster/ does not depend on frontier/, so the plain type).
  std::vector<uint64_t> redirect_chain = {};
  bool operator==(const HandoffUrl&) const = default;
};

// Most hops a chain may carry (the config's limit on max_redirects).
inline constexpr size_t kMaxHandoffRedirectHops = 20;

// Longest URL a message may carry (the fetcher's request-line limit is of
// the same order); longer ones are refused by both sides.
inline constexpr size_t kMaxHandoffUrlBytes = 8192;

std::string EncodeHandoffUrl(const HandoffUrl& url);
Result<HandoffUrl> DecodeHandoffUrl(std::string_view body);

}  // namespace nc::cluster
