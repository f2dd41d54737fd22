#pragma once
// "Did you mean ...?" for names a user typed: subcommands, flags and config
// keys. EditDistance is the optimal-string-alignment distance (Levenshtein
// plus the swap of two neighbours, the commonest typo: "crawl" / "carwl"),
// compared byte for byte. Pure functions, any thread.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nc {

size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `typed`, if one is close enough to be the name
// the user meant: at most 1 edit for names of up to 4 characters, else at
// most a third of the longer name (so "crawel" finds "crawl", "xyz" finds
// nothing). Ties go to the first candidate, so callers list the commonest
// names first.
std::optional<std::string> NearestName(std::string_view typed,
                                       const std::vector<std::string>& candidates);

}  // namespace nc
