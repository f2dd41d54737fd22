#include "crawler/host_snapshot_text.h"

#include <gtest/gtest.h>

namespace nc {
namespace {

TEST(HostSnapshotText, RoundTripsAndFlattensTabsAndNewlines) {
  HostSnapshotRow row;
  row.host.host_key = "lent.lejournal.test";
  row.host.queued_in_memory = 3;
  row.host.store_may_have_more = true;
  row.host.in_flight = 1;
  row.host.delay_seconds = 0.3;
  row.host.delay_reason = "crawl-delay";
  row.host.consecutive_failures = 2;
  row.host.parked_reason = "5 consecutive failures,\tlast: HTTP 503\nparked 600s";
  row.host.robots_state = "parsed";
  row.wait_seconds = 1.25;
  row.active = false;
  int64_t written = 0;
  auto rows = DecodeHostSnapshot(EncodeHostSnapshot({row}, 1234), &written);
  EXPECT_EQ(written, 1234);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].host.host_key, "lent.lejournal.test");
  EXPECT_EQ(rows[0].host.queued_in_memory, 3u);
  EXPECT_TRUE(rows[0].host.store_may_have_more);
  EXPECT_EQ(rows[0].host.in_flight, 1u);
  EXPECT_DOUBLE_EQ(rows[0].host.delay_seconds, 0.3);
  EXPECT_EQ(rows[0].host.delay_reason, "crawl-delay");
  EXPECT_EQ(rows[0].host.consecutive_failures, 2u);
  EXPECT_EQ(rows[0].host.parked_reason, "5 consecutive failures, last: HTTP 503 parked 600s");
  EXPECT_EQ(rows[0].host.robots_state, "parsed");
  EXPECT_DOUBLE_EQ(rows[0].wait_seconds, 1.25);
  EXPECT_FALSE(rows[0].active);
}

TEST(HostSnapshotText, SkipsMalformedLines) {
  auto rows = DecodeHostSnapshot("#written_ms=x\ngarbage\na\tb\tc\n\n", nullptr);
  EXPECT_TRUE(rows.empty());
}

}  // namespace
}  // namespace nc
