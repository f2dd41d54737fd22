#include "crawler/cli/flag_checks.h"

#include <cmath>
#include <sstream>
#include <string_view>
#include <vector>

#include "common/nearest_name.h"
#include "config/config_values.h"

namespace nc {

CLI::Validator ConfigValueCheck(const std::string& key) {
  return CLI::Validator(
      [key](std::string& text) -> std::string {
        CrawlConfig scratch;  // only the check matters here; ApplyFlags sets it
        return SetConfigValueFromText(key, text, scratch);
      },
      "", "config key " + key);
}

CLI::Validator SecondsCheck(bool positive) {
  return CLI::Validator(
      [positive](std::string& text) -> std::string {
        const std::optional<double> value = ParseNumberText(text);
        const bool ok = value && CheckSeconds(*value).empty() && !(positive && *value == 0);
        if (ok) return "";
        if (!positive) return CheckSeconds(value.value_or(NAN)) + ", got " + text;
        return "expected a number of seconds > 0 and <= " +
               std::to_string(static_cast<int64_t>(kMaxConfigSeconds)) + ", got " + text;
      },
      "SECONDS");
}

CLI::Validator WholeNumberCheck(uint64_t min, uint64_t max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        const std::optional<double> number = ParseNumberText(text);
        std::optional<int64_t> value;
        if (number && *number == std::trunc(*number) && std::fabs(*number) < 9e18) {
          value = static_cast<int64_t>(*number);
        }
        if (CheckWholeNumber(value, max).empty() && static_cast<uint64_t>(*value) >= min) {
          text = std::to_string(*value);  // "1e3" -> "1000" for CLI11's integer conversion
          return "";
        }
        return "expected a whole number >= " + std::to_string(min) + " and <= " +
               std::to_string(max) + ", got " + text;
      },
      "N");
}

CLI::Validator FractionCheck() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const std::optional<double> value = ParseNumberText(text);
        if (value && *value >= 0 && *value <= 1) return "";
        return "expected a number from 0 to 1, got " + text;
      },
      "0..1");
}

namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) joined += (joined.empty() ? "" : ", ") + name;
  return joined;
}

// Every long flag of `command` ("--max-pages"), --help included.
std::vector<std::string> LongFlags(const CLI::App& command) {
  std::vector<std::string> flags = {"--help"};
  for (const CLI::Option* option : command.get_options()) {
    for (const std::string& name : option->get_lnames()) flags.push_back("--" + name);
  }
  return flags;
}

}  // namespace

std::string UnknownNameProblem(const CLI::App& app, int argc, char** argv) {
  if (argc < 2) return "";
  const std::string_view first = argv[1];
  if (first.starts_with("-")) return "";  // --help, --version: CLI11 answers
  std::vector<std::string> commands;
  const CLI::App* command = nullptr;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    commands.push_back(sub->get_name());
    if (sub->get_name() == first) command = sub;
  }
  if (!command) {
    const auto near = NearestName(first, commands);
    return "unknown command '" + std::string(first) + "'" +
           (near ? "; did you mean '" + *near + "'?" : " (commands: " + JoinNames(commands) + ")");
  }
  const std::vector<std::string> flags = LongFlags(*command);
  for (int i = 2; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;  // what follows is positional
    if (!arg.starts_with("--")) continue;
    arg = arg.substr(0, arg.find('='));
    if (std::find(flags.begin(), flags.end(), arg) != flags.end()) continue;
    const auto near = NearestName(arg, flags);
    return command->get_name() + ": unknown flag '" + std::string(arg) + "'" +
           (near ? "; did you mean '" + *near + "'?" : " (see newscrawl " + command->get_name() +
                                                          " --help)");
  }
  return "";
}

}  // namespace nc
