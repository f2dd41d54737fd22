#pragma once
// RedirectChain: the URLs a chain of redirects went through, carried with
// the queued redirect target (QueuedUrl, the durable frontier, the outlink
// that enqueues it), so that a redirect back to ANY earlier URL of the
// chain ends as a loop with its reason, not only a redirect to itself.
// Redirects go through the frontier like links; without the chain, a -> b
// -> a would only meet a URL already known and stop there, unlabelled.
//
// A chain holds one 64-bit fingerprint per hop (at most max_redirects,
// <= 20), first the URL that started it. Fingerprints are stored in the
// frontier, so RedirectFingerprint must never change.
//
// Thread safety: pure values and functions, any thread.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace nc {

using RedirectChain = std::vector<uint64_t>;

// The fingerprint of a canonical URL key (64-bit FNV-1a: stable across
// builds and machines, as the store keeps it).
uint64_t RedirectFingerprint(std::string_view canonical_url);

// How many hops back `target` was in `chain` followed by `current` (the URL
// whose redirect points at `target`): 1 when `target` is `current` itself (a
// redirect to itself), 2 for a -> b -> a, and so on; nullopt when `target`
// is not in the chain.
std::optional<uint32_t> RedirectLoopLength(const RedirectChain& chain, std::string_view current,
                                           std::string_view target);

// The chain a redirect target of `current` carries: `chain` plus `current`.
RedirectChain ExtendRedirectChain(const RedirectChain& chain, std::string_view current);

}  // namespace nc
