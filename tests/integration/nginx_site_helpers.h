#pragma once
// The fixture site as the nginx tests serve it: written to DIR/site/<host>/
// and served over http by nginx on a free loopback port, so a test crawls a
// server that is not ours. One set-up for every nginx test, so they cannot
// drift apart in how the site is written or when nginx counts as started.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "fixture/news_site.h"
#include "tests/integration/nginx_helpers.h"

namespace nc::testing {

struct NginxServedSite {
  uint16_t port = 0;
  std::unique_ptr<fixture::NewsSite> site;
  std::unique_ptr<Nginx> nginx;
  // Empty when the site is written and nginx accepts connections; else why
  // not (for the test's ASSERT message).
  std::string problem;

  // Appends "--resolve HOST:PORT:127.0.0.1" for each of the site's hosts.
  void AppendResolveArgs(std::vector<std::string>* args) const;
};

// `options.port` is replaced by the port chosen; nginx's config, logs and
// temp files go to `dir`.
NginxServedSite ServeFixtureSiteWithNginx(const std::filesystem::path& dir,
                                          fixture::SiteOptions options = {});

}  // namespace nc::testing
