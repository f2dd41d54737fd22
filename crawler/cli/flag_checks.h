#pragma once
// Checks of what the user typed on the command line, before any command
// runs (issue 11 items 4 and 7):
// - every number flag goes through the checks of config/crawl_config.h: a
//   flag that sets a config key through that key's own reader
//   (SetConfigValueFromText), the others through CheckSeconds /
//   CheckWholeNumber; so -1, nan, inf and absurd values are usage errors
//   naming the flag, with the words the config file uses;
// - an unknown subcommand or flag gets the nearest known name
//   (common/nearest_name.h).
// Main thread, while parsing.

#include <cstdint>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace nc {

// The flag's text must be a valid value of config key `key`.
CLI::Validator ConfigValueCheck(const std::string& key);
// Seconds: finite, >= 0 (> 0 when `positive`), at most kMaxConfigSeconds.
CLI::Validator SecondsCheck(bool positive);
// A whole number in [min, max].
CLI::Validator WholeNumberCheck(uint64_t min, uint64_t max);
// A fraction in [0, 1] (the --eval-corpus floors).
CLI::Validator FractionCheck();

// Scans argv before CLI11 does: "" when every subcommand and long flag is
// known, else the usage error to print, with a suggestion when a known
// name is close ("unknown command 'crawel'; did you mean 'crawl'?",
// "crawl: unknown flag '--max-page'; did you mean '--max-pages'?").
std::string UnknownNameProblem(const CLI::App& app, int argc, char** argv);

}  // namespace nc
