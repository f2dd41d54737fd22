// The `articles` database: a page's article is committed in the page's own
// transaction, read back by URL and in a scan, replaced when the page is
// written again, and dropped when the new fetch has none.

#include <gtest/gtest.h>

#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

class StoreArticlesTest : public StoreTest {
 protected:
  std::vector<std::pair<std::string, std::string>> AllArticles() {
    std::vector<std::pair<std::string, std::string>> all;
    EXPECT_TRUE(store_->ForEachArticle([&](const Store::ArticleEntry& e) {
      all.emplace_back(std::string(e.url), std::string(e.value));
      EXPECT_EQ(e.fetch_start_ms, 1'700'000'000'000);
      return true;
    }).ok());
    return all;
  }
};

TEST_F(StoreArticlesTest, ArticleIsStoredWithItsPage) {
  const QueuedUrl a = AddSeed("https://www.x.test/2026/04/16/a.html");
  const QueuedUrl b = AddSeed("https://www.x.test/rubrique/");
  PageRecord article_page = Page("www.x.test", a);
  article_page.article = std::string("\x01 encoded article", 18);
  Commit(AsBatch({article_page, Page("www.x.test", b)}));

  Result<std::optional<std::string>> stored = store_->GetArticle(a.url);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  ASSERT_TRUE(*stored);
  EXPECT_EQ(**stored, article_page.article);
  Result<std::optional<std::string>> none = store_->GetArticle(b.url);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(*none);
  Result<std::optional<std::string>> unknown = store_->GetArticle("https://www.x.test/nope");
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(*unknown);
  const auto all = AllArticles();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].first, a.url);
}

TEST_F(StoreArticlesTest, APageWrittenAgainReplacesOrDropsItsArticle) {
  const QueuedUrl a = AddSeed("https://www.x.test/2026/04/16/a.html");
  PageRecord page = Page("www.x.test", a);
  page.article = "first";
  Commit(AsBatch({page}));
  // The same page committed again (a fetch redone after a crash): one
  // article, the new one.
  page.article = "second";
  Commit(AsBatch({page}));
  auto all = AllArticles();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].second, "second");
  // A new fetch that is no article any more leaves none behind.
  page.article.clear();
  Commit(AsBatch({page}));
  EXPECT_TRUE(AllArticles().empty());
}

TEST_F(StoreArticlesTest, ReadOnlyOpenReadsArticles) {
  const QueuedUrl a = AddSeed("https://www.x.test/2026/04/16/a.html");
  PageRecord page = Page("www.x.test", a);
  page.article = "value";
  Commit(AsBatch({page}));
  store_.reset();
  OpenOptions options;
  options.read_only = true;
  store_ = OpenStore(OpenMode::kOpenExisting, options);
  ASSERT_TRUE(store_);
  Result<std::optional<std::string>> stored = store_->GetArticle(a.url);
  ASSERT_TRUE(stored.ok());
  ASSERT_TRUE(*stored);
  EXPECT_EQ(**stored, "value");
}

}  // namespace
}  // namespace nc::storage::testing
