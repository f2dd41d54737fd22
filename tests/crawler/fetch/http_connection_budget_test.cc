// ConnectionBudget: slots count open sockets, moving a slot moves the count,
// and each release wakes the next waiter in arrival order (two releases
// wake two waiters, not the same one twice).
#include "crawler/fetch/http_connection_budget.h"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

namespace nc {
namespace {

namespace asio = boost::asio;

TEST(ConnectionBudget, SlotsCountOpenSocketsAndThePeak) {
  ConnectionBudget budget(2);
  EXPECT_FALSE(budget.Full());
  {
    ConnectionBudget::Slot a = budget.Take();
    ConnectionBudget::Slot b = budget.Take();
    EXPECT_TRUE(budget.Full());
    EXPECT_EQ(budget.open(), 2u);
    ConnectionBudget::Slot moved = std::move(a);
    EXPECT_EQ(budget.open(), 2u);  // a move is not a release
    b.Release();
    EXPECT_EQ(budget.open(), 1u);
    EXPECT_FALSE(budget.Full());
  }
  EXPECT_EQ(budget.open(), 0u);
  EXPECT_EQ(budget.peak(), 2u);
}

TEST(ConnectionBudget, ZeroMeansNoCap) {
  ConnectionBudget budget(0);
  std::vector<ConnectionBudget::Slot> slots;
  for (int i = 0; i < 100; ++i) slots.push_back(budget.Take());
  EXPECT_FALSE(budget.Full());
  EXPECT_EQ(budget.peak(), 100u);
}

TEST(ConnectionBudget, EachReleaseWakesTheNextWaiterInArrivalOrder) {
  asio::io_context io;
  ConnectionBudget budget(1);
  std::vector<int> woken;
  std::vector<std::unique_ptr<asio::steady_timer>> timers;
  for (int i = 0; i < 3; ++i) {
    timers.push_back(std::make_unique<asio::steady_timer>(io, std::chrono::hours(1)));
    timers.back()->async_wait([&woken, i](const boost::system::error_code& ec) {
      if (ec == asio::error::operation_aborted) woken.push_back(i);
    });
    budget.AddWaiter(timers.back().get());
  }
  {
    ConnectionBudget::Slot first = budget.Take();
    ConnectionBudget::Slot second = budget.Take();
  }  // two releases before anyone runs
  io.poll();
  EXPECT_EQ(woken, (std::vector<int>{0, 1}));
  budget.WakeAll();
  io.poll();
  EXPECT_EQ(woken, (std::vector<int>{0, 1, 2}));
}

}  // namespace
}  // namespace nc
