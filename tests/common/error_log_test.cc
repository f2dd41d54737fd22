// ErrorLog keeps every count but only the last few messages, so a component
// that reports an error per URL cannot grow without bound.
#include "common/error_log.h"

#include <gtest/gtest.h>

namespace nc {
namespace {

TEST(ErrorLog, CountsEveryErrorButKeepsOnlyTheLastMessages) {
  ErrorLog log(/*keep_last=*/3);
  for (int i = 0; i < 1000; ++i) {
    log.Add(MakeError(i % 4 == 0 ? "store.corrupt" : "store.io", "error " + std::to_string(i)));
  }
  EXPECT_EQ(log.total(), 1000u);
  EXPECT_EQ(log.counts_by_code().at("store.io"), 750u);
  EXPECT_EQ(log.counts_by_code().at("store.corrupt"), 250u);
  ASSERT_EQ(log.recent().size(), 3u);
  EXPECT_EQ(log.recent().front().message, "error 997");
  EXPECT_EQ(log.recent().back().message, "error 999");
}

TEST(ErrorLog, SummaryGivesCountsByCodeAndTheLastMessage) {
  ErrorLog log;
  EXPECT_TRUE(log.empty());
  EXPECT_EQ(log.Summary(), "");
  log.Add(MakeError("store.io", "reading host a.test failed"));
  log.Add(MakeError("store.corrupt", "host b.test: bad value"));
  log.Add(MakeError("store.io", "reading host c.test failed"));
  EXPECT_EQ(log.Summary(), "3 (store.corrupt 1, store.io 2); last: reading host c.test failed");
}

TEST(ErrorLog, KeepingNoMessagesStillCounts) {
  ErrorLog log(/*keep_last=*/0);
  log.Add(MakeError("store.io", "x"));
  EXPECT_EQ(log.total(), 1u);
  EXPECT_TRUE(log.recent().empty());
  EXPECT_EQ(log.Summary(), "1 (store.io 1)");
}

}  // namespace
}  // namespace nc
