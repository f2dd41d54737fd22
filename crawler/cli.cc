#include "crawler/cli.h"

#include <iostream>

#include <CLI/CLI.hpp>

#include "common/version.h"

namespace nc {

int RunCli(int argc, char** argv) {
  CLI::App app{"newscrawl: a polite, crash-safe news crawler"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  return kExitOk;
}

}  // namespace nc
