#include "tests/integration/nginx_site_helpers.h"

#include <unistd.h>

namespace nc::testing {

void NginxServedSite::AppendResolveArgs(std::vector<std::string>* args) const {
  for (const auto& host : site->Hosts()) {
    args->push_back("--resolve");
    args->push_back(host + ":" + std::to_string(port) + ":127.0.0.1");
  }
}

NginxServedSite ServeFixtureSiteWithNginx(const std::filesystem::path& dir,
                                          fixture::SiteOptions options) {
  NginxServedSite served;
  if (access(kNginx, X_OK) != 0) {
    served.problem =
        std::string("no ") + kNginx + " (nginx-light is installed by scripts/setup.sh)";
    return served;
  }
  served.port = FreeLoopbackPort();
  options.port = served.port;
  served.site = std::make_unique<fixture::NewsSite>(options);
  if (auto written = served.site->WriteToDirectory(dir / "site"); !written.ok()) {
    served.problem = "writing the site: " + written.error().message;
    return served;
  }
  served.nginx = std::make_unique<Nginx>(dir, served.port);
  if (!served.nginx->Ready()) {
    served.problem = "nginx did not start; see " + served.nginx->error_log().string();
  }
  return served;
}

}  // namespace nc::testing
