// Damaged `article_log` entries (storage/article_log.h): a reader gets a
// `store.corrupt` error that names the url id and what is wrong, never a
// crash or a wrong article; a page written again replaces its damaged
// entry, so the next crawl of the page repairs it.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "storage/article_log.h"
#include "storage/codec.h"
#include "tests/storage/raw_lmdb.h"
#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

class ArticleLogDamageTest : public StoreTest {
 protected:
  // One page with an article, url id 1 (its record is seq 1).
  void SetUp() override {
    StoreTest::SetUp();
    queued_ = AddSeed("https://www.x.test/a.html");
    PageRecord page = Page("www.x.test", queued_);
    page.article = "the article";
    Commit(AsBatch({page}));
  }

  // `fn` on the store's raw environment, with the store closed.
  void Damage(const std::function<void(lmdb::Txn&, lmdb::Dbi&)>& fn) {
    store_.reset();
    WithRawLmdb(dir_.path() / "store", [&](lmdb::Txn& txn) {
      lmdb::Dbi db = RawDb(txn, article_log::kDb);
      fn(txn, db);
    });
    store_ = OpenStore(OpenMode::kOpenExisting);
    ASSERT_TRUE(store_);
  }

  // The error both readers give, checked to be the same kind.
  std::string ReadError() {
    Result<std::optional<std::string>> got = store_->GetArticle(queued_.url);
    EXPECT_FALSE(got.ok());
    if (got.ok()) return "";
    EXPECT_EQ(got.error().code, "store.corrupt");
    Status walked = store_->ForEachArticle([](const Store::ArticleEntry&) { return true; });
    EXPECT_FALSE(walked.ok());
    if (!walked.ok()) {
      EXPECT_EQ(walked.error().message, got.error().message);
    }
    return got.error().message;
  }

  QueuedUrl queued_;
};

TEST_F(ArticleLogDamageTest, AnIndexValueOfTheWrongSizeNamesTheUrlId) {
  Damage([](lmdb::Txn& txn, lmdb::Dbi& db) {
    ASSERT_TRUE(db.Put(txn, article_log::IndexKey(1), "abc").ok());
  });
  const std::string message = ReadError();
  EXPECT_NE(message.find("url id 1 has 3 bytes"), std::string::npos) << message;
}

TEST_F(ArticleLogDamageTest, AMissingRecordNamesTheUrlId) {
  Damage([](lmdb::Txn& txn, lmdb::Dbi& db) {
    Result<bool> deleted = db.Del(txn, article_log::RecordKey(1));
    ASSERT_TRUE(deleted.ok() && *deleted);
  });
  const std::string message = ReadError();
  EXPECT_NE(message.find("record of url id 1 is missing"), std::string::npos) << message;
}

TEST_F(ArticleLogDamageTest, AnIndexKeyOfTheWrongSizeStopsTheWalkWithAnError) {
  Damage([](lmdb::Txn& txn, lmdb::Dbi& db) {
    ASSERT_TRUE(db.Put(txn, std::string("i\x01\x02", 3), "12345678").ok());
  });
  Status walked = store_->ForEachArticle([](const Store::ArticleEntry&) { return true; });
  ASSERT_FALSE(walked.ok());
  EXPECT_EQ(walked.error().code, "store.corrupt");
  EXPECT_NE(walked.error().message.find("article_log: key of 3 bytes"), std::string::npos)
      << walked.error().message;
}

TEST_F(ArticleLogDamageTest, ThePageWrittenAgainReplacesItsDamagedEntry) {
  Damage([](lmdb::Txn& txn, lmdb::Dbi& db) {
    ASSERT_TRUE(db.Put(txn, article_log::IndexKey(1), "abc").ok());
  });
  PageRecord again = Page("www.x.test", queued_);
  again.article = "fetched again";
  Commit(AsBatch({again}));
  Result<std::optional<std::string>> got = store_->GetArticle(queued_.url);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(*got, std::optional<std::string>("fetched again"));
  int walked_articles = 0;
  Status walked = store_->ForEachArticle([&](const Store::ArticleEntry& entry) {
    EXPECT_EQ(entry.value, "fetched again");
    ++walked_articles;
    return true;
  });
  ASSERT_TRUE(walked.ok()) << walked.error().message;
  EXPECT_EQ(walked_articles, 1);
}

}  // namespace
}  // namespace nc::storage::testing
