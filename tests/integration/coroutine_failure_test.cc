// An exception inside one of the engine's coroutines (here FetchPage, as a
// bad_alloc there would be) ends the crawl with a "crawl.internal" error
// instead of vanishing and leaving the crawl waiting forever; what was
// committed before stays, the job is left "interrupted", and a resume
// finishes the crawl with the ground-truth pages. (Before the fix, this test
// hung: asio::detached dropped the exception and the dispatcher waited for
// a fetch that would never end.)

#include <gtest/gtest.h>

#include <new>

#include "common/clock.h"
#include "crawler/crawl_job.h"
#include "storage/schema.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

constexpr int kFailingFetch = 6;  // the Nth page fetch throws

TEST(CoroutineFailure, AnExceptionInFetchPageEndsTheCrawlWithTheErrorAndResumeFinishesIt) {
  TempDir dir;
  auto server = fixture::FixtureServer::Start(fixture::ServerOptions{}, dir.path());
  ASSERT_TRUE(server.ok());
  const CrawlConfig config = FixtureConfig(**server, /*tls=*/false, /*min_delay=*/0.0);
  const std::string store_dir = (dir / "store").string();
  {
    std::unique_ptr<storage::Store> store = CreateStoreWithConfig(store_dir, config);
    ASSERT_NE(store, nullptr);
    SystemClock clock;
    CrawlEngine engine(config, *store, clock);
    int fetches = 0;
    engine.SetBeforeFetchPageHookForTesting([&fetches](const std::string&) {
      if (++fetches == kFailingFetch) throw std::bad_alloc();
    });
    auto outcome = engine.Run(/*handle_signals=*/false);
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().code, "crawl.internal");
    EXPECT_NE(outcome.error().message.find("FetchPage"), std::string::npos)
        << outcome.error().message;
    EXPECT_NE(outcome.error().message.find("bad_alloc"), std::string::npos)
        << outcome.error().message;
    EXPECT_GE(fetches, kFailingFetch);
    auto state = store->GetMeta(storage::schema::kJobStateKey);
    ASSERT_TRUE(state.ok() && *state);
    EXPECT_EQ(**state, storage::schema::kJobStateInterrupted);
  }
  const StoredCrawl after_failure = ReadStore(store_dir);
  EXPECT_LT(after_failure.fetched.size(), ExpectedHomepageCrawlUrls(**server).size());

  CrawlOutcome resumed = CrawlInProcess(config, store_dir);
  EXPECT_EQ(resumed.end, CrawlOutcome::End::kFinished);
  const StoredCrawl after_resume = ReadStore(store_dir);
  for (const auto& url : after_failure.fetched) EXPECT_TRUE(after_resume.fetched.count(url)) << url;
  EXPECT_TRUE(SameUrls(after_resume.fetched, ExpectedHomepageCrawlUrls(**server)));
}

}  // namespace
}  // namespace nc::testing
