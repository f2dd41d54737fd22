// A scrape never holds up the crawl (issue 13, "the observers cost under
// 2%"): a /status.json request is stuck in the status server's snapshot
// source for the whole of a fixture crawl, and the crawl still fetches,
// ticks its monitor and commits every page. No timing: were any engine path
// to wait for the scrape, RunCrawlJob would never return (the test would
// hang and time out); the scrape is released by the test after the crawl.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "common/clock.h"
#include "crawler/crawl_job.h"
#include "crawler/observe/crawl_monitor.h"
#include "crawler/observe/crawl_stats.h"
#include "crawler/observe/event_log.h"
#include "crawler/observe/io_thread.h"
#include "crawler/observe/status_server.h"
#include "tests/fixture/test_http_client.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

TEST(ObservedCrawl, CommitsEveryPageWhileAScrapeIsStuck) {
  FixtureRun site;
  ASSERT_TRUE(site.StartServer());
  auto store = storage::Store::Open(site.store, storage::OpenMode::kCreate, {});
  ASSERT_TRUE(store.ok());
  SystemClock clock;
  observe::IoThread io;
  observe::EventLog::Options log_options;
  log_options.io = &io;
  auto events = observe::EventLog::Open(site.store, log_options);
  ASSERT_TRUE(events.ok());
  observe::CrawlStats stats(clock);
  stats.SetEventLog(events->get());
  observe::CrawlMonitor::Options monitor_options;
  monitor_options.status_file = site.dir / "store" / "status.json";
  monitor_options.io = &io;
  observe::CrawlMonitor monitor(stats, clock, monitor_options);

  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  bool first = true;  // the server's thread only
  auto server = observe::StatusServer::Start({"127.0.0.1", 0}, [&] {
    auto snapshot = monitor.Latest();
    if (first) {
      first = false;
      entered.set_value();
      released.wait();  // a scrape stuck while it builds /status.json
    }
    return snapshot;
  });
  ASSERT_TRUE(server.ok());
  int scrape_status = 0;
  std::thread scraper([&, port = (*server)->port()] {
    fixture::testing::TestConnection c(port);
    scrape_status = c.Get("127.0.0.1", "/status.json").result_int();
  });
  entered.get_future().wait();

  JobRunOptions options;
  options.handle_signals = false;
  options.stats = &stats;
  options.on_progress = [&](const CrawlProgress&) {
    monitor.Tick();
    (*events)->WriteBuffered();
  };
  options.progress_interval = std::chrono::milliseconds(1);  // many ticks during the scrape
  auto outcome = RunCrawlJob(site.Config(), **store, clock, std::move(options));
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  monitor.Finish();

  auto store_stats = (*store)->Stats();
  ASSERT_TRUE(store_stats.ok());
  uint64_t pages = 0;
  for (uint64_t n : store_stats->pages_by_status_class) pages += n;
  EXPECT_GT(pages, 10u);
  EXPECT_EQ(monitor.Latest()->PagesFetched(), pages);
  release.set_value();
  scraper.join();
  EXPECT_EQ(scrape_status, 200);
}

}  // namespace
}  // namespace nc::testing
