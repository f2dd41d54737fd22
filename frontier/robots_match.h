#pragma once
// The byte-level half of robots.txt matching (RFC 9309 2.2.2 and 2.2.3):
// percent-encoding normalisation shared by patterns and paths, and the
// wildcard matcher. Separate from the parser so both can be tested and
// fuzzed on their own. Pure functions, safe from any thread.

#include <string>
#include <string_view>

#include "frontier/robots.h"

namespace nc {

// Appends `text` to `out` in the one spelling used for comparison, so that
// equivalent encodings compare equal byte for byte:
//  - %XX of an unreserved character (ALPHA DIGIT - . _ ~) is decoded,
//  - any other %XX keeps its escape with upper-case hex digits,
//  - bytes >= 0x80 (e.g. UTF-8 written raw in a robots.txt) become %XX,
//  - a '%' not followed by two hex digits becomes %25 (the output is then
//    already normalised: normalising it again changes nothing),
//  - everything else, including '*' and '$', is copied.
// Decoding never produces '*' or '$' (they are reserved), so a pattern's
// special characters keep their meaning.
void AppendNormalizedRobotsText(std::string_view text, std::string& out);

// True when AppendNormalizedRobotsText would copy `text` unchanged: the
// common case for crawler URLs, which lets IsAllowed skip the copy.
bool IsNormalizedRobotsText(std::string_view text);

// Builds a rule from a raw Allow/Disallow value (already trimmed, non-empty).
RobotsRules::Rule CompileRobotsRule(std::string_view raw_pattern, bool allow);

// Whether `rule` matches the normalised `path` (RFC 9309 2.2.3: '*' matches
// any sequence of bytes, a final '$' anchors the end, otherwise the pattern
// is a prefix). Worst case O(|path| * |pattern|), and a pattern with more
// literal bytes than the path is rejected without scanning.
bool RobotsRuleMatches(const RobotsRules::Rule& rule, std::string_view path);

}  // namespace nc
