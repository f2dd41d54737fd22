#pragma once
// The `newscrawl` command line: parses arguments and runs one subcommand.
// Exit codes: 0 success, 1 runtime failure, 2 usage or config error.

#include "common/result.h"

namespace nc {
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
int RunCli(int argc, char** argv);
// The exit code of a command that failed with `error`: "config.*" errors
// are usage errors (2), everything else a runtime failure (1).
int ExitCodeFor(const Error& error);
}  // namespace nc
