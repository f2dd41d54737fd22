#pragma once
// Shared helpers of the storage tests: a fresh store per test, and short
// builders for outlinks and page records.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "storage/body_codec.h"
#include "storage/records.h"
#include "storage/store.h"
#include "tests/common/temp_dir.h"

namespace nc::storage::testing {

inline OutlinkRecord Link(std::string target, bool follow, LinkRole role = LinkRole::kHeadline,
                          std::string anchor = "", SkipReason reason = SkipReason::kNone) {
  OutlinkRecord link;
  // The host key of "https://host/path" is "host".
  size_t start = target.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  link.host_key = target.substr(start, target.find('/', start) - start);
  link.target = std::move(target);
  link.follow = follow;
  link.role = role;
  link.anchor_text = std::move(anchor);
  link.reason =
      follow ? SkipReason::kNone : (reason == SkipReason::kNone ? SkipReason::kRole : reason);
  link.depth = 1;
  return link;
}

inline OutlinkRecord Seed(std::string url) {
  OutlinkRecord seed = Link(std::move(url), /*follow=*/true);
  seed.depth = 0;
  return seed;
}

// Seeds https://a.test/0 .. https://a.test/<count - 1>, in that order.
inline std::vector<OutlinkRecord> NumberedSeeds(int count) {
  std::vector<OutlinkRecord> seeds;
  for (int i = 0; i < count; ++i) seeds.push_back(Seed("https://a.test/" + std::to_string(i)));
  return seeds;
}

// The outlinks of the small graph the export and edge tests read: a.test/art
// (headline, followed, `art_anchor`), a.test/about (footer, not followed for
// its role, `about_anchor`) and x.test/ (external, out of scope).
inline std::vector<OutlinkRecord> SmallGraphLinks(std::string art_anchor = "Un titre",
                                                  std::string about_anchor = "À propos") {
  return {Link("https://a.test/art", true, LinkRole::kHeadline, std::move(art_anchor)),
          Link("https://a.test/about", false, LinkRole::kFooter, std::move(about_anchor),
               SkipReason::kRole),
          Link("https://x.test/", false, LinkRole::kExternal, "", SkipReason::kScope)};
}

// A fetched 200 page for the frontier entry `queued` of `host_key`.
inline PageRecord Page(const std::string& host_key, const QueuedUrl& queued,
                       std::vector<OutlinkRecord> links = {},
                       std::string body = "<html>hi</html>") {
  PageRecord page;
  page.url = queued.url;
  page.host_key = host_key;
  page.frontier_seq = queued.seq;
  page.depth = queued.depth;
  page.kind = FetchKind::kFetched;
  page.http_status = 200;
  page.fetch_start_ms = 1'700'000'000'000;
  page.fetch_end_ms = 1'700'000'000'250;
  page.content_type = "text/html; charset=utf-8";
  page.response_headers = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
  page.body_size = body.size();
  page.body_zstd = CompressBody(body, 3);
  page.links = std::move(links);
  return page;
}

// `pages` as the records of one batch (CommitBatch takes any record kind).
inline std::vector<BatchRecord> AsBatch(std::vector<PageRecord> pages) {
  return std::vector<BatchRecord>(std::make_move_iterator(pages.begin()),
                                  std::make_move_iterator(pages.end()));
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = OpenStore(OpenMode::kCreate); }

  std::unique_ptr<Store> OpenStore(OpenMode mode, OpenOptions options = {}) {
    Result<std::unique_ptr<Store>> store = Store::Open(dir_.path() / "store", mode, options);
    EXPECT_TRUE(store.ok()) << store.error().message;
    return store.ok() ? std::move(*store) : nullptr;
  }

  // Adds a followed seed and returns its frontier entry.
  QueuedUrl AddSeed(const std::string& url) {
    OutlinkRecord seed = Seed(url);
    Result<CommitReport> report = store_->AddSeeds({&seed, 1});
    EXPECT_TRUE(report.ok()) << report.error().message;
    if (!report.ok() || report->enqueued.size() != 1) {
      ADD_FAILURE() << "seed not enqueued: " << url;
      return {};
    }
    return report->enqueued[0].url;
  }

  CommitReport Commit(std::vector<BatchRecord> batch) {
    Result<CommitReport> report = store_->CommitBatch(batch);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? std::move(*report) : CommitReport{};
  }

  StoreStats Stats() {
    Result<StoreStats> stats = store_->Stats();
    EXPECT_TRUE(stats.ok()) << stats.error().message;
    return stats.ok() ? *stats : StoreStats{};
  }

  std::vector<std::string> PendingUrls(const std::string& host_key) {
    Result<std::vector<QueuedUrl>> pending = store_->LoadPending(host_key, 0, 1000);
    EXPECT_TRUE(pending.ok()) << pending.error().message;
    std::vector<std::string> urls;
    if (pending.ok()) {
      for (const QueuedUrl& q : *pending) urls.push_back(q.url);
    }
    return urls;
  }

  nc::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace nc::storage::testing
