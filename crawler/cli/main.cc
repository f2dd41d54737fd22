// newscrawl: command-line entry point. The subcommands live in crawler/cli/cli.cc.
#include "crawler/cli/cli.h"

int main(int argc, char** argv) { return nc::RunCli(argc, argv); }
