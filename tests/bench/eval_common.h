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

// Where a tool's third-party data is and how it is rebuilt, for
// FindEvalDataOrSkip's lookup and its message.
struct EvalDataPlace {
  const char* tool;    // "article_eval": the message's first word
  const char* what;    // "benchmark data"
  const char* env;     // "NEWSCRAWL_ARTICLE_BENCHMARK"
  const char* folder;  // "article-benchmark" under testdata-local/
  const char* marker;  // "ground-truth.json"; "" = the folder itself is enough
  const char* script;  // what rebuilds it: "tests/bench/article_benchmark_data.sh"
};

// FindEvalData, and the check that the folder found (or named) holds the
// marker; when it does not, prints "TOOL: no WHAT (set ENV or run SCRIPT);
// skipped" on stdout and returns empty: the tool then exits 77 (skipped).
std::filesystem::path FindEvalDataOrSkip(const std::string& flag, const EvalDataPlace& place);

inline const char* Mark(bool ok) { return ok ? "ok" : "--"; }

// Right answers out of all: the rate of a graded field (1 when none was graded).
struct Tally {
  int right = 0, total = 0;
  void Add(bool ok) {
    right += ok;
    ++total;
  }
  double Rate() const { return total ? static_cast<double>(right) / total : 1.0; }
};

// The floors the ctest entries pass (--min-...): each figure under its floor
// prints "WHAT V is below the floor F" and makes the exit code 1. The 1e-9
// keeps a figure printed as equal to its floor from failing on rounding.
class Floors {
 public:
  void Check(const char* what, double value, double floor);
  int ExitCode() const { return below_ ? 1 : 0; }

 private:
  bool below_ = false;
};

}  // namespace nc::bench
