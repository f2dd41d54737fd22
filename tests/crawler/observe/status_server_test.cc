// StatusServer: the three read-only endpoints, 404/405, the address parser;
// and /metrics checked with a strict exposition-format parser.
#include "crawler/observe/status_server.h"

#include <gtest/gtest.h>

#include "crawler/observe/crawl_stats.h"
#include "tests/common/prometheus_text.h"
#include "tests/fixture/test_http_client.h"

namespace nc::observe {
namespace {

using fixture::testing::TestConnection;
namespace http = boost::beast::http;

StatsSnapshot SampleSnapshot() {
  ManualClock clock;
  CrawlStats stats(clock);
  HostSnapshot h;
  h.host_key = "www.lejournal.test";
  h.queued_in_memory = 2;
  h.delay_reason = "min-delay";
  h.delay_seconds = 1;
  stats.OnHostSnapshot(h);
  stats.OnPageFetched("http://www.lejournal.test/", "www.lejournal.test", 200, 1000, 0.03, "", "");
  stats.OnPageFetched("http://www.lejournal.test/a", "www.lejournal.test", 503, 10, 2, "", "");
  stats.OnPageFetched("http://x.test/", "x.test", 0, 0, 30, "tls", "tls: \"bad\"\ncert\\");
  stats.OnRobotsFetched(404, 0, 0.01);
  stats.OnCommit(3, 10, 0.002);
  CrawlStats::Gauges gauges;
  gauges.in_flight = 1;
  gauges.queued_now = 9;
  gauges.stored_pages = 3;
  gauges.stored_bytes = 500;
  stats.SetGauges(gauges);
  return stats.Snapshot();
}

TEST(StatusAddress, BarePortIsLoopback) {
  auto a = ParseStatusAddress("9100");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 9100);
  a = ParseStatusAddress("0.0.0.0:0");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "0.0.0.0");
  a = ParseStatusAddress("[::1]:8080");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "::1");
  for (const char* bad :
       {"", "localhost:80", "127.0.0.1:", "127.0.0.1:70000", ":80", "1.2.3.4:x"}) {
    auto r = ParseStatusAddress(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "config.status_addr");
  }
}

TEST(Prometheus, RenderingPassesTheStrictParser) {
  const StatsSnapshot s = SampleSnapshot();
  const auto parsed = testing::ParsePrometheusText(RenderPrometheus(s));
  EXPECT_TRUE(parsed.errors.empty()) << ::testing::PrintToString(parsed.errors);
  EXPECT_EQ(parsed.Value("newscrawl_page_fetches_total", {{"class", "2xx"}}), 1);
  EXPECT_EQ(parsed.Value("newscrawl_page_fetches_total", {{"class", "5xx"}}), 1);
  EXPECT_EQ(parsed.Value("newscrawl_page_fetches_total", {{"class", "error"}}), 1);
  EXPECT_EQ(parsed.Value("newscrawl_fetch_errors_total", {{"reason", "tls"}}), 1);
  EXPECT_EQ(parsed.Value("newscrawl_fetch_duration_seconds_count"), 4);
  EXPECT_EQ(parsed.Value("newscrawl_fetch_duration_seconds_bucket", {{"le", "0.05"}}), 2);
  EXPECT_EQ(parsed.Value("newscrawl_frontier_queued_urls"), 9);
  EXPECT_EQ(parsed.Value("newscrawl_hosts", {{"state", "waiting"}}), 1);
  EXPECT_EQ(parsed.types.at("newscrawl_commit_duration_seconds"), "histogram");
}

TEST(Prometheus, StrictParserRejectsMalformedText) {
  // The parser must be able to fail: each of these breaks one rule.
  for (const char* bad : {
           "a 1",                                                       // no final line feed
           "# TYPE a counter\na{l=\"x} 1\n",                            // unterminated label value
           "# TYPE a counter\na{l=\"\\t\"} 1\n",                        // bad escape
           "# TYPE a counter\na one\n",                                 // bad value
           "a 1\n",                                                     // no TYPE
           "# TYPE a counter\na -1\n",                                  // negative counter
           "# TYPE a counter\na 1\na 2\n",                              // duplicate series
           "# TYPE a gauge\n# TYPE b gauge\na 1\nb 1\na{x=\"1\"} 1\n",  // not contiguous
           "# TYPE 1a gauge\n",                                         // bad name
           "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count "
           "1\n",
       }) {
    EXPECT_FALSE(testing::ParsePrometheusText(bad).errors.empty()) << bad;
  }
}

TEST(StatusServer, ServesMetricsStatusJsonAndThePage) {
  auto snapshot = std::make_shared<const StatsSnapshot>(SampleSnapshot());
  auto server = StatusServer::Start({"127.0.0.1", 0}, [&] { return snapshot; });
  ASSERT_TRUE(server.ok()) << server.error().message;
  const uint16_t port = (*server)->port();
  ASSERT_NE(port, 0);
  EXPECT_EQ((*server)->Url(), "http://127.0.0.1:" + std::to_string(port) + "/");

  {
    TestConnection c(port);
    auto r = c.Get("127.0.0.1", "/metrics");
    ASSERT_TRUE(c.ok()) << c.error().message();
    EXPECT_EQ(r.result_int(), 200);
    EXPECT_EQ(r[http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_EQ(r.body(), RenderPrometheus(*snapshot));
  }
  {
    TestConnection c(port);
    auto r = c.Get("127.0.0.1", "/status.json?x=1");
    EXPECT_EQ(r.result_int(), 200);
    EXPECT_EQ(r[http::field::content_type], "application/json");
    EXPECT_EQ(r.body(), RenderStatusJson(*snapshot));
    EXPECT_NE(r.body().find("\"host\":\"www.lejournal.test\""), std::string::npos);
    EXPECT_NE(r.body().find("\"reason\":\"tls: \\\"bad\\\"\\ncert\\\\\""), std::string::npos);
  }
  {
    TestConnection c(port);
    auto r = c.Get("127.0.0.1", "/");
    EXPECT_EQ(r.result_int(), 200);
    EXPECT_NE(r.body().find("<table id=\"hosts\">"), std::string::npos);
  }
  {
    TestConnection c(port);
    EXPECT_EQ(c.Get("127.0.0.1", "/admin").result_int(), 404);
  }
  {
    TestConnection c(port);
    auto r = c.Get("127.0.0.1", "/metrics", "", false, http::verb::post);
    EXPECT_EQ(r.result_int(), 405);
  }
  {
    TestConnection c(port);
    auto r = c.Get("127.0.0.1", "/metrics", "", false, http::verb::head);
    EXPECT_EQ(r.result_int(), 200);
    EXPECT_TRUE(r.body().empty());
  }
}

TEST(StatusServer, PortInUseIsAnError) {
  auto snapshot = std::make_shared<const StatsSnapshot>();
  auto first = StatusServer::Start({"127.0.0.1", 0}, [&] { return snapshot; });
  ASSERT_TRUE(first.ok());
  auto second = StatusServer::Start({"127.0.0.1", (*first)->port()}, [&] { return snapshot; });
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "observe.status_server");
}

}  // namespace
}  // namespace nc::observe
