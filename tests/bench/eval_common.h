#pragma once
// What the article evaluation tools (article_eval, article_fields_eval,
// article_fundus_eval) share besides the body score (article_token_score.h):
// reading a file whole, the white-space rule that titles and sentences are
// compared under, the JSON field readers of their ground truth, and where
// each finds its third-party data (never committed: rebuilt from the
// mirrors by tests/testdata/from_mirrors.sh).
#include <boost/json.hpp>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace nc::bench {

std::string ReadAll(const std::filesystem::path& path);

// Collapses runs of white space (ASCII, NBSP U+00A0, narrow NBSP U+202F,
// thin space U+2009) to one space and trims; ASCII lower-cased when asked.
std::string Normalize(std::string_view text, bool lower = false);

// The string at `key`, or "" when it is absent or not a string.
std::string JsonString(const boost::json::object& o, const char* key);
// The strings of the array at `key` (other items skipped).
std::vector<std::string> JsonStrings(const boost::json::object& o, const char* key);

// The data folder: `flag` when given, else $`env`, else the first
// testdata-local/`folder` beside the source tree or above it that holds
// `marker` (a file name; "" = the folder itself is enough). Empty when none.
std::filesystem::path FindEvalData(const std::string& flag, const char* env, const char* folder,
                                   const char* marker);

inline const char* Mark(bool ok) { return ok ? "ok" : "--"; }

}  // namespace nc::bench
