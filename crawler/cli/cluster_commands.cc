// The cluster views of the CLI (issue 15, docs/scale-out.md).
#include <iostream>

#include "cluster/job_view.h"
#include "crawler/cli/cli.h"
#include "crawler/cli/commands.h"

namespace nc {

int RunClusterStatus(const std::string& server_url, const std::string& job,
                     const std::string& creds_file, const std::string& ca_file) {
  cluster::NatsSecurity security;
  security.credentials_file = creds_file;
  security.ca_file = ca_file;
  auto view = cluster::ReadJobView(server_url, job, security);
  if (!view.ok()) {
    std::cerr << "newscrawl: " << view.error().message << "\n";
    return kExitFailure;
  }
  std::cout << cluster::FormatJobView(*view);
  return kExitOk;
}

}  // namespace nc
