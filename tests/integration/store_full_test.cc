// A full store or a full disk, end to end: a crawl of the fixture site in a
// child process whose LMDB map may not grow enough (max_store_mib) or whose
// data file may not grow (RLIMIT_FSIZE, so writes fail with EFBIG as on a
// full disk) stops safely — exit 1, a message that names the store, the
// cause and what to do, job state "interrupted", a store that opens and
// passes `mdb_stat -a` — and `resume` without the limit finishes the crawl
// with exactly the ground-truth pages, each stored once, refetching only
// what the failed run had not committed.

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "storage/schema.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/crawler_process_helpers.h"

namespace nc::testing {
namespace {

constexpr int kBatchPages = 4;

class StoreFull : public FixtureRunTest {
 protected:
  fixture::ServerOptions ServerOptions() const override {
    fixture::ServerOptions options;
    // ~100 pages of ~45 KB (~5 KB compressed): well over 1 MiB in the store.
    options.site.paragraphs_per_article = 64;
    options.site.articles_per_section = 16;
    return options;
  }

  std::vector<std::string> CrawlArgs(const std::string& storage_toml) {
    std::ofstream(dir / "crawl.toml")
        << "[storage]\ncommit_batch_pages = " << kBatchPages << "\ncommit_interval_ms = 20\n"
        << storage_toml;
    std::vector<std::string> args = HomepageCrawlArgs(store);
    args.insert(args.end(),
                {"--config", (dir / "crawl.toml").string(), "--min-delay", "0.01", "--quiet"});
    return args;
  }

  std::string JobState() {
    storage::OpenOptions options;
    options.read_only = true;
    auto opened = storage::Store::Open(store, storage::OpenMode::kOpenExisting, options);
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
    if (!opened.ok()) return "";
    auto state = (*opened)->GetMeta(storage::schema::kJobStateKey);
    return state.ok() && *state ? **state : "";
  }

  // Fetches so far whose result is not in the store (resume must redo them,
  // and nothing else): every request of a URL not stored, and every request
  // beyond the first of a stored one.
  size_t UncommittedFetches() {
    StoredCrawl stored = ReadStore(store);
    size_t uncommitted = 0;
    for (const auto& [url, n] : PageRequests()) uncommitted += n - (stored.pages.count(url) ? 1 : 0);
    return uncommitted;
  }

  // The store after the failed run: safe, resumable, partly filled.
  void CheckStoppedSafely(const std::string& first_run_stderr) {
    std::string out;
    EXPECT_EQ(RunNewscrawl({"status", "--store", store}, &out, nullptr), 0);
    EXPECT_NE(out.find("state:   interrupted"), std::string::npos) << out;
    EXPECT_EQ(JobState(), "interrupted");
    EXPECT_EQ(std::system(("mdb_stat -a " + store + " >/dev/null").c_str()), 0);
    EXPECT_NE(first_run_stderr.find("resume with: newscrawl resume --store " + store),
              std::string::npos)
        << first_run_stderr;
    StoredCrawl stored = ReadStore(store);
    EXPECT_GT(stored.fetched.size(), 0u) << "the limit should cut the crawl midway";
    EXPECT_LT(stored.fetched.size(), ExpectedUrls().size()) << "the limit did not bite";
  }

  // Resumes (with `extra_args`) to the end and checks the finished crawl.
  void ResumeAndCheck(const std::vector<std::string>& extra_args) {
    const size_t uncommitted = UncommittedFetches();
    std::vector<std::string> args = {"resume", "--store", store, "--quiet"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    CrawlerProcess child(args, dir.path());
    ASSERT_EQ(child.Wait(), 0) << child.Stderr();
    std::string out;
    ASSERT_EQ(RunNewscrawl({"status", "--store", store}, &out, nullptr), 0);
    EXPECT_NE(out.find("state:   finished"), std::string::npos) << out;

    StoredCrawl stored = ReadStore(store);
    EXPECT_TRUE(SameUrls(stored.fetched, ExpectedUrls()));
    EXPECT_TRUE(stored.failed.empty());
    // Only what the failed runs had not committed was fetched again.
    size_t extra_fetches = 0;
    for (const auto& [url, n] : PageRequests()) extra_fetches += n - 1;
    EXPECT_EQ(extra_fetches, uncommitted);
    ExpectPagesCountedAndStoreIntact(store, stored.fetched.size());
  }
};

TEST_F(StoreFull, FullMapStopsTheCrawlSafelyAndResumeWithALargerLimitFinishesIt) {
  CrawlerProcess child(CrawlArgs("max_store_mib = 1\n"), dir.path());
  ASSERT_EQ(child.Wait(), 1) << child.Stderr();
  const std::string err = child.Stderr();
  EXPECT_NE(err.find("newscrawl: store " + store +
                     ": store full: the map reached max_store_mib = 1 MiB; nothing committed is "
                     "lost: resume with a larger --max-store-mib (e.g. 2)"),
            std::string::npos)
      << err;
  CheckStoppedSafely(err);

  // Resuming with the same limit stops again, at once, the same way.
  {
    CrawlerProcess again({"resume", "--store", store, "--quiet"}, dir.path());
    EXPECT_EQ(again.Wait(), 1) << again.Stderr();
    EXPECT_NE(again.Stderr().find("max_store_mib = 1 MiB"), std::string::npos) << again.Stderr();
  }
  ResumeAndCheck({"--max-store-mib", "64"});
  // The override is recorded in the job's config.
  storage::OpenOptions options;
  options.read_only = true;
  auto opened = storage::Store::Open(store, storage::OpenMode::kOpenExisting, options);
  ASSERT_TRUE(opened.ok());
  auto config = (*opened)->GetMeta(storage::schema::kConfigKey);
  ASSERT_TRUE(config.ok() && *config);
  EXPECT_NE((*config)->find("max_store_mib = 64"), std::string::npos) << **config;
}

TEST_F(StoreFull, FullDiskStopsTheCrawlSafelyAndResumeFinishesIt) {
  // data.mdb may not grow beyond 256 KiB in the child (SIGXFSZ ignored):
  // its writes then fail with EFBIG, or a short write LMDB reports as EIO.
  CrawlerProcess child(CrawlArgs(""), dir.path(),
                       {.kill_in_commit = "", .file_size_limit = 256 * 1024});
  ASSERT_EQ(child.Wait(), 1) << child.Stderr();
  const std::string err = child.Stderr();
  // EFBIG, or a short write (LMDB: EIO) that the store attributes to the limit.
  EXPECT_NE(err.find("newscrawl: store " + store + ": file size limit reached (mdb_txn_commit: E"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("(ulimit -f); raise the limit, then resume"), std::string::npos) << err;
  CheckStoppedSafely(err);
  ResumeAndCheck({});
}

}  // namespace
}  // namespace nc::testing
