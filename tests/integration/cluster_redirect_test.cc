// A redirect loop across two cluster nodes (issue 15): http://A/ redirects
// to http://B/ and B back to A, with A and B in partitions owned by
// different nodes. B's URL reaches its owner through the job's stream, so
// the redirect chain must travel in the hand-off message
// (cluster/handoff_message.h, v2); without it B's owner sees a redirect to a
// URL it never met and the loop ends unlabelled. The server is a few lines
// of its own here: it answers by Host header, which the fixture site
// cannot do across hosts.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>

#include "cluster/partition.h"
#include "tests/cluster/nats_server_helpers.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/crawler_process_helpers.h"

namespace nc::testing {
namespace {

// Two hosts in different partitions of a 2-partition job (FNV-1a of the
// host key, which for these names is the host).
constexpr uint32_t kPartitions = 2;
std::pair<std::string, std::string> HostsInDifferentPartitions() {
  const std::string a = "loop-a.test";
  for (int i = 0;; ++i) {
    std::string b = "loop-b" + std::to_string(i) + ".test";
    if (cluster::PartitionOf(b, kPartitions) != cluster::PartitionOf(a, kPartitions)) {
      return {a, b};
    }
  }
}

// HTTP/1.0-style (one request per connection) on 127.0.0.1: "/" of `from`
// answers 301 to "/" of `to` and the reverse; anything else is 404.
class RedirectPairServer {
 public:
  RedirectPairServer(std::string a, std::string b) : a_(std::move(a)), b_(std::move(b)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(listener_, 16) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      return;
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~RedirectPairServer() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (listener_ >= 0) ::close(listener_);
  }

  uint16_t port() const { return port_; }
  std::string Url(const std::string& host) const {
    return "http://" + host + ":" + std::to_string(port_) + "/";
  }
  // "HOST PATH" of every request, in arrival order.
  std::vector<std::string> Requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  void Serve() {
    while (!stop_) {
      pollfd ready{listener_, POLLIN, 0};
      if (::poll(&ready, 1, 20) <= 0) continue;
      const int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) continue;
      Answer(client);
      ::close(client);
    }
  }

  void Answer(int client) {
    std::string head;
    char buffer[1024];
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 16384) {
      pollfd ready{client, POLLIN, 0};
      if (::poll(&ready, 1, 2000) <= 0) return;
      const ssize_t n = ::recv(client, buffer, sizeof(buffer), 0);
      if (n <= 0) return;
      head.append(buffer, static_cast<size_t>(n));
    }
    const size_t path_start = head.find(' ') + 1;
    const std::string path = head.substr(path_start, head.find(' ', path_start) - path_start);
    std::string host;
    if (size_t at = head.find("\r\nHost: "); at != std::string::npos) {
      at += 8;
      host = head.substr(at, head.find_first_of(":\r", at) - at);
    }
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(host + " " + path);
    }
    std::string reply;
    if (path == "/" && (host == a_ || host == b_)) {
      reply = "HTTP/1.1 301 Moved Permanently\r\nLocation: " + Url(host == a_ ? b_ : a_) +
              "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    } else {
      reply = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    }
    (void)::send(client, reply.data(), reply.size(), MSG_NOSIGNAL);
  }

  const std::string a_, b_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_ = false;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
};

TEST(ClusterRedirect, ALoopAcrossTwoNodesEndsAsARedirectLoop) {
  NatsServer nats;
  NC_REQUIRE_NATS_SERVER(nats);
  TempDir dir;
  const auto [a, b] = HostsInDifferentPartitions();
  RedirectPairServer server(a, b);
  ASSERT_NE(server.port(), 0);
  // scope = all: B is not under the seed's domain.
  std::ofstream(dir / "crawl.toml") << "[crawl]\nscope = \"all\"\n[politeness]\n"
                                       "max_crawl_delay = 0.1\n[fetch]\ntotal_timeout = 2.0\n";
  auto store = [&](int node) { return (dir / ("store" + std::to_string(node))).string(); };
  std::vector<std::unique_ptr<CrawlerProcess>> nodes;
  const std::string port = std::to_string(server.port());
  for (int node = 0; node < 2; ++node) {
    // Started together: in the join window each sees the other, then each
    // takes one of the two partitions. A long lease: nothing is killed here.
    std::vector<std::string> args = {"crawl", "--cluster", nats.url(), "--job", "loop"};
    args.insert(args.end(), {"--node-id", "n" + std::to_string(node), "--store", store(node)});
    args.insert(args.end(), {"--config", (dir / "crawl.toml").string(), "--seed", server.Url(a)});
    args.insert(args.end(), {"--resolve", a + ":" + port + ":127.0.0.1"});
    args.insert(args.end(), {"--resolve", b + ":" + port + ":127.0.0.1", "--min-delay", "0.05"});
    args.insert(args.end(), {"--cluster-partitions", std::to_string(kPartitions)});
    args.insert(args.end(), {"--cluster-lease-ttl", "30", "--cluster-join-window", "5", "-q"});
    nodes.push_back(std::make_unique<CrawlerProcess>(args, dir.path()));
  }
  for (auto& node : nodes) EXPECT_EQ(node->Wait(), 0) << node->Stderr();

  // Who fetched what: A's page in one store, B's in the other.
  int a_node = -1, b_node = -1;
  storage::StoredPage b_page;
  for (int node = 0; node < 2; ++node) {
    StoredCrawl stored = ReadStore(store(node));
    if (stored.pages.contains(server.Url(a))) a_node = node;
    if (auto it = stored.pages.find(server.Url(b)); it != stored.pages.end()) {
      b_node = node;
      b_page = it->second;
    }
  }
  ASSERT_NE(a_node, -1);
  ASSERT_NE(b_node, -1);
  EXPECT_NE(a_node, b_node) << "both pages on one node: the loop did not cross nodes";
  EXPECT_EQ(b_page.http_status, 301);
  EXPECT_EQ(b_page.reason, FailureReason::kRedirectLoop) << b_page.error;
  EXPECT_NE(b_page.error.find("a loop of 2 hops"), std::string::npos) << b_page.error;
  // Each page requested once: the loop was not followed round again.
  std::map<std::string, int> counts;
  for (const std::string& request : server.Requests()) ++counts[request];
  EXPECT_EQ(counts[a + " /"], 1);
  EXPECT_EQ(counts[b + " /"], 1);
}

}  // namespace
}  // namespace nc::testing
