#pragma once
// The `newscrawl` command line: parses arguments and runs one subcommand.
// Exit codes: 0 success, 1 runtime failure, 2 usage or config error.
namespace nc {
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
int RunCli(int argc, char** argv);
}  // namespace nc
