// A commit whose writes fail (as on a full disk) returns a clear Error and
// leaves the store as it was. The failure is provoked with RLIMIT_FSIZE in a
// child process, which makes the data file's pwrite fail with EFBIG.

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <random>

#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

std::string RandomBytes(size_t bytes) {
  std::mt19937 rng(1);
  std::string out(bytes, '\0');
  for (char& c : out) c = static_cast<char>(rng());
  return out;
}

// Exit codes of the child, one per expectation, so a failure says which.
enum ChildExit { kOk = 0, kSetup = 10, kCommitSucceeded, kWrongError, kNotRolledBack };

int CommitUnderFileSizeLimit(const std::filesystem::path& dir) {
  Result<std::unique_ptr<Store>> store = Store::Open(dir, OpenMode::kCreate, {});
  if (!store) return kSetup;
  OutlinkRecord seed = Seed("https://a.test/");
  Result<CommitReport> seeded = (*store)->AddSeeds({&seed, 1});
  if (!seeded) return kSetup;
  signal(SIGXFSZ, SIG_IGN);
  rlimit limit{};
  limit.rlim_cur = std::filesystem::file_size(dir / "data.mdb") + 4096;
  limit.rlim_max = RLIM_INFINITY;
  if (setrlimit(RLIMIT_FSIZE, &limit) != 0) return kSetup;

  PageRecord page = Page("a.test", seeded->enqueued[0].url);
  page.body_zstd = CompressBody(RandomBytes(1 << 20), 1);  // needs ~1 MB more file
  std::vector<BatchRecord> batch;
  batch.push_back(std::move(page));
  Result<CommitReport> report = (*store)->CommitBatch(batch);
  if (report) return kCommitSucceeded;
  // Depending on where the limit cuts the writes: a short write (EIO) or none.
  const Error& e = report.error();
  bool expected =
      (e.code == "store.io" &&
       e.message.rfind(
           "store " + dir.string() + ": I/O error, possibly a full disk (mdb_txn_commit: EIO", 0) ==
           0) ||
      (e.code == "store.file_too_large" &&
       (e.message.rfind("store " + dir.string() + ": file size limit reached (mdb_txn_commit: EFBIG",
                        0) == 0 ||
        // a short write: LMDB says EIO, the store sees data.mdb at the limit
        e.message.rfind("store " + dir.string() + ": file size limit reached (mdb_txn_commit: EIO",
                        0) == 0));
  if (!expected) {
    fprintf(stderr, "child: unexpected error %s: %s\n", e.code.c_str(), e.message.c_str());
    return kWrongError;
  }

  limit.rlim_cur = RLIM_INFINITY;
  setrlimit(RLIMIT_FSIZE, &limit);
  Result<uint64_t> pages = (*store)->PagesRecorded();
  Result<std::vector<QueuedUrl>> pending = (*store)->LoadPending("a.test", 0, 10);
  if (!pages || *pages != 0 || !pending || pending->size() != 1) return kNotRolledBack;
  // The store still takes commits once writes succeed again.
  if (!(*store)->CommitBatch(batch)) return kNotRolledBack;
  return kOk;
}

TEST(StoreWriteErrorTest, FailedWriteDuringCommitIsAnErrorAndCommitsNothing) {
  nc::testing::TempDir dir;
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) _exit(CommitUnderFileSizeLimit(dir / "store"));
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << "child died with signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), kOk);
}

}  // namespace
}  // namespace nc::storage::testing
