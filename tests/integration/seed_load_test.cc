// `newscrawl seed-load` end to end (issue 16): a URL file with duplicates,
// invalid lines, blank lines and comments is queued (invalid lines reported
// by number, the rest counted), loading it again queues nothing, and
// `resume` on the job it made (no --seed of its own) fetches exactly the
// loaded URLs from the fixture server, each once.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

class SeedLoad : public FixtureRunTest {
 protected:
  void SetUp() override {
    FixtureRunTest::SetUp();
    if (HasFatalFailure()) return;
    const auto& site = server->site(false);
    const auto all = site.ExpectedFetchedUrls({site.HomepageUrl("www.lejournal.test")});
    ASSERT_GE(all.size(), 8u);
    loaded_.assign(all.begin(), all.begin() + 8);
    std::ofstream file(dir / "urls.txt");
    file << "# eight pages of the fixture site\n";
    for (size_t i = 0; i < loaded_.size(); ++i) {
      file << loaded_[i] << "\n";
      if (i == 2) file << "not a url\n";         // line 5
      if (i == 4) file << "\n  " << loaded_[1] << "  \n";  // a duplicate, blanks around it
      if (i == 5) file << "ftp://www.lejournal.test/x\n";  // line 11
    }
  }

  // seed-load with the server's --resolve flags and a short min-delay.
  int Load(std::string* err) {
    std::vector<std::string> args = {"seed-load",   "--store", store,
                                     "--min-delay", "0.01",    "--no-discover-feeds"};
    AppendResolveArgs(*server, &args);
    args.push_back((dir / "urls.txt").string());
    return RunNewscrawl(args, nullptr, err);
  }

  std::vector<std::string> loaded_;
};

TEST_F(SeedLoad, QueuesValidLinesAndReportsInvalidOnesByNumber) {
  std::string err;
  ASSERT_EQ(Load(&err), 0) << err;
  EXPECT_NE(err.find("line 5:"), std::string::npos) << err;
  EXPECT_NE(err.find("line 11:"), std::string::npos) << err;
  EXPECT_NE(err.find("8 URLs queued, 1 duplicates, 0 over max_pages_per_host, 2 invalid"),
            std::string::npos)
      << err;
  // Loading the same file again: everything is already queued.
  ASSERT_EQ(Load(&err), 0) << err;
  EXPECT_NE(err.find("0 URLs queued, 9 duplicates"), std::string::npos) << err;
}

TEST_F(SeedLoad, ResumeFetchesExactlyTheLoadedUrlsOnce) {
  std::string err;
  ASSERT_EQ(Load(&err), 0) << err;
  ASSERT_EQ(RunNewscrawl({"resume", "--store", store, "-q"}, nullptr, &err), 0) << err;
  const StoredCrawl stored = ReadStore(store);
  EXPECT_TRUE(SameUrls(stored.fetched, std::set<std::string>(loaded_.begin(), loaded_.end())));
  std::map<std::string, int> counts = PageRequestCounts(*server);
  for (const std::string& url : loaded_) EXPECT_EQ(counts[url], 1) << url;
  EXPECT_EQ(counts.size(), loaded_.size());
}

TEST_F(SeedLoad, ResumeOfAnEmptyJobStillAsksForASeed) {
  std::ofstream(dir / "urls.txt", std::ios::trunc) << "# nothing\n";
  std::string err;
  ASSERT_EQ(Load(&err), 0) << err;
  EXPECT_EQ(RunNewscrawl({"resume", "--store", store, "-q"}, nullptr, &err), 2);
  EXPECT_NE(err.find("no seed URL"), std::string::npos) << err;
}

}  // namespace
}  // namespace nc::testing
