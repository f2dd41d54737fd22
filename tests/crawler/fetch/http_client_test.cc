#include "crawler/fetch/http_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "common/clock.h"
#include "crawler/fetch/http_response_parse.h"
#include "crawler/fetch/http_target.h"
#include "tests/common/enum_names.h"
#include "tests/common/temp_dir.h"
#include "tests/crawler/fetch/http_client_fixture.h"
#include "tests/crawler/fetch/http_test_server_helpers.h"

namespace nc {
namespace {

namespace asio = boost::asio;
using ::testing::HasSubstr;
using testing::HttpResponse;
using testing::ScriptedReply;
using ::testing::StartsWith;
using testing::TestHttpServer;
using testing::TestServerOptions;
using Then = ScriptedReply::Then;

ScriptedReply Ok(std::string body = "hello", Then then = Then::kKeepOpen) {
  return {HttpResponse("200 OK", {{"Content-Type", "text/html"}}, body), then};
}

class HttpClientTest : public testing::HttpClientFixture {
 protected:
  static HttpClientOptions Options() {
    HttpClientOptions options = testing::TestClientOptions();
    // The test server is on 127.0.0.1, named by address: exempt from the
    // private-address guard (tested in http_client_private_address_test.cc).
    options.allow_private_networks = true;
    return options;
  }

  // One GET to a server that answers with `reply`.
  FetchResult FetchOnce(ScriptedReply reply, const HttpClientOptions& options) {
    TestHttpServer server({std::move(reply)});
    return FetchWith(options, server.Url());
  }
  FetchResult FetchOnce(ScriptedReply reply) { return FetchOnce(std::move(reply), Options()); }

  HttpClientOptions OptionsWithBodyLimit(size_t max_body_bytes) const {
    HttpClientOptions options = Options();
    options.max_body_bytes = max_body_bytes;
    return options;
  }

  // GETs /1 then /2 from `server` on one client.
  std::vector<FetchResult> FetchTwo(const TestHttpServer& server,
                                    const HttpClientOptions& options) {
    HttpClient client(io_.get_executor(), options, clock_);
    return FetchAll(client, {server.Url("/1"), server.Url("/2")});
  }
  std::vector<FetchResult> FetchTwo(const TestHttpServer& server) {
    return FetchTwo(server, Options());
  }

  // The second of two GETs answered `body` on a connection of its own.
  static void ExpectSecondOnNewConnection(const std::vector<FetchResult>& results,
                                          const TestHttpServer& server, const std::string& body) {
    ASSERT_EQ(results[1].error, FetchError::kNone) << results[1].error_detail;
    EXPECT_EQ(results[1].body, body);
    EXPECT_FALSE(results[1].reused_connection);
    EXPECT_EQ(server.connections_accepted(), 2u);
  }
};

TEST_F(HttpClientTest, GetReturnsStatusHeadersAndBody) {
  TestHttpServer server({Ok("<html>hi</html>")});
  clock_.Advance(std::chrono::seconds(5));
  FetchResult r = FetchWith(Options(), server.Url("/index.html"));

  ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;
  EXPECT_EQ(r.http_status, 200u);
  EXPECT_EQ(r.body, "<html>hi</html>");
  EXPECT_EQ(r.content_type, "text/html");
  EXPECT_EQ(r.raw_headers, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 15\r\n");
  EXPECT_FALSE(r.truncated);
  EXPECT_FALSE(r.reused_connection);
  // Times come from the injected clock.
  EXPECT_EQ(r.started, SteadyTime(std::chrono::seconds(5)));
  EXPECT_EQ(r.finished, SteadyTime(std::chrono::seconds(5)));
  EXPECT_EQ(r.started_wall_ms, clock_.WallMillis());
}

TEST_F(HttpClientTest, SendsPoliteRequestHeaders) {
  TestHttpServer server({Ok()});
  FetchResult r = FetchWith(Options(), server.Url("/a/b?q=1#fragment"));
  ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].RequestLine(), "GET /a/b?q=1 HTTP/1.1");
  EXPECT_EQ(requests[0].Header("Host"), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(requests[0].Header("User-Agent"), "newscrawl-test/1.0");
  EXPECT_EQ(requests[0].Header("Accept-Encoding"), "gzip, deflate, br");
  EXPECT_EQ(requests[0].Header("Accept"),
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
  EXPECT_EQ(requests[0].Header("Connection"), "keep-alive");
  // The request is returned as sent, with the address connected to.
  EXPECT_TRUE(r.request.starts_with(requests[0].head)) << r.request;
  EXPECT_TRUE(r.request.starts_with("GET /a/b?q=1 HTTP/1.1\r\nHost: 127.0.0.1:")) << r.request;
  EXPECT_TRUE(r.request.ends_with("Connection: keep-alive\r\n\r\n")) << r.request;
  EXPECT_EQ(r.peer_address, "127.0.0.1");
}

TEST_F(HttpClientTest, KeepAliveReusesOneConnection) {
  TestHttpServer server({Ok("one"), Ok("two")});
  auto results = FetchTwo(server);

  ASSERT_EQ(results[1].error, FetchError::kNone) << results[1].error_detail;
  EXPECT_EQ(results[0].body, "one");
  EXPECT_EQ(results[1].body, "two");
  EXPECT_FALSE(results[0].reused_connection);
  EXPECT_TRUE(results[1].reused_connection);
  EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST_F(HttpClientTest, ConnectionCloseHeaderOpensNewConnection) {
  TestHttpServer server(
      {{HttpResponse("200 OK", {{"Connection", "close"}}, "one"), Then::kClose}, Ok("two")});
  ExpectSecondOnNewConnection(FetchTwo(server), server, "two");
}

TEST_F(HttpClientTest, Http10ResponseWithoutKeepAliveIsNotReused) {
  TestHttpServer server(
      {{"HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\none", Then::kKeepOpen}, Ok("two")});
  auto results = FetchTwo(server);

  ASSERT_EQ(results[0].error, FetchError::kNone) << results[0].error_detail;
  EXPECT_EQ(results[0].body, "one");
  ExpectSecondOnNewConnection(results, server, "two");
}

TEST_F(HttpClientTest, A60KbResponseIsReadInOneSocketRead) {
  // The server writes the response in one write, smaller than loopback's
  // MSS (~64 KiB): Linux sends it as one segment at the end of that write,
  // so it arrives whole, and one 64 KiB read takes it (32 KiB reads took two).
  TestHttpServer server({Ok(std::string(60'000, 'x'))});
  HttpClient client(io_.get_executor(), Options(), clock_);
  FetchResult result = Fetch(client, server.Url());
  ASSERT_EQ(result.error, FetchError::kNone) << result.error_detail;
  EXPECT_EQ(result.body.size(), 60'000u);
  EXPECT_EQ(client.SocketReads(), 1u);
}

TEST_F(HttpClientTest, ChunkedBodyIsDechunkedAndConnectionReused) {
  const std::string chunked =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nTrailer: x\r\n\r\n";
  TestHttpServer server({{chunked, Then::kKeepOpen}, Ok("next")});
  auto results = FetchTwo(server);

  ASSERT_EQ(results[0].error, FetchError::kNone) << results[0].error_detail;
  EXPECT_EQ(results[0].body, "Wikipedia");
  EXPECT_TRUE(results[1].reused_connection);
  EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST_F(HttpClientTest, RedirectIsReturnedNotFollowed) {
  TestHttpServer server(
      {{HttpResponse("301 Moved Permanently", {{"Location", "/elsewhere"}}, ""), Then::kKeepOpen}});
  FetchResult r = FetchWith(Options(), server.Url("/old"));

  ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;
  EXPECT_EQ(r.http_status, 301u);
  EXPECT_EQ(r.location, "/elsewhere");
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(HttpClientTest, RetryAfterIsCapturedOn503) {
  FetchResult r = FetchOnce(
      {HttpResponse("503 Service Unavailable", {{"Retry-After", "120"}}, "busy"), Then::kKeepOpen});

  ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;
  EXPECT_EQ(r.http_status, 503u);
  EXPECT_EQ(r.retry_after, "120");
}

TEST_F(HttpClientTest, HeaderFieldsAreCapturedAndXRobotsTagJoined) {
  FetchResult r = FetchOnce({HttpResponse("200 OK",
                                          {{"Content-Encoding", "gzip"},
                                           {"X-Robots-Tag", "noindex"},
                                           {"x-robots-tag", "nofollow"}},
                                          "zz"),
                             Then::kKeepOpen});

  ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;
  EXPECT_EQ(r.content_encoding, "gzip");
  EXPECT_EQ(r.x_robots_tag, "noindex, nofollow");
  EXPECT_EQ(r.body, "zz");  // Content-Encoding is left for the decoder
}

TEST_F(HttpClientTest, InterimResponseIsSkipped) {
  FetchResult r = FetchOnce(
      {"HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n" + HttpResponse("200 OK", {}, "final"),
       Then::kKeepOpen});

  ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;
  EXPECT_EQ(r.http_status, 200u);
  EXPECT_EQ(r.body, "final");
  EXPECT_THAT(r.raw_headers, StartsWith("HTTP/1.1 200 OK\r\n"));
}

TEST_F(HttpClientTest, BodyOverLimitIsTruncatedAndConnectionNotReused) {
  TestHttpServer server({Ok(std::string(100, 'x')), Ok("small")});
  auto results = FetchTwo(server, OptionsWithBodyLimit(10));

  ASSERT_EQ(results[0].error, FetchError::kNone) << results[0].error_detail;
  EXPECT_TRUE(results[0].truncated);
  EXPECT_EQ(results[0].body, std::string(10, 'x'));
  EXPECT_FALSE(results[1].truncated);
  ExpectSecondOnNewConnection(results, server, "small");
}

TEST_F(HttpClientTest, ChunkedBodyOverLimitIsTruncated) {
  FetchResult r = FetchOnce({"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "8\r\nabcdefgh\r\n8\r\nijklmnop\r\n0\r\n\r\n",
                             Then::kKeepOpen},
                            OptionsWithBodyLimit(12));

  ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.body, "abcdefghijkl");
}

// A body of unannounced length grows by doubling but never holds more room
// than max_body_bytes: a never-ending 10 MiB body took a 16 MiB buffer.
TEST_F(HttpClientTest, BodyOfUnknownLengthNeverTakesMoreRoomThanTheLimit) {
  std::string chunks;
  for (int i = 0; i < 80; ++i) chunks += "400\r\n" + std::string(1024, 'c') + "\r\n";
  // The limit lies between two doublings (65536 and 131072).
  FetchResult r =
      FetchOnce({"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + "0\r\n\r\n",
                 Then::kKeepOpen},
                OptionsWithBodyLimit(70000));

  ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.body, std::string(70000, 'c'));
  EXPECT_EQ(r.body.capacity(), 70000u);
}

TEST_F(HttpClientTest, BodyOfExactlyTheLimitIsNotTruncated) {
  FetchResult r = FetchOnce(Ok("0123456789"), OptionsWithBodyLimit(10));

  ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;
  EXPECT_FALSE(r.truncated);
  EXPECT_EQ(r.body, "0123456789");
}

TEST_F(HttpClientTest, MalformedStatusLineIsProtocolError) {
  FetchResult r = FetchOnce({"HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n", Then::kKeepOpen});

  EXPECT_EQ(r.error, FetchError::kProtocol) << r.error_detail;
  EXPECT_THAT(r.error_detail, StartsWith("http: "));
  EXPECT_EQ(r.http_status, 0u);
}

TEST_F(HttpClientTest, BadChunkSizeIsProtocolError) {
  FetchResult r =
      FetchOnce({"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                 Then::kKeepOpen});
  EXPECT_EQ(r.error, FetchError::kProtocol) << r.error_detail;
}

TEST_F(HttpClientTest, ServerClosingMidBodyIsConnectionLost) {
  FetchResult r =
      FetchOnce({"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial", Then::kClose});

  EXPECT_EQ(r.error, FetchError::kConnectionLost) << r.error_detail;
  EXPECT_TRUE(r.body.empty());
}

TEST_F(HttpClientTest, ServerClosingBeforeAnyResponseIsConnectionLost) {
  FetchResult r = FetchOnce({"", Then::kClose});
  EXPECT_EQ(r.error, FetchError::kConnectionLost) << r.error_detail;
}

TEST_F(HttpClientTest, BodyDelimitedByCloseIsComplete) {
  FetchResult r =
      FetchOnce({"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end", Then::kClose});

  ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;
  EXPECT_EQ(r.body, "until the end");
}

TEST_F(HttpClientTest, ServerThatNeverAnswersTimesOut) {
  HttpClientOptions options = Options();
  options.read_timeout_seconds = 0.2;
  FetchResult r = FetchOnce({"", Then::kHang}, options);

  EXPECT_EQ(r.error, FetchError::kTimeout) << r.error_detail;
  EXPECT_EQ(r.error_detail, "timeout: read");
}

TEST_F(HttpClientTest, TotalTimeoutBoundsSlowResponse) {
  HttpClientOptions options = Options();
  options.total_timeout_seconds = 0.2;
  FetchResult r =
      FetchOnce({"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nslow", Then::kHang}, options);

  EXPECT_EQ(r.error, FetchError::kTimeout) << r.error_detail;
  EXPECT_EQ(r.error_detail, "timeout: read (total_timeout)");
}

TEST_F(HttpClientTest, ConnectionRefusedIsConnectError) {
  const uint16_t port = testing::UnusedLoopbackPort();
  FetchResult r = FetchWith(Options(), "http://127.0.0.1:" + std::to_string(port) + "/");

  EXPECT_EQ(r.error, FetchError::kConnect) << r.error_detail;
  EXPECT_THAT(r.error_detail, HasSubstr("127.0.0.1:" + std::to_string(port)));
}

TEST_F(HttpClientTest, ResolveOverrideMapsMadeUpHostAndKeepsHostHeader) {
  TestHttpServer server({Ok("mapped")});
  HttpClientOptions options = Options();
  options.resolve.push_back({"news.example", server.port(), "127.0.0.1"});
  FetchResult r =
      FetchWith(options, "http://News.Example:" + std::to_string(server.port()) + "/page");

  ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;
  EXPECT_EQ(r.body, "mapped");
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].Header("Host"), "news.example:" + std::to_string(server.port()));
}

TEST_F(HttpClientTest, InvalidUrlsAreRejectedWithoutTraffic) {
  HttpClient client(io_.get_executor(), Options(), clock_);
  for (const char* url : {"ftp://example.test/", "http://", "http://exa mple.test/",
                          "http://example.test:99999/", "http://[::1/", "/relative"}) {
    FetchResult r = Fetch(client, url);
    EXPECT_EQ(r.error, FetchError::kInvalidUrl) << url;
  }
}

TEST_F(HttpClientTest, ReusedConnectionClosedByServerIsRetriedOnce) {
  // The server reads the second request on the kept connection, then closes
  // it without answering: the race with its idle timeout.
  TestHttpServer server({Ok("one"), {"", Then::kClose}, Ok("three")});
  ExpectSecondOnNewConnection(FetchTwo(server), server, "three");
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST_F(HttpClientTest, IdleConnectionClosedByServerIsNotReused) {
  // Closed after the response although the response allowed keep-alive.
  TestHttpServer server({Ok("one", Then::kClose), Ok("two")});
  ExpectSecondOnNewConnection(FetchTwo(server), server, "two");
}

TEST_F(HttpClientTest, IdleConnectionOlderThanMaxAgeIsNotReused) {
  TestHttpServer server({Ok("one"), Ok("two")});
  HttpClient client(io_.get_executor(), Options(), clock_);
  FetchResult first = Fetch(client, server.Url("/1"));
  ASSERT_EQ(first.error, FetchError::kNone) << first.error_detail;
  clock_.Advance(std::chrono::minutes(10));
  FetchResult second = Fetch(client, server.Url("/2"));

  ASSERT_EQ(second.error, FetchError::kNone) << second.error_detail;
  EXPECT_FALSE(second.reused_connection);
  EXPECT_EQ(server.connections_accepted(), 2u);
}

TEST_F(HttpClientTest, IdlePoolIsBoundedByClosingTheOldest) {
  TestHttpServer a({Ok("a1"), Ok("a2")});
  TestHttpServer b({Ok("b1"), Ok("b2")});
  HttpClientOptions options = Options();
  options.max_idle_connections = 1;
  HttpClient client(io_.get_executor(), options, clock_);
  auto results = FetchAll(client, {a.Url(), b.Url(), b.Url(), a.Url()});

  for (const auto& r : results) ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;
  EXPECT_TRUE(results[2].reused_connection);   // b was the newest idle connection
  EXPECT_FALSE(results[3].reused_connection);  // a's was closed to make room for b's
  EXPECT_EQ(a.connections_accepted(), 2u);
  EXPECT_EQ(b.connections_accepted(), 1u);
}

TEST_F(HttpClientTest, CloseIdleDropsPooledConnections) {
  TestHttpServer server({Ok("one"), Ok("two")});
  HttpClient client(io_.get_executor(), Options(), clock_);
  ASSERT_EQ(Fetch(client, server.Url()).error, FetchError::kNone);
  client.CloseIdle();
  FetchResult second = Fetch(client, server.Url());

  ASSERT_EQ(second.error, FetchError::kNone) << second.error_detail;
  EXPECT_FALSE(second.reused_connection);
  EXPECT_EQ(server.connections_accepted(), 2u);
}

TEST_F(HttpClientTest, ShutdownCancelsRequestInFlight) {
  HttpClient client(io_.get_executor(), Options(), clock_);
  TestServerOptions server_options;
  server_options.script = {{"", Then::kHang}};
  // Once the request has reached the server, shut the client down from its own thread.
  server_options.on_request = [this, &client](size_t) {
    asio::post(io_, [&client] { client.Shutdown(); });
  };
  TestHttpServer server(std::move(server_options));
  FetchResult r = Fetch(client, server.Url());

  EXPECT_EQ(r.error, FetchError::kCancelled) << r.error_detail;
  FetchResult after = Fetch(client, server.Url());
  EXPECT_EQ(after.error, FetchError::kCancelled);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(HttpFetchErrorTest, EveryErrorHasAName) {
  testing::ExpectNamesInValueOrder<FetchError>(
      FetchErrorName, {"none", "invalid_url", "dns", "connect", "tls", "timeout", "protocol",
                       "connection_lost", "cancelled", "private-address"});
}

// ---- TLS ----

class HttpClientTlsTest : public HttpClientTest {
 protected:
  // A client that reaches `server` as https://news.test:PORT/.
  HttpClientOptions TlsOptions(const TestHttpServer& server, bool with_ca) {
    HttpClientOptions options = Options();
    options.resolve.push_back({"news.test", server.port(), "127.0.0.1"});
    if (with_ca) options.ca_file = CaFile();
    return options;
  }
  std::string CaFile() {
    const auto path = temp_ / "ca.pem";
    std::ofstream(path) << ca_.certificate_pem();
    return path.string();
  }
  static std::string NewsUrl(const TestHttpServer& server, const std::string& path = "/") {
    return "https://news.test:" + std::to_string(server.port()) + path;
  }

  // Fetches https://news.test/ from a server whose certificate names
  // `certificate_name`: the handshake fails with a TLS error saying `why`,
  // and no request reaches the server.
  void ExpectTlsError(const std::string& certificate_name, bool with_ca, const std::string& why) {
    TestHttpServer server(
        TestServerOptions{{Ok()}, ca_.IssueServerCertificate(certificate_name), nullptr});
    FetchResult r = FetchWith(TlsOptions(server, with_ca), NewsUrl(server));

    EXPECT_EQ(r.error, FetchError::kTls) << r.error_detail;
    EXPECT_THAT(r.error_detail, HasSubstr(why));
    EXPECT_TRUE(server.requests().empty());
  }

  testing::TempDir temp_;
  testing::TestCertificateAuthority ca_;
};

TEST_F(HttpClientTlsTest, TrustedCertificateSucceedsWithSniAndKeepAlive) {
  TestHttpServer server(TestServerOptions{
      {Ok("secure one"), Ok("secure two")}, ca_.IssueServerCertificate("news.test"), nullptr});
  HttpClient client(io_.get_executor(), TlsOptions(server, /*with_ca=*/true), clock_);
  auto results = FetchAll(client, {NewsUrl(server, "/1"), NewsUrl(server, "/2")});

  ASSERT_EQ(results[0].error, FetchError::kNone) << results[0].error_detail;
  EXPECT_EQ(results[0].body, "secure one");
  ASSERT_EQ(results[1].error, FetchError::kNone) << results[1].error_detail;
  EXPECT_TRUE(results[1].reused_connection);
  EXPECT_EQ(server.connections_accepted(), 1u);
  EXPECT_EQ(server.requests()[0].Header("Host"), "news.test:" + std::to_string(server.port()));
}

TEST_F(HttpClientTlsTest, UnknownCaIsTlsError) {
  ExpectTlsError("news.test", /*with_ca=*/false, "certificate verify failed");
}

TEST_F(HttpClientTlsTest, CertificateForAnotherNameIsTlsError) {
  ExpectTlsError("other.test", /*with_ca=*/true, "hostname mismatch");
}

TEST_F(HttpClientTlsTest, VerificationOffAcceptsAnyCertificate) {
  TestHttpServer server(
      TestServerOptions{{Ok("anyway")}, ca_.IssueServerCertificate("other.test"), nullptr});
  HttpClientOptions options = TlsOptions(server, /*with_ca=*/false);
  options.verify_tls = false;
  FetchResult r = FetchWith(options, NewsUrl(server));

  ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;
  EXPECT_EQ(r.body, "anyway");
}

TEST_F(HttpClientTlsTest, MissingCaFileIsTlsError) {
  HttpClientOptions options = Options();
  options.ca_file = (temp_ / "missing.pem").string();
  FetchResult r = FetchWith(options, "https://127.0.0.1:1/");

  EXPECT_EQ(r.error, FetchError::kTls) << r.error_detail;
  EXPECT_THAT(r.error_detail, HasSubstr("missing.pem"));
}

// The TLS context (CA bundle) is set up on the first https request, not
// when the client is made: a plain-http crawl never pays for loading it.
// Shown by a CA file that appears only after the client was made.
TEST_F(HttpClientTlsTest, CaFileIsLoadedOnFirstHttpsRequestOnly) {
  TestHttpServer server(TestServerOptions{{Ok("secure")}, ca_.IssueServerCertificate("news.test"), nullptr});
  HttpClientOptions options = TlsOptions(server, /*with_ca=*/false);
  options.ca_file = (temp_ / "ca-later.pem").string();
  HttpClient client(io_.get_executor(), options, clock_);

  std::ofstream(options.ca_file) << ca_.certificate_pem();
  FetchResult r = Fetch(client, NewsUrl(server));

  ASSERT_EQ(r.error, FetchError::kNone) << r.error_detail;
  EXPECT_EQ(r.body, "secure");
}

TEST_F(HttpClientTlsTest, ServerSilentDuringHandshakeTimesOut) {
  // A plain HTTP server waits for a request and never answers the ClientHello.
  TestHttpServer server({Ok()});
  HttpClientOptions options = TlsOptions(server, /*with_ca=*/true);
  options.connect_timeout_seconds = 0.2;
  FetchResult r = FetchWith(options, NewsUrl(server));

  EXPECT_EQ(r.error, FetchError::kTimeout) << r.error_detail;
  EXPECT_EQ(r.error_detail, "timeout: tls handshake");
}

// ---- parsing without a network ----

TEST(HttpResponseParseTest, KeepsRawHeadersAndFields) {
  auto parsed = ParseHttpResponse(
      "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nX-A:  b \r\nContent-Length: "
      "4\r\n\r\nnope",
      1024);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->status, 404u);
  EXPECT_EQ(
      parsed->raw_headers,
      "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nX-A:  b \r\nContent-Length: 4\r\n");
  EXPECT_EQ(parsed->content_type, "text/plain");
  EXPECT_EQ(parsed->body, "nope");
  EXPECT_TRUE(parsed->keep_alive);
}

TEST(HttpResponseParseTest, IncompleteResponseIsError) {
  auto parsed = ParseHttpResponse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 1024);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "http.incomplete");
}

TEST(HttpResponseParseTest, OversizedHeaderIsProtocolError) {
  std::string bytes = "HTTP/1.1 200 OK\r\nX-Big: " + std::string(kMaxResponseHeaderBytes, 'a') +
                      "\r\nContent-Length: 0\r\n\r\n";
  auto parsed = ParseHttpResponse(bytes, 1024);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "http.protocol");
}

TEST(HttpResponseParseTest, EndlessInterimResponsesAreProtocolError) {
  std::string bytes;
  for (int i = 0; i < 20; ++i) bytes += "HTTP/1.1 100 Continue\r\n\r\n";
  auto parsed = ParseHttpResponse(bytes + "HTTP/1.1 204 No Content\r\n\r\n", 1024);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "http.protocol");
}

TEST(HttpResponseParseTest, Http10KeepAliveHeaderAllowsReuse) {
  auto parsed = ParseHttpResponse(
      "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", 16);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_TRUE(parsed->keep_alive);
}

// ---- URL splitting ----

TEST(HttpUrlTest, SplitsOriginHostHeaderAndTarget) {
  auto t = ParseHttpTarget("HTTPS://User:pw@News.Example:8443/a?b=c#frag");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_TRUE(t->https);
  EXPECT_EQ(t->host, "news.example");
  EXPECT_EQ(t->port, 8443);
  EXPECT_EQ(t->host_header, "news.example:8443");
  EXPECT_EQ(t->target, "/a?b=c");
  EXPECT_EQ(t->origin, "https://news.example:8443");
  EXPECT_FALSE(t->host_is_ip);
}

TEST(HttpUrlTest, DefaultPortIsLeftOutOfHostHeader) {
  auto t = ParseHttpTarget("http://example.test?x");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->port, 80);
  EXPECT_EQ(t->host_header, "example.test");
  EXPECT_EQ(t->target, "/?x");
}

TEST(HttpUrlTest, Ipv6LiteralKeepsBracketsInHostHeader) {
  auto t = ParseHttpTarget("http://[::1]:8080/");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->host, "::1");
  EXPECT_TRUE(t->host_is_ip);
  EXPECT_EQ(t->host_header, "[::1]:8080");
}

}  // namespace
}  // namespace nc
