// The default bound on open sockets follows the hosts in rotation within the
// open-file limit, and what holds it: RaiseOpenFileLimit (with the system
// calls injected), DefaultOpenConnectionBound, a budget and a pool whose
// bounds change, and a pooled connection's released read buffer. No
// sockets, no timing.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "crawler/fetch/http_connection.h"
#include "crawler/fetch/http_connection_budget.h"
#include "crawler/fetch/open_file_limit.h"

namespace nc {
namespace {

namespace asio = boost::asio;

// getrlimit/setrlimit over a value; `refuse_set` plants an EPERM.
struct FakeLimit {
  OpenFileLimit limit;
  bool refuse_set = false;
  int sets = 0;
  OpenFileLimitCalls Calls() {
    return {[this](OpenFileLimit& out) {
              out = limit;
              return true;
            },
            [this](const OpenFileLimit& in) {
              ++sets;
              if (refuse_set) return false;
              limit = in;
              return true;
            }};
  }
};

TEST(RaiseOpenFileLimit, TheSoftLimitGoesUpToTheHardOne) {
  FakeLimit fake{{1024, 524288}};
  const OpenFileLimitChange change = RaiseOpenFileLimit(fake.Calls());
  EXPECT_EQ(change.error, "");
  EXPECT_EQ(change.before, 1024u);
  EXPECT_EQ(change.after, 524288u);
  EXPECT_EQ(fake.limit.soft, 524288u);
  EXPECT_EQ(fake.limit.hard, 524288u);  // the hard limit is never touched
}

TEST(RaiseOpenFileLimit, AnUnlimitedHardLimitGivesTheWantedCount) {
  FakeLimit fake{{1024, UINT64_MAX}};
  EXPECT_EQ(RaiseOpenFileLimit(fake.Calls()).after, kMaxOpenFilesWanted);
  EXPECT_EQ(fake.limit.soft, kMaxOpenFilesWanted);
}

TEST(RaiseOpenFileLimit, AtTheHardLimitAlreadyNothingIsSet) {
  FakeLimit fake{{20000, 20000}};
  const OpenFileLimitChange change = RaiseOpenFileLimit(fake.Calls());
  EXPECT_EQ(change.after, 20000u);
  EXPECT_EQ(fake.sets, 0);
}

TEST(RaiseOpenFileLimit, ARefusedRaiseKeepsTheLimitAndSaysWhy) {
  FakeLimit fake{{1024, 4096}, /*refuse_set=*/true};
  const OpenFileLimitChange change = RaiseOpenFileLimit(fake.Calls());
  EXPECT_EQ(change.before, 1024u);
  EXPECT_EQ(change.after, 1024u);
  EXPECT_NE(change.error.find("setrlimit(RLIMIT_NOFILE, 4096)"), std::string::npos) << change.error;
}

TEST(DefaultOpenConnectionBound, ASmallCrawlKeepsTwiceMaxConnections) {
  EXPECT_EQ(DefaultOpenConnectionBound(1024, 10, 256), 512u);
  EXPECT_EQ(DefaultOpenConnectionBound(1048576, 256, 256), 512u);
  EXPECT_EQ(DefaultOpenConnectionBound(1048576, 0, 8), 16u);
}

TEST(DefaultOpenConnectionBound, ManyHostsGetAConnectionEachPlusTheOnesInFlight) {
  EXPECT_EQ(DefaultOpenConnectionBound(65536, 10000, 256), 10256u);
  EXPECT_EQ(DefaultOpenConnectionBound(20000, 2000, 256), 2256u);
}

TEST(DefaultOpenConnectionBound, TheOpenFileLimitBoundsIt) {
  // 20,000 descriptors, 256 of them kept for the store, logs, threads.
  EXPECT_EQ(DefaultOpenConnectionBound(20000, 100000, 256), 20000u - kDescriptorsKeptForTheRest);
  // A limit that could not be raised: never under twice max_connections.
  EXPECT_EQ(DefaultOpenConnectionBound(1024, 10000, 256), 768u);
  EXPECT_EQ(DefaultOpenConnectionBound(256, 10000, 256), 512u);
  EXPECT_EQ(DefaultOpenConnectionBound(0, 10000, 4), 8u);  // limit unknown
}

TEST(ConnectionBudget, ARaisedCapWakesAsManyWaitersAsItMadeRoomFor) {
  asio::io_context io;
  ConnectionBudget budget(2);
  std::vector<ConnectionBudget::Slot> slots;
  slots.push_back(budget.Take());
  slots.push_back(budget.Take());
  std::vector<std::unique_ptr<asio::steady_timer>> timers;
  std::vector<bool> woken(4, false);
  for (size_t i = 0; i < 4; ++i) {
    timers.push_back(std::make_unique<asio::steady_timer>(io, std::chrono::hours(1)));
    timers.back()->async_wait([&woken, i](const boost::system::error_code& ec) {
      woken[i] = ec == asio::error::operation_aborted;
    });
    budget.AddWaiter(timers.back().get());
  }
  budget.SetMaxOpen(4);  // room for two more
  io.poll();
  EXPECT_EQ(woken, (std::vector<bool>{true, true, false, false}));
  EXPECT_FALSE(budget.Full());
  budget.SetMaxOpen(1);  // under open(): full, nobody woken, nothing released
  io.poll();
  EXPECT_TRUE(budget.Full());
  EXPECT_EQ(budget.open(), 2u);
  EXPECT_EQ(woken, (std::vector<bool>{true, true, false, false}));
  slots.clear();  // each release wakes the next waiter, while its timer lives
  io.poll();
  EXPECT_EQ(woken, (std::vector<bool>{true, true, true, true}));
}

TEST(IdleConnectionPool, APooledConnectionHoldsNoReadBuffer) {
  asio::io_context io;
  IdleConnectionPool pool(4, std::chrono::seconds(30));
  auto connection = std::make_unique<HttpConnection>(io.get_executor(), nullptr, "http://a:80");
  connection->buffer.prepare(32 * 1024);  // as a read leaves it, every byte parsed
  ASSERT_GE(connection->buffer.capacity(), 32u * 1024);
  HttpConnection* pooled = connection.get();
  pool.Put(std::move(connection), SteadyTime{});
  EXPECT_EQ(pooled->buffer.capacity(), 0u);
}

TEST(IdleConnectionPool, ALoweredBoundClosesTheOldestIdleConnections) {
  asio::io_context io;
  IdleConnectionPool pool(4, std::chrono::seconds(30));
  for (const char* origin : {"http://a:80", "http://b:80", "http://c:80"}) {
    pool.Put(std::make_unique<HttpConnection>(io.get_executor(), nullptr, origin), SteadyTime{});
  }
  pool.SetMaxIdle(1);
  EXPECT_EQ(pool.size(), 1u);
  pool.SetMaxIdle(4);
  EXPECT_EQ(pool.size(), 1u);
}

TEST(IdleConnectionPool, IdleTlsConnectionsHaveABoundOfTheirOwn) {
  asio::io_context io;
  asio::ssl::context tls(asio::ssl::context::tls_client);
  IdleConnectionPool pool(4, std::chrono::seconds(30), /*max_idle_tls=*/1);
  for (const char* origin : {"https://a:443", "https://b:443", "http://c:80", "http://d:80"}) {
    const bool is_tls = std::string(origin).starts_with("https");
    pool.Put(std::make_unique<HttpConnection>(io.get_executor(), is_tls ? &tls : nullptr, origin),
             SteadyTime{});
  }
  EXPECT_EQ(pool.tls_size(), 1u);  // a's closed for b's
  EXPECT_EQ(pool.size(), 3u);
  pool.SetMaxIdle(1);  // the oldest go first, TLS or not: b, then c
  EXPECT_EQ(pool.size(), 1u);
  EXPECT_EQ(pool.tls_size(), 0u);
  pool.Clear();
  EXPECT_EQ(pool.size(), 0u);
}

}  // namespace
}  // namespace nc
