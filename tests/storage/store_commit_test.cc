// CommitBatch: pages, edges, enqueue-once semantics, counters.

#include <gmock/gmock.h>

#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct Edge {
  std::string source, target;
  LinkRole role;
  std::string anchor;
  bool followed;
  SkipReason reason;
  bool operator==(const Edge&) const = default;
};
std::ostream& operator<<(std::ostream& os, const Edge& e) {
  return os << e.source << " -> " << e.target << " [" << LinkRoleName(e.role) << " '" << e.anchor
            << "' followed=" << e.followed << " reason=" << SkipReasonName(e.reason) << "]";
}

class StoreCommitTest : public StoreTest {
 protected:
  std::vector<Edge> Edges() {
    std::vector<Edge> edges;
    Status s = store_->ForEachEdge([&](const EdgeView& e) {
      edges.push_back({std::string(e.source), std::string(e.target), e.role,
                       std::string(e.anchor_text), e.followed, e.reason});
      return true;
    });
    EXPECT_TRUE(s.ok()) << s.error().message;
    return edges;
  }

  std::vector<std::string> EnqueuedUrls(const CommitReport& report) {
    std::vector<std::string> urls;
    for (const auto& e : report.enqueued) urls.push_back(e.url.url);
    return urls;
  }
};

TEST_F(StoreCommitTest, CommittedPageReadsBackWithEveryField) {
  QueuedUrl home = AddSeed("https://a.test/");
  PageRecord page = Page("a.test", home, {}, "<html>bonjour</html>");
  page.body_truncated = true;
  page.depth = 4;
  page.charset = "windows-1252";
  CommitReport report = Commit({page});
  EXPECT_EQ(report.pages, 1u);

  Result<std::optional<StoredPage>> stored = store_->GetPage("https://a.test/");
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  ASSERT_TRUE(stored->has_value());
  const StoredPage& p = **stored;
  EXPECT_EQ(p.url, "https://a.test/");
  EXPECT_EQ(p.kind, FetchKind::kFetched);
  EXPECT_EQ(p.http_status, 200);
  EXPECT_EQ(p.error, "");
  EXPECT_EQ(p.fetch_start_ms, page.fetch_start_ms);
  EXPECT_EQ(p.fetch_end_ms, page.fetch_end_ms);
  EXPECT_EQ(p.depth, 4u);
  EXPECT_EQ(p.content_type, page.content_type);
  EXPECT_EQ(p.response_headers, page.response_headers);
  EXPECT_EQ(p.charset, "windows-1252");
  EXPECT_EQ(p.body, "<html>bonjour</html>");
  EXPECT_TRUE(p.body_truncated);
}

TEST_F(StoreCommitTest, FailedFetchKeepsItsError) {
  QueuedUrl home = AddSeed("https://a.test/");
  PageRecord page = Page("a.test", home, {}, "");
  page.kind = FetchKind::kFailed;
  page.http_status = 0;
  page.error = "tls: certificate verify failed";
  Commit({page});
  Result<std::optional<StoredPage>> stored = store_->GetPage("https://a.test/");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->kind, FetchKind::kFailed);
  EXPECT_EQ((*stored)->error, "tls: certificate verify failed");
  EXPECT_EQ((*stored)->body, "");
}

TEST_F(StoreCommitTest, UnknownOrUnfetchedUrlHasNoPage) {
  AddSeed("https://a.test/");
  for (const char* url : {"https://a.test/", "https://nowhere.test/", ""}) {
    Result<std::optional<StoredPage>> stored = store_->GetPage(url);
    ASSERT_TRUE(stored.ok()) << url;
    EXPECT_FALSE(stored->has_value()) << url;
  }
}

TEST_F(StoreCommitTest, CommitRemovesThePagesFrontierEntry) {
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/1"), Seed("https://a.test/2")};
  Result<CommitReport> seeded = store_->AddSeeds(seeds);
  ASSERT_TRUE(seeded.ok());
  Commit({Page("a.test", seeded->enqueued[0].url)});
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre("https://a.test/2"));
  EXPECT_EQ(Stats().urls_queued, 1u);
}

TEST_F(StoreCommitTest, FrontierEntryOfAnotherUrlIsNotRemovedOnAWrongSeq) {
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/1"), Seed("https://a.test/2")};
  Result<CommitReport> seeded = store_->AddSeeds(seeds);
  ASSERT_TRUE(seeded.ok());
  QueuedUrl wrong = seeded->enqueued[0].url;
  wrong.seq = seeded->enqueued[1].url.seq;  // seq of /2, url of /1
  Commit({Page("a.test", wrong)});
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre("https://a.test/1", "https://a.test/2"));
}

TEST_F(StoreCommitTest, FollowedOutlinksAreEnqueuedInSeqOrder) {
  QueuedUrl home = AddSeed("https://a.test/");
  CommitReport report =
      Commit({Page("a.test", home,
                   {Link("https://a.test/x", true), Link("https://b.test/y", true),
                    Link("https://a.test/z", true)})});
  EXPECT_THAT(EnqueuedUrls(report),
              ElementsAre("https://a.test/x", "https://b.test/y", "https://a.test/z"));
  ASSERT_EQ(report.enqueued.size(), 3u);
  EXPECT_EQ(report.enqueued[1].host_key, "b.test");
  EXPECT_LT(home.seq, report.enqueued[0].url.seq);
  EXPECT_LT(report.enqueued[0].url.seq, report.enqueued[1].url.seq);
  EXPECT_LT(report.enqueued[1].url.seq, report.enqueued[2].url.seq);
  EXPECT_EQ(report.enqueued[0].url.depth, 1u);
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre("https://a.test/x", "https://a.test/z"));
}

TEST_F(StoreCommitTest, UrlIsEnqueuedOnlyOnceAcrossPagesAndBatches) {
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/1"), Seed("https://a.test/2")};
  Result<CommitReport> seeded = store_->AddSeeds(seeds);
  ASSERT_TRUE(seeded.ok());
  // Two pages of one batch link the same article, twice each.
  CommitReport report =
      Commit({Page("a.test", seeded->enqueued[0].url,
                   {Link("https://a.test/art", true), Link("https://a.test/art", true)}),
              Page("a.test", seeded->enqueued[1].url, {Link("https://a.test/art", true)})});
  EXPECT_THAT(EnqueuedUrls(report), ElementsAre("https://a.test/art"));
  EXPECT_EQ(report.pages, 2u);
  // ...and again in a later batch, from the fetched article itself.
  CommitReport later =
      Commit({Page("a.test", report.enqueued[0].url,
                   {Link("https://a.test/art", true), Link("https://a.test/1", true)})});
  EXPECT_THAT(EnqueuedUrls(later), IsEmpty());
}

TEST_F(StoreCommitTest, KnownOnlyUrlIsEnqueuedWhenLaterFollowed) {
  QueuedUrl home = AddSeed("https://a.test/");
  CommitReport first = Commit(
      {Page("a.test", home, {Link("https://a.test/section", false, LinkRole::kNav, "Section")})});
  EXPECT_THAT(EnqueuedUrls(first), IsEmpty());
  EXPECT_EQ(Stats().urls_known, 2u);

  OutlinkRecord seed = Seed("https://b.test/");
  Result<CommitReport> b = store_->AddSeeds({&seed, 1});
  ASSERT_TRUE(b.ok());
  CommitReport second =
      Commit({Page("b.test", b->enqueued[0].url, {Link("https://a.test/section", true)})});
  EXPECT_THAT(EnqueuedUrls(second), ElementsAre("https://a.test/section"));
  EXPECT_EQ(Stats().urls_known, 3u);  // the same URL, not a new one
}

TEST_F(StoreCommitTest, EveryOutlinkIsAnEdgeWithAnchorRoleAndFollowState) {
  QueuedUrl home = AddSeed("https://a.test/");
  std::vector<OutlinkRecord> links = SmallGraphLinks();
  links.push_back(Link("https://a.test/art", true, LinkRole::kHeadline, "Lire\tla suite\n"));
  Commit({Page("a.test", home, std::move(links))});
  EXPECT_THAT(Edges(),
              ElementsAre(Edge{"https://a.test/", "https://a.test/art", LinkRole::kHeadline,
                               "Un titre", true, SkipReason::kNone},
                          Edge{"https://a.test/", "https://a.test/about", LinkRole::kFooter,
                               "À propos", false, SkipReason::kRole},
                          Edge{"https://a.test/", "https://x.test/", LinkRole::kExternal, "", false,
                               SkipReason::kScope},
                          Edge{"https://a.test/", "https://a.test/art", LinkRole::kHeadline,
                               "Lire\tla suite\n", true, SkipReason::kNone}));
  EXPECT_EQ(Stats().edges, 4u);
}

TEST_F(StoreCommitTest, LinkToAFetchedPageIsFollowedButNotEnqueued) {
  QueuedUrl home = AddSeed("https://a.test/");
  CommitReport first = Commit({Page("a.test", home, {Link("https://a.test/art", true)})});
  ASSERT_EQ(first.enqueued.size(), 1u);
  CommitReport second = Commit({Page("a.test", first.enqueued[0].url,
                                     {Link("https://a.test/", true, LinkRole::kNav, "Accueil")})});
  EXPECT_THAT(EnqueuedUrls(second), IsEmpty());
  EXPECT_TRUE(Edges().back().followed);
}

TEST_F(StoreCommitTest, LinkWithAnUnusableHostKeyIsRecordedAsNotFollowed) {
  QueuedUrl home = AddSeed("https://a.test/");
  OutlinkRecord hostile = Link("https://" + std::string(500, 'h') + ".test/", true);
  CommitReport report = Commit({Page("a.test", home, {hostile, Link("https://a.test/ok", true)})});
  EXPECT_THAT(EnqueuedUrls(report), ElementsAre("https://a.test/ok"));
  std::vector<Edge> edges = Edges();
  ASSERT_EQ(edges.size(), 2u);
  EXPECT_FALSE(edges[0].followed);
  EXPECT_EQ(edges[0].reason, SkipReason::kInvalid);
  EXPECT_TRUE(edges[1].followed);
}

TEST_F(StoreCommitTest, SelfLinkIsNotEnqueued) {
  QueuedUrl home = AddSeed("https://a.test/");
  CommitReport report = Commit({Page("a.test", home, {Link("https://a.test/", true)})});
  EXPECT_THAT(EnqueuedUrls(report), IsEmpty());
  EXPECT_THAT(PendingUrls("a.test"), IsEmpty());
}

TEST_F(StoreCommitTest, CountersFollowStatusClassesAndBodySizes) {
  Result<CommitReport> seeded = store_->AddSeeds(NumberedSeeds(5));
  ASSERT_TRUE(seeded.ok());
  std::vector<PageRecord> batch;
  for (int i = 0; i < 5; ++i) batch.push_back(Page("a.test", seeded->enqueued[i].url));
  batch[1].http_status = 404;
  batch[2].http_status = 503;
  batch[3].kind = FetchKind::kFailed;
  batch[3].http_status = 0;
  batch[4].kind = FetchKind::kRobotsDenied;
  batch[4].http_status = 0;
  batch[4].body_zstd.clear();
  batch[4].body_size = 0;
  uint64_t body_bytes = 0, stored_bytes = 0;
  for (const PageRecord& p : batch) {
    body_bytes += p.body_size;
    stored_bytes += p.body_zstd.size();
  }
  Commit(AsBatch(batch));
  ASSERT_TRUE(store_->PutRobots("https://a.test", 200, "User-agent: *\nAllow: /\n", 1).ok());

  StoreStats stats = Stats();
  EXPECT_EQ(stats.pages_by_status_class[0], 1u);  // the failed fetch
  EXPECT_EQ(stats.pages_by_status_class[2], 1u);
  EXPECT_EQ(stats.pages_by_status_class[4], 1u);
  EXPECT_EQ(stats.pages_by_status_class[5], 1u);
  EXPECT_EQ(stats.robots_denied, 1u);
  EXPECT_EQ(stats.body_bytes, body_bytes);
  EXPECT_EQ(stats.stored_bytes, stored_bytes);
  EXPECT_EQ(stats.urls_queued, 0u);
  EXPECT_EQ(stats.urls_known, 5u);
  EXPECT_EQ(stats.hosts, 1u);
  EXPECT_EQ(*store_->PagesRecorded(), 5u);
}

TEST_F(StoreCommitTest, PageWrittenTwiceIsCountedOnceAndReplaced) {
  QueuedUrl home = AddSeed("https://a.test/");
  PageRecord first =
      Page("a.test", home, {Link("https://a.test/old", true, LinkRole::kHeadline, "old")});
  first.http_status = 503;
  Commit({first});
  // The fetch is redone (e.g. after a crash before the scheduler saw the commit).
  PageRecord again =
      Page("a.test", home, {Link("https://a.test/new", true, LinkRole::kHeadline, "new")},
           "<html>second</html>");
  Commit({again});

  EXPECT_EQ(*store_->PagesRecorded(), 1u);
  StoreStats stats = Stats();
  EXPECT_EQ(stats.pages_by_status_class[5], 0u);
  EXPECT_EQ(stats.pages_by_status_class[2], 1u);
  EXPECT_EQ(stats.body_bytes, again.body_size);
  EXPECT_EQ(stats.stored_bytes, again.body_zstd.size());
  EXPECT_EQ(store_->GetPage("https://a.test/")->value().body, "<html>second</html>");
  std::vector<Edge> edges = Edges();
  ASSERT_EQ(edges.size(), 1u);
  EXPECT_EQ(edges[0].target, "https://a.test/new");
  EXPECT_EQ(stats.edges, 1u);
}

TEST_F(StoreCommitTest, PageRewrittenWithoutLinksDropsItsOldEdges) {
  QueuedUrl home = AddSeed("https://a.test/");
  Commit({Page("a.test", home, {Link("https://a.test/1", true), Link("https://a.test/2", true)})});
  EXPECT_EQ(Stats().edges, 2u);
  Commit({Page("a.test", home)});
  EXPECT_EQ(Stats().edges, 0u);
  EXPECT_TRUE(Edges().empty());
}

TEST_F(StoreCommitTest, StateChangesWithinOneBatchAreSeenByLaterPages) {
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/1"), Seed("https://a.test/2"),
                                      Seed("https://a.test/3"), Seed("https://a.test/x")};
  Result<CommitReport> seeded = store_->AddSeeds(seeds);
  ASSERT_TRUE(seeded.ok());
  const std::string y = "https://a.test/y";
  CommitReport report = Commit({
      Page("a.test", seeded->enqueued[0].url, {Link(y, false)}),  // y: known only
      Page("a.test", seeded->enqueued[1].url, {Link(y, true)}),   // y: queued now
      Page("a.test", seeded->enqueued[3].url),                    // x: done
      Page("a.test", seeded->enqueued[2].url,
           {Link(y, true), Link("https://a.test/x", true)}),  // nothing new
  });
  EXPECT_THAT(EnqueuedUrls(report), ElementsAre(y));
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre(y));
  std::vector<Edge> edges = Edges();
  ASSERT_EQ(edges.size(), 4u);
  EXPECT_FALSE(edges[0].followed);
  EXPECT_TRUE(edges[1].followed);
  EXPECT_TRUE(edges[2].followed);
  EXPECT_TRUE(edges[3].followed);
}

// A cluster node acknowledges a URL's hand-off message once done_urls names
// it: every committed fetch names its URL, a watched seed's as a linked
// page's (issue 15: without it nothing was acked and the job never ended).
TEST_F(StoreCommitTest, ReportNamesEveryCommittedPageSeedOrLinked) {
  QueuedUrl home = AddSeed("https://a.test/");
  CommitReport first = Commit({Page("a.test", home, {Link("https://a.test/x", true)})});
  EXPECT_THAT(first.done_urls, ElementsAre("https://a.test/"));
  ASSERT_EQ(first.enqueued.size(), 1u);
  CommitReport second = Commit({Page("a.test", first.enqueued[0].url)});
  EXPECT_THAT(second.done_urls, ElementsAre("https://a.test/x"));
}

// A cluster node's intake (AddClusterUrls) is queued as seeds are, but its
// URLs are the job's, not watched pages; a page whose links the job routes
// (admit_followed false) queues none of them here and watches none, so its
// commit reports nothing enqueued for the node to publish again.
TEST_F(StoreCommitTest, ClusterIntakeIsQueuedNotWatchedAndItsLinksStayTheJobs) {
  std::vector<OutlinkRecord> urls = {Seed("https://a.test/"), Seed("https://a.test/")};
  Result<CommitReport> added = store_->AddClusterUrls(urls, 1'700'000'000'000);
  ASSERT_TRUE(added.ok()) << added.error().message;
  ASSERT_EQ(added->enqueued.size(), 1u);  // the repeat is absorbed
  EXPECT_THAT(added->watched, IsEmpty());
  PageRecord page =
      Page("a.test", added->enqueued[0].url,
           {Link("https://a.test/x", true), Link("https://a.test/nav", true, LinkRole::kNav)});
  page.admit_followed = false;
  CommitReport report = Commit({page});
  EXPECT_THAT(report.done_urls, ElementsAre("https://a.test/"));
  EXPECT_THAT(report.enqueued, IsEmpty());
  EXPECT_THAT(report.watched, IsEmpty());
  size_t watched = 0;
  ASSERT_TRUE(store_->ForEachWatched([&](const WatchedPage&) { return ++watched, true; }).ok());
  EXPECT_EQ(watched, 0u);
  // Seeds, by contrast, are watched pages.
  OutlinkRecord seed = Seed("https://b.test/");
  Result<CommitReport> seeded = store_->AddSeeds({&seed, 1});
  ASSERT_TRUE(seeded.ok());
  ASSERT_EQ(seeded->watched.size(), 1u);
  // A watched page's commit honours admit_followed too.
  PageRecord seed_page = Page("b.test", seeded->enqueued[0].url, {Link("https://b.test/y", true)});
  seed_page.admit_followed = false;
  EXPECT_THAT(Commit({seed_page}).enqueued, IsEmpty());
}

// A cluster node's robots.txt sitemaps (LinksOnly, admit_followed false)
// are not queued here, where the scheduler would not find them, nor
// watched: the commit reports them as the job's, to publish.
TEST_F(StoreCommitTest, ClusterLinksOnlyAreReportedForTheJobNotQueued) {
  LinksOnly sitemaps{"https://a.test/robots.txt",
                     {Link("https://a.test/sitemap.xml", true, LinkRole::kFeed),
                      Link("https://a.test/private", false)}};
  sitemaps.admit_followed = false;
  CommitReport report = Commit({sitemaps});
  EXPECT_THAT(report.enqueued, IsEmpty());
  EXPECT_THAT(report.watched, IsEmpty());
  ASSERT_EQ(report.job_links.size(), 1u);
  EXPECT_EQ(report.job_links[0].target, "https://a.test/sitemap.xml");
  // Pulled back from the job, it is new to the frontier.
  OutlinkRecord pulled = Seed("https://a.test/sitemap.xml");
  Result<CommitReport> added = store_->AddClusterUrls({&pulled, 1});
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->enqueued.size(), 1u);
  // A single-node crawl queues them as before.
  LinksOnly local{"https://b.test/robots.txt",
                  {Link("https://b.test/sitemap.xml", true, LinkRole::kFeed)}};
  CommitReport queued = Commit({local});
  EXPECT_EQ(queued.enqueued.size(), 1u);
  EXPECT_THAT(queued.job_links, IsEmpty());
}

TEST_F(StoreCommitTest, FailedBatchCommitsNothing) {
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/1"), Seed("https://a.test/2")};
  Result<CommitReport> seeded = store_->AddSeeds(seeds);
  ASSERT_TRUE(seeded.ok());
  std::vector<PageRecord> batch = {
      Page("a.test", seeded->enqueued[0].url, {Link("https://a.test/n", true)}),
      Page("a.test", seeded->enqueued[1].url)};
  batch[1].url.clear();  // invalid record
  Result<CommitReport> report = store_->CommitBatch(AsBatch(batch));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, "store.invalid");
  EXPECT_FALSE(store_->GetPage("https://a.test/1")->has_value());
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre("https://a.test/1", "https://a.test/2"));
  EXPECT_EQ(*store_->PagesRecorded(), 0u);
  EXPECT_EQ(Stats().edges, 0u);
}

TEST_F(StoreCommitTest, CommittedBatchSurvivesReopen) {
  QueuedUrl home = AddSeed("https://a.test/");
  Commit({Page("a.test", home, {Link("https://a.test/x", true, LinkRole::kRelated, "x")})});
  store_.reset();
  store_ = OpenStore(OpenMode::kOpenExisting);
  ASSERT_TRUE(store_);
  EXPECT_TRUE(store_->GetPage("https://a.test/")->has_value());
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre("https://a.test/x"));
  EXPECT_EQ(Edges().size(), 1u);
  EXPECT_EQ(*store_->PagesRecorded(), 1u);
}

TEST_F(StoreCommitTest, UrlsLongerThanAnLmdbKeyRoundTrip) {
  // Two URLs longer than 511 bytes that share their first 2000 bytes.
  std::string base = "https://a.test/search?q=" + std::string(2000, 'q');
  std::string long1 = base + "&page=1";
  std::string long2 = base + "&page=2";
  QueuedUrl first = AddSeed(long1);
  EXPECT_EQ(first.url, long1);
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre(long1));

  CommitReport report = Commit(
      {Page("a.test", first, {Link(long2, true, LinkRole::kOther, "next"), Link(long1, true)})});
  EXPECT_THAT(EnqueuedUrls(report), ElementsAre(long2));
  Result<std::optional<StoredPage>> stored = store_->GetPage(long1);
  ASSERT_TRUE(stored.ok() && stored->has_value()) << (stored.ok() ? "" : stored.error().message);
  EXPECT_EQ((*stored)->url, long1);
  EXPECT_FALSE(store_->GetPage(long2)->has_value());
  std::vector<Edge> edges = Edges();
  ASSERT_EQ(edges.size(), 2u);
  EXPECT_EQ(edges[0].source, long1);
  EXPECT_EQ(edges[0].target, long2);
  EXPECT_EQ(Stats().urls_known, 2u);
}

TEST_F(StoreCommitTest, UrlWithNulByteIsKeptDistinct) {
  std::string with_nul("https://a.test/\0x", 17);
  OutlinkRecord seed = Seed(with_nul);
  seed.host_key = "a.test";
  ASSERT_TRUE(store_->AddSeeds({&seed, 1}).ok());
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre(with_nul));
}

TEST_F(StoreCommitTest, ForEachPageUrlListsPagesWithTheirStatus) {
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/1"), Seed("https://a.test/2")};
  Result<CommitReport> seeded = store_->AddSeeds(seeds);
  ASSERT_TRUE(seeded.ok());
  std::vector<PageRecord> batch = {Page("a.test", seeded->enqueued[0].url),
                                   Page("a.test", seeded->enqueued[1].url)};
  batch[1].http_status = 404;
  Commit(AsBatch(batch));
  std::vector<std::pair<std::string, uint16_t>> pages;
  ASSERT_TRUE(store_
                  ->ForEachPageUrl([&](std::string_view url, uint16_t status) {
                    pages.emplace_back(url, status);
                    return true;
                  })
                  .ok());
  EXPECT_THAT(pages, ElementsAre(std::pair<std::string, uint16_t>{"https://a.test/1", 200},
                                 std::pair<std::string, uint16_t>{"https://a.test/2", 404}));
}

TEST_F(StoreCommitTest, ForEachEdgeStopsWhenAsked) {
  QueuedUrl home = AddSeed("https://a.test/");
  Commit({Page("a.test", home, {Link("https://a.test/1", true), Link("https://a.test/2", true)})});
  int seen = 0;
  ASSERT_TRUE(store_->ForEachEdge([&](const EdgeView&) { return ++seen < 1; }).ok());
  EXPECT_EQ(seen, 1);
}

TEST_F(StoreCommitTest, RobotsRecordRoundTrips) {
  ASSERT_TRUE(store_->PutRobots("https://a.test", 503, "", 1000).ok());
  ASSERT_TRUE(store_->PutRobots("https://a.test", 200, "User-agent: *\nDisallow: /x\n", 1234).ok());
  ASSERT_TRUE(store_->PutRobots("https://a.test", 404, "gone", 5678).ok());  // replaced
  Result<std::optional<RobotsRecord>> robots = store_->LoadRobots("https://a.test");
  ASSERT_TRUE(robots.ok() && robots->has_value());
  EXPECT_EQ((*robots)->http_status, 404);
  EXPECT_EQ((*robots)->fetched_ms, 5678);
  EXPECT_EQ((*robots)->body, "gone");
  EXPECT_FALSE(store_->LoadRobots("https://b.test")->has_value());
  EXPECT_EQ(Stats().hosts, 1u);
}

// RFC 9309 2.4: the rules of the last usable fetch stay the cache when a
// later fetch is unreachable, so a resumed crawl can keep using them.
TEST_F(StoreCommitTest, UnreachableRobotsDoesNotReplaceUsableRules) {
  ASSERT_TRUE(store_->PutRobots("https://a.test", 200, "User-agent: *\nDisallow: /x\n", 1234).ok());
  for (int status : {503, 429, 0}) {
    ASSERT_TRUE(store_->PutRobots("https://a.test", status, "", 5678).ok());
  }
  Result<std::optional<RobotsRecord>> robots = store_->LoadRobots("https://a.test");
  ASSERT_TRUE(robots.ok() && robots->has_value());
  EXPECT_EQ((*robots)->http_status, 200);
  EXPECT_EQ((*robots)->fetched_ms, 1234);
  EXPECT_EQ((*robots)->body, "User-agent: *\nDisallow: /x\n");
  // An unreachable record is replaced by the next one of any kind.
  ASSERT_TRUE(store_->PutRobots("https://b.test", 0, "", 1).ok());
  ASSERT_TRUE(store_->PutRobots("https://b.test", 500, "", 2).ok());
  EXPECT_EQ((*store_->LoadRobots("https://b.test"))->fetched_ms, 2);
}

}  // namespace
}  // namespace nc::storage::testing

namespace nc::storage::testing {
namespace {

class StoreRetryTest : public StoreTest {};

TEST_F(StoreRetryTest, RetryRequeuesUnderANewSeqWithOneMoreAttemptAndStoresNoPage) {
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/1"), Seed("https://a.test/2")};
  Result<CommitReport> seeded = store_->AddSeeds(seeds);
  ASSERT_TRUE(seeded.ok());
  const QueuedUrl first = seeded->enqueued[0].url;
  PageRecord failed = Page("a.test", first);
  failed.http_status = 503;
  CommitReport report = Commit({RetryLater{failed, first.attempts}});

  ASSERT_EQ(report.enqueued.size(), 1u);
  const QueuedUrl& again = report.enqueued[0].url;
  EXPECT_EQ(again.url, "https://a.test/1");
  EXPECT_GT(again.seq, seeded->enqueued[1].url.seq);  // behind what was already queued
  EXPECT_EQ(again.attempts, 1u);
  // Still pending (once), now after /2; no page record yet.
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre("https://a.test/2", "https://a.test/1"));
  Result<std::vector<QueuedUrl>> pending = store_->LoadPending("a.test", 0, 10);
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ((*pending)[1].attempts, 1u);
  auto page = store_->GetPage("https://a.test/1");
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->has_value());

  // The next fetch succeeds: the page is stored and the entry goes.
  Commit({Page("a.test", again)});
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre("https://a.test/2"));
  page = store_->GetPage("https://a.test/1");
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->has_value());
}

// The bug: CommitPage marked the URL done before requeueing it, so its
// second transient failure found it done and was stored as the page:
// max_retries = 2 acted like 1.
TEST_F(StoreRetryTest, SecondRetryIsRequeuedTooNotStoredAsThePage_MaxRetriesTwoActedLikeOne) {
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/1")};
  Result<CommitReport> seeded = store_->AddSeeds(seeds);
  ASSERT_TRUE(seeded.ok());
  QueuedUrl entry = seeded->enqueued[0].url;
  for (uint32_t attempt = 0; attempt < 2; ++attempt) {
    PageRecord failed = Page("a.test", entry);
    failed.http_status = 503;
    CommitReport report = Commit({RetryLater{failed, entry.attempts}});
    ASSERT_EQ(report.enqueued.size(), 1u) << "attempt " << attempt;
    entry = report.enqueued[0].url;
    EXPECT_EQ(entry.attempts, attempt + 1);
    auto page = store_->GetPage("https://a.test/1");
    ASSERT_TRUE(page.ok());
    EXPECT_FALSE(page->has_value()) << "stored as a page after retry " << attempt + 1;
  }
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre("https://a.test/1"));
}

TEST_F(StoreRetryTest, FailureReasonAndAttemptsAreStoredWithThePage) {
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/1")};
  Result<CommitReport> seeded = store_->AddSeeds(seeds);
  ASSERT_TRUE(seeded.ok());
  PageRecord failed = Page("a.test", seeded->enqueued[0].url);
  failed.kind = FetchKind::kFailed;
  failed.reason = FailureReason::kConnectRefused;
  failed.attempts = 3;
  failed.error = "connect: connection refused";
  Commit({failed});
  auto page = store_->GetPage("https://a.test/1");
  ASSERT_TRUE(page.ok() && page->has_value());
  EXPECT_EQ((*page)->reason, FailureReason::kConnectRefused);
  EXPECT_EQ((*page)->attempts, 3u);
  EXPECT_EQ((*page)->error, "connect: connection refused");
}

}  // namespace
}  // namespace nc::storage::testing
