// Reading a store as a user would (issue 11 item 7): `cat --raw` gives the
// body as received, `cat --headers` the header block as received and says
// the body below is decoded, `cat` of a robots.txt URL the stored
// robots.txt, and a store the user cannot write is still read by `status`,
// `export` and `cat`.
//
// The read-only cases run newscrawl as user `nobody` (setpriv) on a store
// root crawled: as root the permission checks that make a store unwritable
// do not apply. Without root or setpriv they are skipped and say why.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "fixture/gzip.h"
#include "frontier/url.h"
#include "storage/store.h"
#include "storage/store_lock.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

struct ReadingRun : FixtureRun {
  std::string home;    // the seed: served gzip-coded
  std::string robots;  // its origin's robots.txt URL
  std::string robots_body;
};

ReadingRun& Crawl() {
  static const std::unique_ptr<ReadingRun> run = [] {
    auto r = std::make_unique<ReadingRun>();
    if (!r->StartServer()) return r;
    CrawlConfig config = r->Config(false, 0.01);
    config.max_pages = 12;
    r->home = config.seeds[0];
    CrawlInProcess(config, r->store);
    auto url = ParseUrl(r->home);
    EXPECT_TRUE(url.ok());
    if (!url.ok()) return r;
    r->robots = Origin(*url) + "/robots.txt";
    std::unique_ptr<storage::Store> store = OpenReadOnly(r->store);
    if (!store) return r;
    auto robots = store->LoadRobots(Origin(*url));
    EXPECT_TRUE(robots.ok() && robots->has_value());
    if (robots.ok() && robots->has_value()) r->robots_body = (*robots)->body;
    return r;
  }();
  return *run;
}

TEST(Cat, RawGivesTheBodyAsReceivedAndHeadersSayTheBodyIsDecoded) {
  ReadingRun& run = Crawl();
  std::string decoded, raw, headed, err;
  ASSERT_EQ(RunNewscrawl({"cat", "--store", run.store, run.home}, &decoded, &err), 0) << err;
  ASSERT_EQ(RunNewscrawl({"cat", "--raw", "--store", run.store, run.home}, &raw, &err), 0) << err;
  ASSERT_NE(raw, decoded);
  Result<std::string> gunzipped = fixture::GzipDecompress(raw);
  ASSERT_TRUE(gunzipped.ok()) << "cat --raw is not the gzip body as served";
  EXPECT_EQ(*gunzipped, decoded);

  ASSERT_EQ(RunNewscrawl({"cat", "--headers", "--store", run.store, run.home}, &headed, &err), 0);
  EXPECT_EQ(err,
            "newscrawl: headers as received; the body below is decoded (Content-Encoding: gzip); "
            "cat --raw prints it as received\n");
  EXPECT_TRUE(headed.starts_with("HTTP/1.1 200 OK\r\n")) << headed.substr(0, 200);
  EXPECT_NE(headed.find("\r\nContent-Encoding: gzip\r\n"), std::string::npos);
  const size_t end = headed.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(headed.substr(end + 4), decoded);
  ASSERT_EQ(
      RunNewscrawl({"cat", "--headers", "--raw", "--store", run.store, run.home}, &headed, &err),
      0);
  EXPECT_EQ(err, "");
  EXPECT_EQ(headed.substr(headed.find("\r\n\r\n") + 4), raw);
  EXPECT_EQ(
      RunNewscrawl({"cat", "--raw", "--article", "--store", run.store, run.home}, nullptr, &err),
      2);
  EXPECT_NE(err.find("--article excludes --raw"), std::string::npos) << err;
}

TEST(Cat, ServesTheStoredRobotsTxt) {
  ReadingRun& run = Crawl();
  ASSERT_FALSE(run.robots_body.empty());
  std::string out, err;
  ASSERT_EQ(RunNewscrawl({"cat", "--store", run.store, run.robots}, &out, &err), 0) << err;
  EXPECT_EQ(out, run.robots_body);
  EXPECT_EQ(RunNewscrawl({"cat", "--headers", "--store", run.store, run.robots}, &out, &err), 2);
  EXPECT_EQ(err, "newscrawl: " + run.robots +
                     ": robots.txt is stored as its status and decoded body only: no headers, "
                     "no bytes as received\n");
  const std::string other = "http://nowhere.test/robots.txt";
  EXPECT_EQ(RunNewscrawl({"cat", "--store", run.store, other}, &out, &err), 1);
  EXPECT_EQ(err, "newscrawl: " + other + ": not fetched in this store\n");
}

// Runs build/newscrawl as user nobody; returns the exit code.
int RunAsNobody(const std::vector<std::string>& args, std::string* out, std::string* err) {
  std::vector<std::string> command = {"--reuid=65534", "--regid=65534", "--clear-groups",
                                      NEWSCRAWL_BINARY};
  command.insert(command.end(), args.begin(), args.end());
  std::string shell = "setpriv";
  for (const std::string& arg : command) shell += " '" + arg + "'";
  const std::string err_file = (std::filesystem::temp_directory_path() /
                                ("newscrawl-nobody-" + std::to_string(getpid()) + ".err"))
                                   .string();
  shell += " 2>'" + err_file + "'";
  FILE* pipe = popen(shell.c_str(), "r");
  if (pipe == nullptr) return -1;
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = pclose(pipe);
  if (out) *out = output;
  if (err) {
    err->clear();
    if (FILE* f = std::fopen(err_file.c_str(), "r")) {
      while ((n = fread(buffer, 1, sizeof buffer, f)) > 0) err->append(buffer, n);
      std::fclose(f);
    }
  }
  std::filesystem::remove(err_file);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A copy of the crawled store that nobody may read but not write.
class ReadOnlyStore : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "needs root to run newscrawl as another user (nobody)";
    if (RunAsNobody({"--help"}, nullptr, nullptr) != 0) {
      GTEST_SKIP() << "setpriv cannot run " << NEWSCRAWL_BINARY << " as nobody (util-linux "
                   << "setpriv, and a build directory nobody can reach)";
    }
    ReadingRun& run = Crawl();
    store_ = (dir_ / "store").string();
    std::filesystem::copy(run.store, store_);
    for (const auto& path : {dir_.path(), std::filesystem::path(store_)}) {
      std::filesystem::permissions(path, std::filesystem::perms(0755));
    }
    home_ = run.home;
  }

  TempDir dir_;
  std::string store_;
  std::string home_;
};

TEST_F(ReadOnlyStore, StatusExportAndCatReadIt) {
  std::string out, err, as_root;
  ASSERT_EQ(RunAsNobody({"status", "--store", store_}, &out, &err), 0) << err;
  EXPECT_NE(out.find("\npages:   "), std::string::npos) << out;
  ASSERT_EQ(RunAsNobody({"export", "--store", store_, "--format", "csv"}, &out, &err), 0) << err;
  ASSERT_EQ(RunNewscrawl({"export", "--store", store_, "--format", "csv"}, &as_root, &err), 0);
  EXPECT_EQ(out, as_root);
  ASSERT_EQ(RunAsNobody({"cat", "--store", store_, home_}, &out, &err), 0) << err;
  ASSERT_EQ(RunNewscrawl({"cat", "--store", store_, home_}, &as_root, &err), 0);
  EXPECT_EQ(out, as_root);
}

TEST_F(ReadOnlyStore, ResumingItSaysWhatStillWorks) {
  std::string err;
  EXPECT_NE(RunAsNobody({"resume", "--store", store_}, nullptr, &err), 0);
  EXPECT_NE(err.find("store " + store_ + ": this user cannot write the store (open " + store_ +
                     "/lock: Permission denied); status, export and cat can still read it\n"),
            std::string::npos)
      << err;
}

TEST_F(ReadOnlyStore, CrawlWritingToItIsSaidNotEacces) {
  auto lock = storage::StoreLock::Acquire(store_);  // a crawl holds the store
  ASSERT_TRUE(lock.ok()) << lock.error().message;
  std::string err;
  EXPECT_EQ(RunAsNobody({"status", "--store", store_}, nullptr, &err), 1);
  EXPECT_EQ(err, "newscrawl: store " + store_ +
                     ": cannot be read while a crawl writes to it: this user cannot write its "
                     "lock.mdb (reader table); run as the store's owner, or after the crawl\n");
}

TEST_F(ReadOnlyStore, UnreadableDataFileIsSaid) {
  std::filesystem::permissions(std::filesystem::path(store_) / "data.mdb",
                               std::filesystem::perms(0600));
  std::string err;
  EXPECT_EQ(RunAsNobody({"cat", "--store", store_, home_}, nullptr, &err), 1);
  EXPECT_EQ(err, "newscrawl: store " + store_ + ": cannot read data.mdb: Permission denied\n");
}

}  // namespace
}  // namespace nc::testing
