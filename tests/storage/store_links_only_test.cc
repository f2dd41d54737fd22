// CommitBatch with links-only records (LinksOnly): the edges of a URL that
// is not a fetched page, such as the Sitemap: lines of a robots.txt. They
// enqueue like a page's outlinks, store no page, and are deduplicated by the
// seen-set when written again.

#include <gmock/gmock.h>

#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr char kRobots[] = "https://a.test/robots.txt";
constexpr char kSitemap[] = "https://a.test/sitemap.xml";
constexpr char kForeignSitemap[] = "https://cdn.other.test/sitemap.xml";

LinksOnly RobotsSitemaps() {
  LinksOnly record;
  record.url = kRobots;
  record.links.push_back(Link(kSitemap, /*follow=*/true, LinkRole::kFeed));
  record.links.push_back(
      Link(kForeignSitemap, /*follow=*/false, LinkRole::kExternal, "", SkipReason::kScope));
  return record;
}

class StoreLinksOnlyTest : public StoreTest {
 protected:
  struct Edge {
    std::string source, target;
    LinkRole role;
    bool followed;
    SkipReason reason;
    bool operator==(const Edge&) const = default;
  };
  std::vector<Edge> Edges() {
    std::vector<Edge> edges;
    Status s = store_->ForEachEdge([&](const EdgeView& e) {
      edges.push_back({std::string(e.source), std::string(e.target), e.role, e.followed, e.reason});
      return true;
    });
    EXPECT_TRUE(s.ok()) << s.error().message;
    return edges;
  }
};

TEST_F(StoreLinksOnlyTest, EnqueuesFollowedTargetsAndRecordsEdgesWithoutAPage) {
  AddSeed("https://a.test/");
  CommitReport report = Commit({RobotsSitemaps()});
  EXPECT_EQ(report.pages, 0u);  // nothing the engine counts as an outstanding page
  ASSERT_EQ(report.enqueued.size(), 1u);
  EXPECT_EQ(report.enqueued[0].url.url, kSitemap);
  EXPECT_EQ(report.enqueued[0].host_key, "a.test");
  EXPECT_EQ(report.enqueued[0].url.depth, 1u);
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre("https://a.test/", kSitemap));

  Result<std::optional<StoredPage>> page = store_->GetPage(kRobots);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_FALSE(page->has_value());
  EXPECT_THAT(Edges(), ElementsAre(Edge{kRobots, kSitemap, LinkRole::kFeed, true, SkipReason::kNone},
                                   Edge{kRobots, kForeignSitemap, LinkRole::kExternal, false,
                                        SkipReason::kScope}));
  StoreStats stats = Stats();
  EXPECT_EQ(stats.edges, 2u);
  EXPECT_EQ(stats.urls_known, 4u);  // seed, robots.txt, two sitemaps
  EXPECT_EQ(stats.urls_queued, 2u);
  uint64_t pages = 0;
  for (uint64_t n : stats.pages_by_status_class) pages += n;
  EXPECT_EQ(pages, 0u);
}

// robots.txt is fetched again after its TTL and on every resume: the same
// Sitemap: lines must not queue the sitemap again, whether it is still
// queued or already fetched, and the edges are replaced, not duplicated.
TEST_F(StoreLinksOnlyTest, WrittenAgainReplacesEdgesAndNeverRequeues) {
  Commit({RobotsSitemaps()});
  EXPECT_THAT(Commit({RobotsSitemaps()}).enqueued, IsEmpty());
  EXPECT_EQ(Edges().size(), 2u);
  EXPECT_EQ(Stats().edges, 2u);

  Result<std::vector<QueuedUrl>> pending = store_->LoadPending("a.test", 0, 10);
  ASSERT_TRUE(pending.ok() && pending->size() == 1);
  Commit({Page("a.test", (*pending)[0], {}, "<urlset/>")});
  EXPECT_THAT(PendingUrls("a.test"), IsEmpty());

  CommitReport again = Commit({RobotsSitemaps()});
  EXPECT_THAT(again.enqueued, IsEmpty());
  EXPECT_THAT(PendingUrls("a.test"), IsEmpty());
  EXPECT_EQ(Stats().edges, 2u);
  // The sitemap keeps its page.
  Result<std::optional<StoredPage>> sitemap = store_->GetPage(kSitemap);
  ASSERT_TRUE(sitemap.ok() && sitemap->has_value());
  EXPECT_EQ((*sitemap)->body, "<urlset/>");
}

TEST_F(StoreLinksOnlyTest, CountsOnlyPagesInAMixedBatch) {
  QueuedUrl home = AddSeed("https://a.test/");
  CommitReport report = Commit({RobotsSitemaps(), Page("a.test", home)});
  EXPECT_EQ(report.pages, 1u);
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre(kSitemap));
}

TEST_F(StoreLinksOnlyTest, WithoutLinksRemovesEarlierEdges) {
  Commit({RobotsSitemaps()});
  LinksOnly none;
  none.url = kRobots;
  Commit({none});
  EXPECT_THAT(Edges(), IsEmpty());
  EXPECT_EQ(Stats().edges, 0u);
  // What was queued stays queued: a URL once queued is fetched.
  EXPECT_THAT(PendingUrls("a.test"), UnorderedElementsAre(kSitemap));
}

}  // namespace
}  // namespace nc::storage::testing
