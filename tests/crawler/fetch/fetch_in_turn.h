#pragma once
// Drives an HttpClient from a test: GETs one after another on one client, as
// a crawl worker would, running `io` until they are done. Test thread only;
// an exception inside the coroutine is rethrown to the test.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <string>
#include <vector>

#include "crawler/fetch/http_client.h"

namespace nc::testing {

inline std::vector<FetchResult> FetchInTurn(boost::asio::io_context& io, HttpClient& client,
                                            const std::vector<std::string>& urls) {
  std::vector<FetchResult> results;
  boost::asio::co_spawn(
      io,
      [&client, &results, &urls]() -> boost::asio::awaitable<void> {
        for (const auto& url : urls) results.push_back(co_await client.Get(url));
      },
      [](std::exception_ptr error) {
        if (error) std::rethrow_exception(error);
      });
  io.run();
  io.restart();
  return results;
}

}  // namespace nc::testing
