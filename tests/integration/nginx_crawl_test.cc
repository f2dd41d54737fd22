// The same crawl against a static copy of the fixture site served by nginx on
// loopback, through the command line as a user runs it: the fetch path is the
// same code whether the server is ours or not.

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "fixture/news_site.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

constexpr const char* kNginx = "/usr/sbin/nginx";

// A port the OS says is free now (nginx needs it in its config file).
uint16_t FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool AcceptsConnections(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

class Nginx {
 public:
  Nginx(const std::filesystem::path& dir, uint16_t port) {
    std::filesystem::create_directories(dir / "tmp");
    std::ofstream conf(dir / "nginx.conf");
    conf << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
         << (geteuid() == 0 ? "user root;\n" : "") << "error_log " << (dir / "error.log").string()
         << ";\npid " << (dir / "nginx.pid").string() << ";\n"
         << "events { worker_connections 64; }\nhttp {\n"
         << "  access_log " << (dir / "access.log").string() << ";\n";
    for (const char* t : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
      conf << "  " << t << "_temp_path " << (dir / "tmp").string() << "/" << t << ";\n";
    }
    conf << "  types { text/html html; text/plain txt; }\n  default_type text/plain;\n"
         << "  server {\n    listen 127.0.0.1:" << port << ";\n    root "
         << (dir / "site").string() << "/$host;\n    index index.html;\n  }\n}\n";
    conf.close();
    pid_ = fork();
    if (pid_ == 0) {
      execl(kNginx, kNginx, "-p", dir.c_str(), "-e", (dir / "error.log").c_str(), "-c",
            (dir / "nginx.conf").c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    // Wait (bounded) until nginx listens; this is readiness, not a timing assertion.
    for (int i = 0; i < 500 && !AcceptsConnections(port); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~Nginx() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }

 private:
  pid_t pid_ = -1;
};

TEST(NginxCrawl, CrawlsAStaticCopyOfTheFixtureSiteLikeTheFixtureItself) {
  ASSERT_EQ(access(kNginx, X_OK), 0) << "nginx-light is installed by scripts/setup.sh";
  TempDir dir;
  const uint16_t port = FreeLoopbackPort();
  fixture::SiteOptions options;
  options.scheme = "http";
  options.port = port;
  fixture::NewsSite site(options);
  ASSERT_TRUE(site.WriteToDirectory(dir / "site").ok());
  Nginx nginx(dir.path(), port);
  ASSERT_TRUE(AcceptsConnections(port)) << "nginx did not start; see " << (dir / "error.log");

  const std::string seed = site.HomepageUrl("www.lejournal.test");
  const std::string store = (dir / "store").string();
  std::vector<std::string> args = {"crawl", "--seed", seed, "--store", store, "--min-delay", "0.02",
                                   "--quiet"};
  for (const auto& host : site.Hosts()) {
    args.push_back("--resolve");
    args.push_back(host + ":" + std::to_string(port) + ":127.0.0.1");
  }
  std::string err;
  ASSERT_EQ(RunNewscrawl(args, nullptr, &err), 0) << err;

  StoredCrawl crawl = ReadStore(store);
  auto expected = site.ExpectedFetchedUrls({seed});
  EXPECT_TRUE(SameUrls(crawl.fetched, std::set<std::string>(expected.begin(), expected.end())));
  EXPECT_TRUE(crawl.failed.empty());

  // status, export and cat work on the result.
  std::string out;
  ASSERT_EQ(RunNewscrawl({"status", "--store", store}, &out, &err), 0) << err;
  EXPECT_NE(out.find("state:   finished"), std::string::npos) << out;
  ASSERT_EQ(RunNewscrawl({"export", "--store", store, "--format", "edges"}, &out, &err), 0) << err;
  EXPECT_EQ(static_cast<size_t>(std::count(out.begin(), out.end(), '\n')), crawl.edges.size());
  ASSERT_EQ(RunNewscrawl({"cat", "--store", store, seed}, &out, &err), 0) << err;
  EXPECT_TRUE(out == site.Get("www.lejournal.test", "/").body);
}

}  // namespace
}  // namespace nc::testing
