#include "frontier/redirect_chain.h"

#include "common/stable_hash.h"

namespace nc {

uint64_t RedirectFingerprint(std::string_view canonical_url) { return Fnv1a64(canonical_url); }

std::optional<uint32_t> RedirectLoopLength(const RedirectChain& chain, std::string_view current,
                                           std::string_view target) {
  if (target == current) return 1;
  const uint64_t fingerprint = RedirectFingerprint(target);
  // From the end: the nearest occurrence is the loop's length.
  for (size_t i = chain.size(); i > 0; --i) {
    if (chain[i - 1] == fingerprint) return static_cast<uint32_t>(chain.size() - (i - 1) + 1);
  }
  return std::nullopt;
}

RedirectChain ExtendRedirectChain(const RedirectChain& chain, std::string_view current) {
  RedirectChain extended(chain);
  extended.push_back(RedirectFingerprint(current));
  return extended;
}

}  // namespace nc
