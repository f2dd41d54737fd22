#pragma once
// The common ground of the HttpClient tests: options whose timeouts only stop
// a broken test from hanging, and a fixture whose io_context the test thread
// runs in turn, with a manual clock (no test waits on real time).

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "crawler/fetch/http_client.h"
#include "tests/crawler/fetch/fetch_in_turn.h"

namespace nc::testing {

// Generous timeouts: no test asserts on elapsed time. The private-address
// guard keeps its default (on); a test of the loopback server lifts it.
inline HttpClientOptions TestClientOptions() {
  HttpClientOptions options;
  options.user_agent = "newscrawl-test/1.0";
  options.connect_timeout_seconds = options.read_timeout_seconds = 10;
  options.total_timeout_seconds = 20;
  return options;
}

class HttpClientFixture : public ::testing::Test {
 protected:
  // GETs `urls` one after another on `client`.
  std::vector<FetchResult> FetchAll(HttpClient& client, const std::vector<std::string>& urls) {
    return FetchInTurn(io_, client, urls);
  }

  FetchResult Fetch(HttpClient& client, const std::string& url) {
    return std::move(FetchAll(client, {url}).front());
  }

  // One GET on a client of its own.
  FetchResult FetchWith(const HttpClientOptions& options, const std::string& url) {
    HttpClient client(io_.get_executor(), options, clock_);
    return Fetch(client, url);
  }

  boost::asio::io_context io_;
  ManualClock clock_;
};

}  // namespace nc::testing
