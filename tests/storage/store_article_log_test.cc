// Where articles are stored (storage/article_log.h): appended to
// `article_log` with an index by url id, while the `articles` database of
// stores written before is still read, merged in url id order, and
// cleared when its page is written again.

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/article_log.h"
#include "storage/schema.h"
#include "tests/storage/raw_lmdb.h"
#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

class StoreArticleLogTest : public StoreTest {
 protected:
  // "url=record" per article, in the order ForEachArticle gives them.
  std::vector<std::string> Listed() {
    std::vector<std::string> listed;
    Status walked = store_->ForEachArticle([&listed](const Store::ArticleEntry& article) {
      listed.push_back(std::string(article.url) + "=" + std::string(article.value));
      return true;
    });
    EXPECT_TRUE(walked.ok()) << walked.error().message;
    return listed;
  }

  std::optional<std::string> ArticleOf(const std::string& url) {
    Result<std::optional<std::string>> stored = store_->GetArticle(url);
    EXPECT_TRUE(stored.ok()) << stored.error().message;
    return stored.ok() ? *stored : std::nullopt;
  }

  // The store closed, `fn` on its raw environment, the store opened again.
  void WithStoreClosed(const std::function<void(lmdb::Txn&)>& fn) {
    store_.reset();
    WithRawLmdb(dir_.path() / "store", fn);
    store_ = OpenStore(OpenMode::kOpenExisting);
    ASSERT_TRUE(store_);
  }
};

TEST_F(StoreArticleLogTest, ArticlesOfAnOlderStoreAreReadBesideNewOnes) {
  const QueuedUrl a = AddSeed("https://www.x.test/a.html");  // url id 1
  const QueuedUrl b = AddSeed("https://www.x.test/b.html");  // 2
  const QueuedUrl c = AddSeed("https://www.x.test/c.html");  // 3
  Commit(AsBatch({Page("www.x.test", b)}));
  // b's article as a store written before article_log holds it.
  WithStoreClosed([](lmdb::Txn& txn) {
    ASSERT_TRUE(RawDb(txn, schema::kArticlesDb).Put(txn, schema::IdKey(2), "old b").ok());
  });
  PageRecord page_a = Page("www.x.test", a);
  page_a.article = "new a";
  PageRecord page_c = Page("www.x.test", c);
  page_c.article = "new c";
  Commit(AsBatch({page_c, page_a}));

  EXPECT_EQ(ArticleOf(b.url), "old b");
  EXPECT_EQ(ArticleOf(a.url), "new a");
  using Lines = std::vector<std::string>;
  EXPECT_EQ(Listed(), (Lines{a.url + "=new a", b.url + "=old b", c.url + "=new c"}));

  // b fetched again: its new article replaces the old one, in either database.
  PageRecord page_b = Page("www.x.test", b);
  page_b.article = "new b";
  Commit(AsBatch({page_b}));
  EXPECT_EQ(Listed(), (Lines{a.url + "=new a", b.url + "=new b", c.url + "=new c"}));
  WithStoreClosed([](lmdb::Txn& txn) {
    Result<std::optional<std::string_view>> old =
        RawDb(txn, schema::kArticlesDb).Get(txn, schema::IdKey(2));
    ASSERT_TRUE(old.ok());
    EXPECT_FALSE(*old);
  });
  // And a fetch with no article leaves none.
  Commit(AsBatch({Page("www.x.test", c)}));
  EXPECT_EQ(Listed(), (Lines{a.url + "=new a", b.url + "=new b"}));
  EXPECT_FALSE(ArticleOf(c.url));
}

TEST_F(StoreArticleLogTest, RecordsCommittedOutOfIdOrderShareTheirLeaves) {
  // Pages of two hosts' id ranges committed alternately, as a crawl of
  // several hosts does; ~1.5 KB records, as on B1. Keyed by url id, each
  // record took a leaf of its own (60 leaves).
  constexpr int kPages = 60;
  std::vector<QueuedUrl> queued;
  for (int i = 0; i < kPages; ++i) {
    queued.push_back(AddSeed("https://www.x.test/" + std::to_string(i) + ".html"));
  }
  for (int i = 0; i < kPages / 2; i += 2) {
    std::vector<PageRecord> batch;
    for (int j : {i, kPages / 2 + i, i + 1, kPages / 2 + i + 1}) {
      PageRecord page = Page("www.x.test", queued[j]);
      page.article = std::string(1500, static_cast<char>('a' + j % 26));
      batch.push_back(std::move(page));
    }
    Commit(AsBatch(std::move(batch)));
  }
  ASSERT_EQ(Listed().size(), static_cast<size_t>(kPages));
  EXPECT_EQ(ArticleOf(queued[37].url), std::string(1500, 'a' + 37 % 26));
  MDB_stat stat{};
  WithStoreClosed([&](lmdb::Txn& txn) {
    Result<MDB_stat> got = RawDb(txn, article_log::kDb).Stat(txn);
    ASSERT_TRUE(got.ok());
    stat = *got;
  });
  EXPECT_EQ(stat.ms_entries, 2u * kPages);  // a record and an index entry each
  EXPECT_LE(stat.ms_leaf_pages, kPages / 2 + 2);
}

}  // namespace
}  // namespace nc::storage::testing
