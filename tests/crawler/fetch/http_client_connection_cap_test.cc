// max_open_connections in the HTTP client: the sockets held open (in use
// and idle keep-alive) never exceed the cap — counted by the client and by
// the fixture server — the least recently used idle connection is the one
// closed to make room, requests beyond the cap wait and complete, and
// Shutdown wakes a waiting request. Loopback only; no timing assertions.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "crawler/fetch/http_client.h"
#include "fixture/fixture_server.h"
#include "tests/common/temp_dir.h"
#include "tests/crawler/fetch/http_client_fixture.h"
#include "tests/crawler/fetch/http_test_server_helpers.h"

namespace nc {
namespace {

namespace asio = boost::asio;

class HttpClientConnectionCapTest : public testing::HttpClientFixture {
 protected:
  void SetUp() override {
    fixture::ServerOptions options;
    options.site.extra_hosts = 8;  // www, sport, r001..r008
    auto server = fixture::FixtureServer::Start(options, dir_.path());
    ASSERT_TRUE(server.ok()) << server.error().message;
    server_ = std::move(*server);
    hosts_ = server_->site(false).Hosts();
    ASSERT_GE(hosts_.size(), 10u);
  }

  HttpClientOptions Options(size_t max_open) const {
    HttpClientOptions o = testing::TestClientOptions();
    o.max_open_connections = max_open;
    for (const auto& arg : server_->ResolveArgs()) {
      auto r = ParseResolveOverride(arg);
      EXPECT_TRUE(r.ok());
      if (r.ok()) o.resolve.push_back(*r);
    }
    return o;
  }

  std::string RobotsUrl(size_t host) const {
    return server_->site(false).HomepageUrl(hosts_[host]) + "robots.txt";
  }

  // All requests at once on `client`.
  std::vector<FetchResult> FetchAtOnce(HttpClient& client, const std::vector<std::string>& urls) {
    std::vector<FetchResult> results(urls.size());
    for (size_t i = 0; i < urls.size(); ++i) {
      asio::co_spawn(
          io_,
          [&, i]() -> asio::awaitable<void> { results[i] = co_await client.Get(urls[i]); },
          [](std::exception_ptr e) {
            if (e) std::rethrow_exception(e);
          });
    }
    io_.run();
    io_.restart();
    return results;
  }

  nc::testing::TempDir dir_;
  std::unique_ptr<fixture::FixtureServer> server_;
  std::vector<std::string> hosts_;
};

TEST_F(HttpClientConnectionCapTest, KeepAliveAcrossManyHostsHoldsAtMostTheCap) {
  std::vector<std::string> urls;
  for (int round = 0; round < 2; ++round) {
    for (size_t h = 0; h < 10; ++h) urls.push_back(RobotsUrl(h));
  }
  HttpClient client(io_.get_executor(), Options(/*max_open=*/3), clock_);
  for (const FetchResult& r : FetchAll(client, urls)) {
    EXPECT_EQ(r.error, FetchError::kNone) << r.error_detail;
    EXPECT_EQ(r.http_status, 200u);
  }
  EXPECT_EQ(client.PeakOpenConnections(), 3u);
  EXPECT_LE(client.OpenConnections(), 3u);
  EXPECT_LE(server_->PeakOpenConnections(), 3u);
}

TEST_F(HttpClientConnectionCapTest, WithoutTheCapTheSameFetchesKeepOneConnectionPerHost) {
  // The contrast that makes the test above mean something.
  std::vector<std::string> urls;
  for (size_t h = 0; h < 10; ++h) urls.push_back(RobotsUrl(h));
  HttpClient client(io_.get_executor(), Options(/*max_open=*/0), clock_);
  for (const FetchResult& r : FetchAll(client, urls)) EXPECT_EQ(r.error, FetchError::kNone);
  EXPECT_EQ(client.PeakOpenConnections(), 10u);
  EXPECT_EQ(server_->PeakOpenConnections(), 10u);
}

TEST_F(HttpClientConnectionCapTest, TheLeastRecentlyUsedIdleConnectionIsClosedFirst) {
  HttpClient client(io_.get_executor(), Options(/*max_open=*/2), clock_);
  // a, b open; a used again (b is now the oldest idle); c replaces b.
  auto r = FetchAll(
      client, {RobotsUrl(0), RobotsUrl(1), RobotsUrl(0), RobotsUrl(2), RobotsUrl(0), RobotsUrl(1)});
  ASSERT_EQ(r.size(), 6u);
  for (const FetchResult& f : r) ASSERT_EQ(f.error, FetchError::kNone) << f.error_detail;
  EXPECT_FALSE(r[0].reused_connection);
  EXPECT_FALSE(r[1].reused_connection);
  EXPECT_TRUE(r[2].reused_connection);
  EXPECT_FALSE(r[3].reused_connection);  // closed b, the least recently used
  EXPECT_TRUE(r[4].reused_connection);   // a survived
  EXPECT_FALSE(r[5].reused_connection);  // b was gone
  EXPECT_EQ(client.PeakOpenConnections(), 2u);
  EXPECT_LE(server_->PeakOpenConnections(), 2u);
}

TEST_F(HttpClientConnectionCapTest, RequestsBeyondTheCapWaitAndAllComplete) {
  std::vector<std::string> urls;
  for (size_t h = 0; h < 10; ++h) urls.push_back(server_->site(false).HomepageUrl(hosts_[h]));
  HttpClient client(io_.get_executor(), Options(/*max_open=*/2), clock_);
  for (const FetchResult& r : FetchAtOnce(client, urls)) {
    EXPECT_EQ(r.error, FetchError::kNone) << r.error_detail;
    EXPECT_EQ(r.http_status, 200u);
  }
  EXPECT_EQ(client.PeakOpenConnections(), 2u);
  EXPECT_LE(server_->PeakOpenConnections(), 2u);
  EXPECT_EQ(server_->Requests().size(), 10u);
}

// The default bound (max_open_connections 0 in the config) follows the hosts
// in rotation: with 10 hosts and max_connections 1 it grows from 2 to 11,
// so a second round over the hosts reuses every host's connection.
TEST_F(HttpClientConnectionCapTest, TheDefaultBoundKeepsAConnectionPerHostInRotation) {
  std::vector<std::string> urls;
  for (int round = 0; round < 2; ++round) {
    for (size_t h = 0; h < 10; ++h) urls.push_back(RobotsUrl(h));
  }
  for (const bool follows : {true, false}) {
    HttpClientOptions options = Options(/*max_open=*/2);
    options.max_idle_connections = 2;
    options.open_bound_follows_hosts = follows;
    options.max_connections = 1;
    options.open_file_limit = 4096;
    HttpClient client(io_.get_executor(), options, clock_);
    client.SetHostsInRotation(10);
    EXPECT_EQ(client.MaxOpenConnections(), follows ? 11u : 2u);
    size_t reused = 0;
    for (const FetchResult& r : FetchAll(client, urls)) {
      EXPECT_EQ(r.error, FetchError::kNone) << r.error_detail;
      reused += r.reused_connection ? 1 : 0;
    }
    // Round two reuses all 10 connections, or none (each host's was closed
    // to make room for the next host's).
    EXPECT_EQ(reused, follows ? 10u : 0u) << "follows " << follows;
    EXPECT_EQ(client.PeakOpenConnections(), follows ? 10u : 2u);
    client.SetHostsInRotation(0);  // the crawl's tail: back to twice max_connections
    EXPECT_EQ(client.MaxOpenConnections(), 2u);
    EXPECT_LE(client.OpenConnections(), 2u);
  }
}

TEST(HttpClientConnectionCapShutdown, ShutdownWakesARequestWaitingForRoom) {
  asio::io_context io;
  ManualClock clock;
  HttpClientOptions options = nc::testing::TestClientOptions();
  options.max_open_connections = 1;
  options.allow_private_networks = true;  // the server is on 127.0.0.1
  HttpClient client(io.get_executor(), options, clock);
  nc::testing::TestServerOptions server_options;
  server_options.script = {{"", nc::testing::ScriptedReply::Then::kHang}};
  // The first request holds the only connection; once it reaches the
  // server the second is waiting for room. Shut down then.
  server_options.on_request = [&io, &client](size_t) {
    asio::post(io, [&client] { client.Shutdown(); });
  };
  nc::testing::TestHttpServer server(std::move(server_options));
  std::vector<FetchResult> results(2);
  for (size_t i = 0; i < 2; ++i) {
    asio::co_spawn(
        io, [&, i]() -> asio::awaitable<void> { results[i] = co_await client.Get(server.Url()); },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  }
  io.run();
  EXPECT_EQ(results[0].error, FetchError::kCancelled) << results[0].error_detail;
  EXPECT_EQ(results[1].error, FetchError::kCancelled) << results[1].error_detail;
  EXPECT_EQ(server.connections_accepted(), 1u);
  EXPECT_EQ(client.OpenConnections(), 0u);
}

}  // namespace
}  // namespace nc
