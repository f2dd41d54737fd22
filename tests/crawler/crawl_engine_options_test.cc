// WorkerCount: the size of the page-processing pool (parse_threads).

#include "crawler/crawl_engine_options.h"

#include <thread>

#include <gtest/gtest.h>

#include "config/crawl_config.h"

namespace nc {
namespace {

TEST(WorkerCount, AnExplicitParseThreadsIsKept) {
  CrawlConfig c;
  c.parse_threads = 3;
  EXPECT_EQ(WorkerCount(c), 3u);
}

// The default is one worker per core: on a 2-core machine two workers ran
// B1 30% faster than one at the same CPU per page (tests/bench/README.md).
TEST(WorkerCount, TheDefaultIsOnePerCore) {
  CrawlConfig c;
  ASSERT_EQ(c.parse_threads, 0u);
  const unsigned cores = std::thread::hardware_concurrency();
  EXPECT_EQ(WorkerCount(c), cores > 0 ? cores : 1u);
}

}  // namespace
}  // namespace nc
