// The HTTP client's private-address guard: a host whose addresses are all
// non-public is refused before any connection is made, unless it was named
// in --resolve or allow_private_networks is set. Hermetic: the names used
// are IP literals, "localhost" (answered from /etc/hosts, never by DNS) and
// --resolve'd names.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crawler/fetch/http_client.h"
#include "tests/crawler/fetch/http_client_fixture.h"
#include "tests/crawler/fetch/http_test_server_helpers.h"

namespace nc {
namespace {

using ::testing::HasSubstr;
using testing::HttpResponse;
using testing::ScriptedReply;
using testing::TestHttpServer;

ScriptedReply Ok() {
  return {HttpResponse("200 OK", {{"Content-Type", "text/html"}}, "inside"),
          ScriptedReply::Then::kKeepOpen};
}

class HttpClientPrivateAddressTest : public testing::HttpClientFixture {
 protected:
  // allow_private_networks left at its default
  static HttpClientOptions Options() { return testing::TestClientOptions(); }
};

TEST_F(HttpClientPrivateAddressTest, LoopbackLiteralIsRefusedWithoutConnecting) {
  TestHttpServer server({Ok()});
  FetchResult r = FetchWith(Options(), server.Url("/"));

  EXPECT_EQ(r.error, FetchError::kPrivateAddress) << r.error_detail;
  EXPECT_STREQ(FetchErrorName(r.error), "private-address");
  EXPECT_EQ(r.error_detail,
            "127.0.0.1:" + std::to_string(server.port()) +
                " resolves only to non-public addresses: 127.0.0.1 (loopback)"
                " (allowed with --resolve for the host, or allow_private_networks)");
  EXPECT_EQ(server.connections_accepted(), 0u);
}

TEST_F(HttpClientPrivateAddressTest, MappedLoopbackLiteralIsRefused) {
  FetchResult r = FetchWith(Options(), "http://[::ffff:127.0.0.1]:9/");
  EXPECT_EQ(r.error, FetchError::kPrivateAddress) << r.error_detail;
  EXPECT_THAT(r.error_detail, HasSubstr("(loopback)"));
}

TEST_F(HttpClientPrivateAddressTest, NameResolvingToLoopbackIsRefused) {
  TestHttpServer server({Ok()});
  FetchResult r =
      FetchWith(Options(), "http://localhost:" + std::to_string(server.port()) + "/admin");

  EXPECT_EQ(r.error, FetchError::kPrivateAddress) << r.error_detail;
  EXPECT_THAT(r.error_detail, HasSubstr("localhost:" + std::to_string(server.port()) +
                                        " resolves only to non-public addresses: "));
  EXPECT_EQ(server.connections_accepted(), 0u);
}

TEST_F(HttpClientPrivateAddressTest, ResolvedHostIsExemptOnAnyPort) {
  TestHttpServer server({Ok()});
  HttpClientOptions options = Options();
  // Named with another port: --resolve vouches for the host, not one port.
  options.resolve.push_back({"site.test", 1, "127.0.0.1"});
  options.resolve.push_back({"site.test", server.port(), "127.0.0.1"});
  FetchResult r = FetchWith(options, "http://site.test:" + std::to_string(server.port()) + "/");

  ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;
  EXPECT_EQ(r.body, "inside");
}

TEST_F(HttpClientPrivateAddressTest, AnotherHostIsNotExemptBecauseOneIsResolved) {
  TestHttpServer server({Ok()});
  HttpClientOptions options = Options();
  options.resolve.push_back({"site.test", server.port(), "127.0.0.1"});
  FetchResult r = FetchWith(options, "http://localhost:" + std::to_string(server.port()) + "/");

  EXPECT_EQ(r.error, FetchError::kPrivateAddress) << r.error_detail;
  EXPECT_EQ(server.connections_accepted(), 0u);
}

TEST_F(HttpClientPrivateAddressTest, AllowPrivateNetworksLetsLoopbackThrough) {
  TestHttpServer server({Ok(), Ok()});
  HttpClientOptions options = Options();
  options.allow_private_networks = true;
  FetchResult by_address = FetchWith(options, server.Url("/"));
  FetchResult by_name =
      FetchWith(options, "http://localhost:" + std::to_string(server.port()) + "/");

  ASSERT_EQ(by_address.error, FetchError::kNone) << by_address.error_detail;
  ASSERT_EQ(by_name.error, FetchError::kNone) << by_name.error_detail;
  EXPECT_EQ(by_name.body, "inside");
}

}  // namespace
}  // namespace nc
