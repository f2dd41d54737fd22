#pragma once
// The `newscrawl` command line: parses arguments and runs one subcommand.
// Exit codes (also in --help and README.md): 0 finished; 1 runtime failure,
// or no seed could be fetched (the message says why); 2 usage or config
// error; 3 interrupted (SIGINT/SIGTERM), resumable with `newscrawl resume`.

#include "common/result.h"

namespace nc {
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInterrupted = 3;
int RunCli(int argc, char** argv);
// The exit code of a command that failed with `error`: "config.*" errors
// are usage errors (2), everything else a runtime failure (1).
int ExitCodeFor(const Error& error);
}  // namespace nc
