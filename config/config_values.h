#pragma once
// The one validation path for the numbers a user gives (issue 11 item 4):
// config keys and command-line flags alike go through these checks, so
// negative, NaN, infinite and absurd values get the same words wherever they
// come from, and the caller names the key or the flag. CheckSeconds (in
// crawl_config.h) is the seconds check. Pure functions; any thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/crawl_config.h"

namespace nc {

// The check of a count (pages, hosts, connections, cycles...): "" when
// `value` is set, >= 0 and <= `max` (the field's type bounds it: a uint32
// key given 5000000000 must not wrap around), else the reason ("expected a
// whole number >= 0 and <= 4294967295").
std::string CheckWholeNumber(std::optional<int64_t> value, uint64_t max);

// A decimal number as a flag gives it ("1", "0.5", "1e9", "nan", "inf");
// nullopt for anything else. The checks then judge the value.
std::optional<double> ParseNumberText(std::string_view text);

// Sets config key `key` ("politeness.min_delay") from a command-line flag's
// text, converted and checked exactly as the key is in a TOML file (same
// reader, same ranges, same words). Returns "" or the problem, ending with
// the text ("expected a number of seconds >= 0 and <= 2592000, got nan");
// the caller names the flag.
std::string SetConfigValueFromText(std::string_view key, std::string_view text,
                                   CrawlConfig& config);

}  // namespace nc
