// An exception inside one of the engine's coroutines (here FetchPage, as a
// bad_alloc there would be) ends the crawl with a "crawl.internal" error
// instead of vanishing and leaving the crawl waiting forever; what was
// committed before stays, the job is left "interrupted", and a resume
// finishes the crawl with the ground-truth pages. (Before the fix, this test
// hung: asio::detached dropped the exception and the dispatcher waited for
// a fetch that would never end.)

#include <gtest/gtest.h>

#include <new>

#include "crawler/crawl_job.h"
#include "storage/schema.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

constexpr int kFailingFetch = 6;  // the Nth page fetch throws

using CoroutineFailure = FixtureRunTest;

TEST_F(CoroutineFailure, AnExceptionInFetchPageEndsTheCrawlWithTheErrorAndResumeFinishesIt) {
  const CrawlConfig config = Config();
  {
    EngineOnNewJob job(config, store);
    ASSERT_NE(job.engine, nullptr);
    int fetches = 0;
    job.engine->SetBeforeFetchPageHookForTesting([&fetches](const std::string&) {
      if (++fetches == kFailingFetch) throw std::bad_alloc();
    });
    auto outcome = job.engine->Run(/*handle_signals=*/false);
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().code, "crawl.internal");
    EXPECT_NE(outcome.error().message.find("FetchPage"), std::string::npos)
        << outcome.error().message;
    EXPECT_NE(outcome.error().message.find("bad_alloc"), std::string::npos)
        << outcome.error().message;
    EXPECT_GE(fetches, kFailingFetch);
    auto state = job.store->GetMeta(storage::schema::kJobStateKey);
    ASSERT_TRUE(state.ok() && *state);
    EXPECT_EQ(**state, storage::schema::kJobStateInterrupted);
  }
  const StoredCrawl after_failure = ReadStore(store);
  EXPECT_LT(after_failure.fetched.size(), ExpectedUrls().size());

  CrawlOutcome resumed = CrawlInProcess(config, store);
  EXPECT_EQ(resumed.end, CrawlOutcome::End::kFinished);
  const StoredCrawl after_resume = ReadStore(store);
  for (const auto& url : after_failure.fetched) EXPECT_TRUE(after_resume.fetched.count(url)) << url;
  EXPECT_TRUE(SameUrls(after_resume.fetched, ExpectedUrls()));
}

}  // namespace
}  // namespace nc::testing
