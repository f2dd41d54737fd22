// [storage] worker_backlog_mib: the bytes of fetched bodies waiting for the
// worker threads at which fetching pauses (crawler/worker_backlog.h). Loaded,
// validated with the key named, and kept in the stored config, so a resumed
// job keeps its bound.

#include <gtest/gtest.h>

#include "config/crawl_config.h"
#include "tests/config/load_error.h"

namespace nc {
namespace {

TEST(WorkerBacklogConfig, DefaultIsValid) {
  CrawlConfig c;
  EXPECT_EQ(c.worker_backlog_mib, 4u);
  EXPECT_TRUE(ValidateConfig(c).ok());
}

TEST(WorkerBacklogConfig, LoadsAndRoundTrips) {
  CrawlConfig c;
  ASSERT_EQ(LoadError("[storage]\nworker_backlog_mib = 16\n", c), "");
  EXPECT_EQ(c.worker_backlog_mib, 16u);
  EXPECT_TRUE(ValidateConfig(c).ok());
  CrawlConfig back;
  ASSERT_TRUE(LoadConfigText(ConfigToToml(c), "stored", back).ok());
  EXPECT_EQ(back.worker_backlog_mib, 16u);
}

TEST(WorkerBacklogConfig, OutOfRangeIsRejectedNamingTheKey) {
  for (uint32_t mib : {0u, 4097u}) {
    CrawlConfig c;
    c.worker_backlog_mib = mib;
    Status s = ValidateConfig(c);
    ASSERT_FALSE(s.ok()) << mib;
    EXPECT_EQ(s.error().message, "key 'storage.worker_backlog_mib': must be 1..4096");
  }
  CrawlConfig c;
  for (uint32_t mib : {1u, 4096u}) {
    c.worker_backlog_mib = mib;
    EXPECT_TRUE(ValidateConfig(c).ok()) << mib;
  }
}

}  // namespace
}  // namespace nc
