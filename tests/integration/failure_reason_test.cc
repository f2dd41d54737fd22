// Issue 11 item 1: every failed URL keeps why it failed (common/
// failure_reason.h), the end-of-run summary counts them by reason, and
// `status --failed [--json]` lists them with attempts and the last attempt.
// Also the exit codes a crawl ends with (0 finished, 1 no seed fetched) and
// two bugs of the failure path, each named below. Hermetic: loopback
// servers, --resolve, and an injected resolver for NXDOMAIN.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "crawler/crawl_job.h"
#include "storage/schema.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

constexpr const char* kFlakyHost = "flaky.lejournal.test";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// The line of `listing` whose URL column is `url`, "" when none.
std::string LineOf(const std::string& listing, const std::string& url) {
  for (const std::string& line : Lines(listing)) {
    if (line.find("\t" + url + "\t") != std::string::npos) return line;
  }
  return "";
}

// Drops the third column (the time of the last attempt, which varies).
std::string WithoutTime(const std::string& line) {
  const size_t first = line.find('\t');
  const size_t second = line.find('\t', first + 1);
  const size_t third = line.find('\t', second + 1);
  if (third == std::string::npos) return line;
  return line.substr(0, second) + "\t<time>" + line.substr(third);
}

// One host answering 503 to every article, beside a seed whose port
// refuses connections.
TEST(FailureReasons, EachFailedUrlIsListedWithItsReasonAttemptsAndDetail) {
  TempDir dir;
  fixture::ServerOptions options;
  fixture::HostBehaviour flaky;
  flaky.host = kFlakyHost;
  flaky.articles = 1;
  flaky.fail_first_n = 1000;
  flaky.retry_after_seconds = 0;
  options.behaviours = {flaky};
  auto server = fixture::FixtureServer::Start(options, dir / "ca");
  ASSERT_TRUE(server.ok());
  const std::string flaky_home =
      std::string("http://") + kFlakyHost + ":" + std::to_string((*server)->port()) + "/";
  const std::string dead_port = std::to_string(ClosedLoopbackPort());
  const std::string dead_seed = "http://dead.test:" + dead_port + "/";
  {
    std::ofstream config(dir / "fast.toml");
    config << "[politeness]\nbackoff_initial = 0.01\nmin_delay = 0.0\n";
  }
  const std::string store = (dir / "store").string();
  std::vector<std::string> args = {"crawl", "--seed", flaky_home, "--seed", dead_seed,
                                   "--store", store, "--config", (dir / "fast.toml").string(),
                                   "--resolve", "dead.test:" + dead_port + ":127.0.0.1", "-q"};
  AppendResolveArgs(**server, &args);
  std::string out, err;
  ASSERT_EQ(RunNewscrawl(args, &out, &err), 0) << "one seed was fetched: exit 0\n" << err;
  EXPECT_NE(err.find("newscrawl: failed URLs by reason: connect-refused 1, http-503 1 (list "
                     "them: newscrawl status --failed --store " + store + ")"),
            std::string::npos)
      << err;

  std::string listing;
  ASSERT_EQ(RunNewscrawl({"status", "--failed", "--store", store}, &listing, &err), 0) << err;
  EXPECT_EQ(WithoutTime(LineOf(listing, dead_seed)),
            "connect-refused\t0\t<time>\t" + dead_seed +
                "\trobots.txt unreachable (connect: connection refused)")
      << listing;
  // max_retries = 2: three attempts (before the fix of CommitPage, two).
  std::string article_line;
  for (const std::string& line : Lines(listing)) {
    if (line.starts_with("http-503\t")) article_line = line;
  }
  ASSERT_FALSE(article_line.empty()) << listing;
  EXPECT_TRUE(article_line.starts_with("http-503\t3\t")) << article_line;
  EXPECT_TRUE(article_line.ends_with("\tHTTP 503")) << article_line;
  EXPECT_NE(err.find("newscrawl: 2 failed URL(s): connect-refused 1, http-503 1"),
            std::string::npos)
      << err;

  std::string json;
  ASSERT_EQ(RunNewscrawl({"status", "--failed", "--json", "--store", store}, &json, &err), 0)
      << err;
  EXPECT_NE(json.find("\"by_reason\":{\"connect-refused\":1,\"http-503\":1}"), std::string::npos)
      << json;
  EXPECT_NE(json.find("\"url\":\"" + dead_seed +
                      "\",\"reason\":\"connect-refused\",\"http_status\":0,\"attempts\":0,"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"reason\":\"http-5xx\",\"http_status\":503,\"attempts\":3,"),
            std::string::npos)
      << json;
}

TEST(FailureReasons, ASeedThatRefusesIsExitOneSayingWhy) {
  TempDir dir;
  std::string seed, out, err;
  EXPECT_EQ(CrawlRefusedSeed(dir.path(), &seed, &out, &err), 1) << err;
  EXPECT_NE(err.find("newscrawl: no seed could be fetched: 1 seed failed with connect-refused: " +
                     seed + "\n"),
            std::string::npos)
      << err;
}

// NXDOMAIN, through an injected resolver (no lookup leaves the machine):
// the host fails at its first robots.txt attempt with reason dns, and the
// command line's message names the host.
TEST(FailureReasons, SeedHostThatDoesNotResolveFailsAtOnceWithReasonDns) {
  TempDir dir;
  CrawlConfig config;
  config.seeds = {"http://x.invalid/", "http://y.invalid/a"};
  config.min_delay = 0;
  config.backoff_initial = 0.01;
  EngineOnNewJob job(config, (dir / "store").string());
  ASSERT_NE(job.engine, nullptr);
  int lookups = 0;
  job.engine->SetNameLookupForTesting([&lookups](const std::string&) {
    ++lookups;
    return std::optional<std::vector<std::string>>();
  });
  auto outcome = job.engine->Run(/*handle_signals=*/false);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(lookups, 2) << "one robots.txt attempt per host";
  EXPECT_EQ(outcome->progress.failures, (std::map<std::string, uint64_t>{{"dns", 2}}));
  for (const char* url : {"http://x.invalid/", "http://y.invalid/a"}) {
    auto page = job.store->GetPage(url);
    ASSERT_TRUE(page.ok() && *page) << url;
    EXPECT_EQ((*page)->reason, FailureReason::kDns) << url;
    EXPECT_EQ((*page)->error, "robots.txt unreachable (dns: name does not resolve)") << url;
  }
  EXPECT_EQ(WhyNoSeedWasFetched(config, *job.store),
            "2 seed hosts did not resolve: x.invalid, y.invalid");
  config.seeds = {"http://x.invalid/"};
  EXPECT_EQ(WhyNoSeedWasFetched(config, *job.store), "1 seed host did not resolve: x.invalid");
}

// The bug: an exception thrown by PageProcessor::Process on a worker thread
// ended the process (std::terminate). Now that URL fails with reason
// internal and the crawl goes on to fetch everything else.
TEST(FailureReasons, AnExceptionWhileProcessingAPageFailsThatUrlOnly) {
  FixtureRun site;
  ASSERT_TRUE(site.StartServer());
  const CrawlConfig config = site.Config();
  const std::string seed = config.seeds.front();
  EngineOnNewJob job(config, site.store);
  ASSERT_NE(job.engine, nullptr);
  std::string thrown_for;
  std::mutex mutex;
  job.engine->SetBeforeProcessHookForTesting([&](const std::string& url) {
    std::lock_guard lock(mutex);
    if (thrown_for.empty() && url != seed) {
      thrown_for = url;
      throw std::runtime_error("boom");
    }
  });
  auto outcome = job.engine->Run(/*handle_signals=*/false);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->end, CrawlOutcome::End::kFinished);
  EXPECT_EQ(outcome->progress.failures.at("internal"), 1u);
  job.engine.reset();
  ASSERT_FALSE(thrown_for.empty());
  auto page = job.store->GetPage(thrown_for);
  ASSERT_TRUE(page.ok() && *page);
  EXPECT_EQ((*page)->reason, FailureReason::kInternal);
  EXPECT_EQ((*page)->error, "internal: processing the response threw: boom");
  job.store.reset();
  StoredCrawl crawl = ReadStore(site.store);
  std::set<std::string> expected = site.ExpectedUrls();
  expected.erase(thrown_for);
  // Every other page is fetched, except those only the failed page linked to.
  std::set<std::string> fetched = crawl.fetched;
  fetched.erase(thrown_for);
  for (const std::string& url : fetched) EXPECT_TRUE(expected.count(url)) << url;
  EXPECT_GT(fetched.size(), expected.size() / 2);
}

// Issue 11 item 4: negative, NaN, infinite and absurd values are usage
// errors naming the flag, and no store is made.
TEST(FlagValidation, BadNumbersAreUsageErrorsNamingTheFlag) {
  for (const std::string value : {"-1", "nan", "1e9", "inf"}) {
    EXPECT_EQ(CrawlUsageError("http://a.test/", {"--min-delay", value}),
              "newscrawl: --min-delay: expected a number of seconds >= 0 and <= 2592000, got " +
                  value + "\nRun with --help for more information.\n")
        << value;
  }
  const std::string err = CrawlUsageError("http://a.test/", {"--max-pages", "-1"});
  EXPECT_NE(err.find("--max-pages: expected a whole number >= 0, got -1"), std::string::npos)
      << err;
}

TEST(FlagValidation, SeedWithoutASchemeGetsASuggestionAndNoStoreIsMade) {
  EXPECT_EQ(CrawlUsageError("www.site.test/", {}),
            "newscrawl: seed 'www.site.test/': URL 'www.site.test/' has no http:// or https:// "
            "scheme; did you mean http://www.site.test/?\n");
}

}  // namespace
}  // namespace nc::testing
