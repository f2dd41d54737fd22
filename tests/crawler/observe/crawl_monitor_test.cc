// The progress display: rates over the last 10 s, the TTY line redrawn in
// place, JSON stats lines every interval, the status file; all driven by a
// ManualClock, so nothing sleeps.
#include "crawler/observe/crawl_monitor.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/common/temp_dir.h"

namespace nc::observe {
namespace {

using std::chrono::seconds;

TEST(RateWindow, RateOverTheLastTenSeconds) {
  ManualClock clock;
  RateWindow window;
  window.Add(clock.Now(), 0, 0);
  EXPECT_EQ(window.PagesPerSecond(), 0);
  // 10 pages a second for 20 s, then 2 a second for 10 s.
  uint64_t pages = 0;
  for (int i = 0; i < 20; ++i) {
    clock.Advance(seconds(1));
    pages += 10;
    window.Add(clock.Now(), pages, pages * 1000);
  }
  EXPECT_DOUBLE_EQ(window.PagesPerSecond(), 10);
  EXPECT_DOUBLE_EQ(window.BytesPerSecond(), 10000);
  for (int i = 0; i < 10; ++i) {
    clock.Advance(seconds(1));
    pages += 2;
    window.Add(clock.Now(), pages, pages * 1000);
  }
  EXPECT_DOUBLE_EQ(window.PagesPerSecond(), 2);
}

TEST(RateWindow, ShortRunUsesWhatItHas) {
  ManualClock clock;
  RateWindow window;
  window.Add(clock.Now(), 0, 0);
  clock.Advance(seconds(2));
  window.Add(clock.Now(), 8, 0);
  EXPECT_DOUBLE_EQ(window.PagesPerSecond(), 4);
}

CrawlMonitor::Options Opts(CrawlMonitor::Progress progress,
                           std::function<void(std::string_view)> write) {
  CrawlMonitor::Options options;
  options.progress = progress;
  options.write = std::move(write);
  return options;
}

struct Captured {
  std::vector<std::string> writes;
  std::function<void(std::string_view)> Sink() {
    return [this](std::string_view text) { writes.emplace_back(text); };
  }
};

TEST(CrawlMonitor, TtyRedrawsOneLineAndEndsItAtFinish) {
  ManualClock clock;
  CrawlStats stats(clock);
  Captured out;
  CrawlMonitor monitor(stats, clock, Opts(CrawlMonitor::Progress::kTty, out.Sink()));
  stats.OnPageFetched("http://a.test/", "a.test", 200, 1, 0.1, "", "");
  clock.Advance(seconds(1));
  monitor.Tick();
  ASSERT_EQ(out.writes.size(), 1u);
  EXPECT_EQ(out.writes[0],
            "\r[    1.0s] fetched 1 (1.0/s) | queued 0 | hosts 0 active, 0 waiting, 0 parked | "
            "errors 0 | stored 0 pages, 0 kB\033[K");
  monitor.EchoLine("{\"event\":\"failed\"}");  // clears the line first
  EXPECT_EQ(out.writes[1], "\r\033[K{\"event\":\"failed\"}\n");
  monitor.Finish();
  EXPECT_EQ(out.writes.back().back(), '\n');
}

TEST(CrawlMonitor, JsonLinesEveryInterval) {
  ManualClock clock;
  CrawlStats stats(clock);
  Captured out;
  CrawlMonitor::Options options = Opts(CrawlMonitor::Progress::kJsonLines, out.Sink());
  options.json_interval = seconds(10);
  CrawlMonitor monitor(stats, clock, options);
  for (int i = 0; i < 25; ++i) {
    clock.Advance(seconds(1));
    monitor.Tick();
  }
  EXPECT_EQ(out.writes.size(), 2u);  // at 10 s and 20 s
  monitor.Finish();
  ASSERT_EQ(out.writes.size(), 3u);  // and the last figures
  EXPECT_EQ(out.writes[0].rfind("{\"t\":", 0), 0u);
  EXPECT_NE(out.writes[0].find("\"elapsed_seconds\":10.0,"), std::string::npos);
  EXPECT_NE(out.writes[2].find("\"elapsed_seconds\":25.0,"), std::string::npos);
}

TEST(CrawlMonitor, QueuedIsTheFrontierNowNotARunningTotal) {
  // The old line showed "queued +N", URLs added so far; the new one shows
  // what the store's frontier holds.
  ManualClock clock;
  CrawlStats stats(clock);
  Captured out;
  CrawlMonitor monitor(stats, clock, Opts(CrawlMonitor::Progress::kTty, out.Sink()));
  stats.OnCommit(1, 53, 0.01);
  CrawlStats::Gauges gauges;
  gauges.queued_now = 22;
  stats.SetGauges(gauges);
  monitor.Tick();
  EXPECT_NE(out.writes[0].find("| queued 22 |"), std::string::npos) << out.writes[0];
  EXPECT_EQ(monitor.Latest()->enqueued, 53u);
}

TEST(CrawlMonitor, WritesTheStatusFileWithTheProgressLine) {
  testing::TempDir dir;
  ManualClock clock;
  CrawlStats stats(clock);
  CrawlMonitor::Options options =
      Opts(CrawlMonitor::Progress::kOff, [](std::string_view) { FAIL() << "progress is off"; });
  options.status_file = dir / "status.json";
  CrawlMonitor monitor(stats, clock, options);
  stats.OnPageFetched("http://a.test/", "a.test", 200, 1, 0.1, "", "");
  monitor.Tick();
  std::ifstream in(dir / "status.json");
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("\"progress_line\":\"" + RenderProgressLine(*monitor.Latest()) + "\""),
            std::string::npos)
      << text.str();
  EXPECT_FALSE(std::filesystem::exists(dir / "status.json.tmp"));
}

}  // namespace
}  // namespace nc::observe
