// The observers' writes run on an IoThread: the engine's thread hands them
// over and goes on even while the disk (here: a job the test holds) does not
// answer. No timing: a held job is released by the test itself; were a
// hand-off to wait for the disk, the test would hang (and time out).
#include "crawler/observe/io_thread.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <future>
#include <sstream>

#include "crawler/observe/crawl_monitor.h"
#include "crawler/observe/event_log.h"
#include "tests/common/temp_dir.h"

namespace nc::observe {
namespace {

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Holds the IoThread in a job until Release(): a disk that does not answer.
class HeldDisk {
 public:
  explicit HeldDisk(IoThread& io) {
    io.Post([future = release_.get_future().share()] { future.wait(); });
  }
  void Release() { release_.set_value(); }

 private:
  std::promise<void> release_;
};

TEST(IoThread, RunsJobsInOrderAndDrainWaitsForThem) {
  IoThread io;
  std::vector<int> ran;
  for (int i = 0; i < 100; ++i) io.Post([&ran, i] { ran.push_back(i); });
  io.Drain();
  ASSERT_EQ(ran.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(ran[i], i);
}

TEST(IoThread, DestructorRunsWhatWasPosted) {
  int ran = 0;
  {
    IoThread io;
    for (int i = 0; i < 10; ++i) io.Post([&ran] { ++ran; });
  }
  EXPECT_EQ(ran, 10);
}

TEST(EventLog, WritesNeverWaitForTheDisk) {
  testing::TempDir dir;
  IoThread io;
  EventLog::Options options;
  options.io = &io;
  auto log = EventLog::Open(dir.path(), options);
  ASSERT_TRUE(log.ok());
  HeldDisk disk(io);
  // ~200 KB of lines: several 64 KiB chunks handed off while the disk is held.
  const std::string members = "\"url\":\"http://a.test/" + std::string(180, 'x') + "\"";
  for (int i = 0; i < 1000; ++i) (*log)->Write(i, "fetched", members, false);
  (*log)->WriteBuffered();
  EXPECT_EQ(ReadAll(dir / "events.jsonl"), "");  // nothing written yet: the disk is held
  disk.Release();
  (*log)->Flush();
  const std::string text = ReadAll(dir / "events.jsonl");
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1000);
  const std::string last = text.substr(text.rfind('\n', text.size() - 2) + 1);
  EXPECT_TRUE(last.starts_with("{\"t\":999,")) << last;
}

TEST(CrawlMonitor, TickNeverWaitsForTheDisk) {
  testing::TempDir dir;
  ManualClock clock;
  CrawlStats stats(clock);
  IoThread io;
  std::vector<std::string> lines;  // written on the IoThread, read after Finish
  CrawlMonitor::Options options;
  options.progress = CrawlMonitor::Progress::kJsonLines;
  options.json_interval = std::chrono::seconds(1);
  options.write = [&lines](std::string_view text) { lines.emplace_back(text); };
  options.status_file = dir / "status.json";
  options.io = &io;
  CrawlMonitor monitor(stats, clock, options);
  HeldDisk disk(io);
  for (int i = 0; i < 5; ++i) {
    stats.OnPageFetched("http://a.test/", "a.test", 200, 1, 0.1, "", "");
    clock.Advance(std::chrono::seconds(1));
    monitor.Tick();
  }
  EXPECT_EQ(monitor.Latest()->PagesFetched(), 5u);  // published without the disk
  EXPECT_FALSE(std::filesystem::exists(dir / "status.json"));
  disk.Release();
  monitor.Finish();  // waits for the writes
  EXPECT_EQ(lines.size(), 6u);  // one a second, and the last one
  EXPECT_NE(ReadAll(dir / "status.json").find("\"progress_line\""), std::string::npos);
}

}  // namespace
}  // namespace nc::observe
