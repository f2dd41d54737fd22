// FrontierLoader: a bulk-loaded store holds exactly what AddSeeds builds URL
// by URL; duplicates are absorbed, bad input refused item by item, and a
// resumed crawl finds every URL queued once.

#include "storage/frontier_loader.h"

#include <gmock/gmock.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <map>
#include <set>

#include "storage/lmdb.h"
#include "storage/schema.h"
#include "tests/common/temp_dir.h"
#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

using Dump = std::map<std::string, std::vector<std::pair<std::string, std::string>>>;

// Every key and value of every database of the (closed) store in `dir`.
Dump DumpStore(const std::filesystem::path& dir) {
  Dump dump;
  Result<lmdb::Env> env = lmdb::Env::Create(16, 64 << 20);
  EXPECT_TRUE(env.ok());
  if (!env.ok()) return dump;
  EXPECT_TRUE(env->Open(dir, MDB_NOTLS | MDB_RDONLY).ok());
  Result<lmdb::Txn> txn = lmdb::Txn::Begin(env->get(), MDB_RDONLY);
  EXPECT_TRUE(txn.ok());
  if (!txn.ok()) return dump;
  for (const char* name : {"meta", "url_ids", "urls", "frontier", "pages", "links", "hosts",
                           "host_state", "host_counts"}) {
    Result<std::optional<lmdb::Dbi>> dbi = lmdb::Dbi::Open(*txn, name, 0);
    if (!dbi.ok() || !dbi->has_value()) continue;
    Result<lmdb::Cursor> cursor = lmdb::Cursor::Open(*txn, **dbi);
    EXPECT_TRUE(cursor.ok());
    if (!cursor.ok()) continue;
    auto& rows = dump[name];
    for (auto entry = cursor->Get(MDB_FIRST); entry.ok() && entry->has_value();
         entry = cursor->Get(MDB_NEXT)) {
      rows.emplace_back(std::string((*entry)->first), std::string((*entry)->second));
    }
  }
  return dump;
}

// Periodic sync: the URL-by-URL store commits hundreds of transactions, and
// the sync mode does not change what they write.
// `write_map`: opened as seed-load opens it (FrontierLoader::OpenStore).
std::unique_ptr<Store> Create(const std::filesystem::path& dir, OpenOptions options = {},
                              bool write_map = false) {
  options.sync = SyncMode::kPeriodic;
  Result<std::unique_ptr<Store>> store =
      write_map ? FrontierLoader::OpenStore(dir, OpenMode::kCreate, options)
                : Store::Open(dir, OpenMode::kCreate, options);
  EXPECT_TRUE(store.ok()) << store.error().message;
  return store.ok() ? std::move(*store) : nullptr;
}

// Seeds over a few hosts with repeats, one URL long enough for a hashed key.
std::vector<OutlinkRecord> MixedSeeds() {
  std::vector<OutlinkRecord> seeds;
  for (int i = 0; i < 300; ++i) {
    const int host = (i * 7) % 5;
    seeds.push_back(Seed("https://h" + std::to_string(host) + ".test/a/" +
                         std::to_string((i * 37) % 211)));
  }
  seeds.push_back(Seed("https://h1.test/" + std::string(600, 'x')));
  seeds.push_back(Seed("https://h1.test/" + std::string(600, 'x')));
  seeds.push_back(Seed("https://h9.test/"));
  return seeds;
}

void LoadAll(Store& store, const std::vector<OutlinkRecord>& seeds, size_t chunk) {
  FrontierLoader loader(store, chunk);
  for (const OutlinkRecord& seed : seeds) {
    Status s = loader.Add(seed.target, seed.host_key, seed.depth);
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
  Status s = loader.Flush();
  ASSERT_TRUE(s.ok()) << s.error().message;
}

// Builds one store URL by URL with AddSeeds and one with the loader (after
// `before` in both), and compares every database.
void ExpectSameAsAddSeeds(const std::vector<OutlinkRecord>& before,
                          const std::vector<OutlinkRecord>& seeds, size_t chunk,
                          uint64_t max_per_host, bool loaded_write_map = false) {
  nc::testing::TempDir dir;
  {
    auto by_url = Create(dir / "by_url");
    ASSERT_NE(by_url, nullptr);
    by_url->SetMaxUrlsPerHost(max_per_host);
    ASSERT_TRUE(by_url->AddSeeds(before).ok());
    for (const OutlinkRecord& seed : seeds) {
      Result<CommitReport> added = by_url->AddSeeds({&seed, 1});
      ASSERT_TRUE(added.ok()) << added.error().message;
    }
    auto loaded = Create(dir / "loaded", OpenOptions{.initial_map_mib = 1}, loaded_write_map);
    ASSERT_NE(loaded, nullptr);
    loaded->SetMaxUrlsPerHost(max_per_host);
    ASSERT_TRUE(loaded->AddSeeds(before).ok());
    LoadAll(*loaded, seeds, chunk);
  }
  const Dump expected = DumpStore(dir / "by_url");
  ASSERT_FALSE(expected.at("frontier").empty());
  EXPECT_EQ(DumpStore(dir / "loaded"), expected);
}

TEST(FrontierLoaderTest, LoadedStoreIsIdenticalToOneBuiltUrlByUrl) {
  ExpectSameAsAddSeeds({}, MixedSeeds(), FrontierLoader::kDefaultChunkUrls, 0);
}

TEST(FrontierLoaderTest, IdenticalWithSmallChunksAndAStoreThatHasUrls) {
  // Earlier seeds (some re-given, keys before and after the loaded ones)
  // make the loader look up, update and insert between existing keys.
  std::vector<OutlinkRecord> before = {Seed("https://h2.test/a/5"), Seed("https://a.test/"),
                                       Seed("https://z.test/"), Seed("https://h3.test/a/100")};
  OutlinkRecord known = Link("https://h4.test/a/7", /*follow=*/false);
  before.push_back(known);  // known, not queued: the load queues it
  ExpectSameAsAddSeeds(before, MixedSeeds(), 17, 0);
}

TEST(FrontierLoaderTest, IdenticalUnderMaxUrlsPerHost) {
  ExpectSameAsAddSeeds({Seed("https://h0.test/first")}, MixedSeeds(), 50, 12);
}

// The loader sorts keys by their first 8 bytes past the prefix all keys of
// the chunk share, then in full, and frontier entries by the rank of their
// host: keys that differ only beyond those 8 bytes, keys that are prefixes
// of others, and host keys that are prefixes of others, in shuffled order.
std::vector<OutlinkRecord> SharedPrefixSeeds() {
  const std::string common = "https://www.un-long-prefixe-commun.test/";
  const std::vector<std::string> hosts = {"p.test", "p.test.x", "pp.test", "p.tes", "a.p.test"};
  // The common prefix itself first: in an empty store every key of the
  // first chunk is appended (MDB_APPEND), so a key out of order fails it.
  std::vector<OutlinkRecord> seeds = {Seed(common)};
  seeds.back().host_key = "p.test";
  for (int i = 0; i < 400; ++i) {
    const int n = (i * 113) % 397;
    std::string path = "actualite/2026/04/16/article-" + std::to_string(n % 37);
    if (n % 3 == 0) path += std::string(n % 11, '0');  // a prefix of its neighbours' keys
    if (n % 5 == 0) path = std::to_string(n);          // differs within the 8 bytes
    OutlinkRecord seed = Seed(common + path);
    seed.host_key = hosts[n % hosts.size()];
    seeds.push_back(seed);
  }
  return seeds;
}

TEST(FrontierLoaderTest, IdenticalOnKeysAndHostsSharingPrefixes) {
  ExpectSameAsAddSeeds({Seed("https://www.un-long-prefixe-commun.test/actualite/2026/04/16/")},
                       SharedPrefixSeeds(), FrontierLoader::kDefaultChunkUrls, 0);
  ExpectSameAsAddSeeds({}, SharedPrefixSeeds(), 64, 0);
}

// The loader sorts 8 bytes at a time past the prefix each run of keys
// shares, runs within runs: keys equal for hundreds of bytes (long URLs whose
// keys share the 448-byte inline part and differ after its NUL, and the URL
// that is exactly that part: an inline key that is a prefix of the hashed
// ones), keys that end on an 8-byte boundary where others go on, keys that
// differ at every depth, and duplicates of each kind, in shuffled order.
std::vector<OutlinkRecord> DeepPrefixSeeds() {
  const std::string head = "https://deep.test/";
  const std::string inline_part = head + std::string(schema::kInlineUrlKeyMax - head.size(), 'a');
  std::vector<OutlinkRecord> seeds;
  for (int i = 0; i < 300; ++i) {
    const int n = (i * 53) % 101;
    std::string url;
    switch (n % 4) {
      case 0:
        url = inline_part + std::to_string(n % 23);  // hashed: inline part, NUL, digest
        break;
      case 1:
        url = inline_part;
        break;
      case 2:
        url = head + std::string(n % 40, 'a') + "b" + std::to_string(n % 7);
        break;
      default:
        url = head + std::string(8 * (n % 7) + 6, 'a');  // ends where a word does
        break;
    }
    OutlinkRecord seed = Seed(url);
    seed.host_key = n % 3 == 0 ? "deep.test" : "deep.test.x";
    seeds.push_back(seed);
  }
  return seeds;
}

TEST(FrontierLoaderTest, IdenticalOnKeysEqualForHundredsOfBytes) {
  ExpectSameAsAddSeeds({}, DeepPrefixSeeds(), FrontierLoader::kDefaultChunkUrls, 0);
  ExpectSameAsAddSeeds({Seed("https://deep.test/" + std::string(100, 'a'))}, DeepPrefixSeeds(),
                       40, 0);
}

// MDB_WRITEMAP (seed-load's open): the same store, through map growth
// (each growth preallocates the new map), and data.mdb cut back to its used
// pages at close, every byte of it backed by disk blocks.
TEST(FrontierLoaderTest, IdenticalThroughAWriteMapStoreThatGrows) {
  const OpenOptions small_map{.initial_map_mib = 1};
  ExpectSameAsAddSeeds({Seed("https://h2.test/a/5")}, MixedSeeds(), 17, 0, /*write_map=*/true);

  nc::testing::TempDir dir;
  std::vector<OutlinkRecord> seeds;
  for (int i = 0; i < 40'000; ++i) {
    seeds.push_back(Seed("https://h" + std::to_string(i % 101) +
                         ".lejournal.test/actualite/2026/04/16/article-" + std::to_string(i)));
  }
  uint64_t map_bytes = 0;
  {
    auto plain = Create(dir / "plain", small_map);
    auto mapped = Create(dir / "mapped", small_map, /*write_map=*/true);
    ASSERT_NE(plain, nullptr);
    ASSERT_NE(mapped, nullptr);
    LoadAll(*plain, seeds, 10'000);
    LoadAll(*mapped, seeds, 10'000);
    // LMDB sized the file to the (grown) map while it was open.
    map_bytes = std::filesystem::file_size(dir / "mapped" / "data.mdb");
  }
  EXPECT_GE(map_bytes, 8u << 20);  // grew from 1 MiB at least three times
  EXPECT_EQ(DumpStore(dir / "mapped"), DumpStore(dir / "plain"));
  const auto used = std::filesystem::file_size(dir / "mapped" / "data.mdb");
  EXPECT_LT(used, map_bytes);
  EXPECT_EQ(used % 4096, 0u);
  struct stat file{};
  ASSERT_EQ(stat((dir / "mapped" / "data.mdb").c_str(), &file), 0);
  EXPECT_GE(static_cast<uint64_t>(file.st_blocks) * 512, used);  // no hole left to fault on
}

// A write-map store whose map cannot get its disk blocks refuses with an
// error instead of dying of SIGBUS on the first page written past the end
// of the disk; the chunks committed before stay. The shortage is made with
// RLIMIT_FSIZE in a child (SIGXFSZ ignored: posix_fallocate fails with EFBIG).
enum LoadChild { kLoadOk = 0, kLoadSetup = 10, kLoadNoError, kLoadWrongError, kLoadLostChunks };

int LoadPastTheFileSizeLimit(const std::filesystem::path& dir) {
  signal(SIGXFSZ, SIG_IGN);
  rlimit limit{};
  limit.rlim_cur = 3u << 20;  // the 1 and 2 MiB maps fit, the 4 MiB one does not
  limit.rlim_max = RLIM_INFINITY;
  if (setrlimit(RLIMIT_FSIZE, &limit) != 0) return kLoadSetup;
  uint64_t committed = 0;
  {
    Result<std::unique_ptr<Store>> store =
        FrontierLoader::OpenStore(dir, OpenMode::kCreate, OpenOptions{.initial_map_mib = 1});
    if (!store) return kLoadSetup;
    FrontierLoader loader(**store, 2'000);
    Status status = Status::Ok();
    for (int i = 0; i < 40'000 && status; ++i) {
      status = loader.Add("https://h" + std::to_string(i % 7) + ".test/article-" +
                              std::to_string(i) + "-" + std::string(60, 'x'),
                          "h" + std::to_string(i % 7) + ".test");
    }
    if (status) status = loader.Flush();
    if (status) return kLoadNoError;
    if (status.error().code != "store.file_too_large" ||
        status.error().message.find("posix_fallocate of data.mdb to 4 MiB (MDB_WRITEMAP)") ==
            std::string::npos) {
      fprintf(stderr, "child: %s: %s\n", status.error().code.c_str(),
              status.error().message.c_str());
      return kLoadWrongError;
    }
    committed = loader.counts().enqueued;
    if (committed == 0) return kLoadSetup;
  }
  limit.rlim_cur = RLIM_INFINITY;
  setrlimit(RLIMIT_FSIZE, &limit);
  Result<std::unique_ptr<Store>> store = Store::Open(dir, OpenMode::kOpenExisting, {});
  if (!store) return kLoadLostChunks;
  Result<StoreStats> stats = (*store)->Stats();
  return stats && stats->urls_queued == committed ? kLoadOk : kLoadLostChunks;
}

// What `child` returned in a forked process, or "signal N" if one killed it
// (a SIGBUS from a write into the map would).
std::string OutcomeInChild(const std::function<int()>& child) {
  const pid_t pid = fork();
  if (pid == 0) _exit(child());
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return "no child";
  return WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                           : "signal " + std::to_string(WTERMSIG(status));
}

TEST(FrontierLoaderTest, AWriteMapStoreThatCannotReserveItsMapFailsClearlyAndKeepsItsChunks) {
  nc::testing::TempDir dir;
  EXPECT_EQ(OutcomeInChild([&] { return LoadPastTheFileSizeLimit(dir / "store"); }),
            "exit " + std::to_string(kLoadOk));
}

TEST(FrontierLoaderTest, DuplicatesAreAbsorbed) {
  nc::testing::TempDir dir;
  auto store = Create(dir / "store");
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->AddSeeds(std::vector<OutlinkRecord>{Seed("https://a.test/1")}).ok());
  FrontierLoader loader(*store, 2);
  for (const char* url : {"https://a.test/1", "https://a.test/2", "https://a.test/2",
                          "https://a.test/3", "https://a.test/2"}) {
    ASSERT_TRUE(loader.Add(url, "a.test").ok());
  }
  ASSERT_TRUE(loader.Flush().ok());
  EXPECT_EQ(loader.counts().urls, 5u);
  EXPECT_EQ(loader.counts().enqueued, 2u);
  EXPECT_EQ(loader.counts().duplicates, 3u);
  EXPECT_EQ(loader.counts().chunks, 3u);
  Result<std::vector<QueuedUrl>> pending = store->LoadPending("a.test", 0, 100);
  ASSERT_TRUE(pending.ok());
  std::vector<std::string> urls;
  for (const QueuedUrl& q : *pending) urls.push_back(q.url);
  EXPECT_THAT(urls, ::testing::ElementsAre("https://a.test/1", "https://a.test/2",
                                           "https://a.test/3"));
}

TEST(FrontierLoaderTest, InvalidItemsAreRefusedOneByOne) {
  nc::testing::TempDir dir;
  auto store = Create(dir / "store");
  ASSERT_NE(store, nullptr);
  FrontierLoader loader(*store);
  Status empty_url = loader.Add("", "a.test");
  ASSERT_FALSE(empty_url.ok());
  EXPECT_EQ(empty_url.error().code, "store.invalid");
  Status no_host = loader.Add("https://a.test/", "");
  ASSERT_FALSE(no_host.ok());
  EXPECT_THAT(no_host.error().message, ::testing::HasSubstr("invalid host key"));
  EXPECT_FALSE(loader.Add("https://a.test/", std::string(401, 'h')).ok());
  EXPECT_FALSE(loader.Add("https://a.test/", std::string("a\0b", 3)).ok());
  ASSERT_TRUE(loader.Add("https://a.test/ok", "a.test").ok());
  ASSERT_TRUE(loader.Flush().ok());
  EXPECT_EQ(loader.counts().urls, 1u);
  EXPECT_EQ(loader.counts().enqueued, 1u);
  Result<StoreStats> stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->urls_known, 1u);
}

TEST(FrontierLoaderTest, ResumeAfterLoadFindsEveryUrlQueuedOnce) {
  nc::testing::TempDir dir;
  std::vector<std::string> given;
  {
    auto store = Create(dir / "store");
    ASSERT_NE(store, nullptr);
    FrontierLoader loader(*store, 97);
    for (int i = 0; i < 1000; ++i) {
      const std::string host = "h" + std::to_string(i % 13) + ".test";
      given.push_back("https://" + host + "/" + std::to_string(i));
      ASSERT_TRUE(loader.Add(given.back(), host).ok());
      ASSERT_TRUE(loader.Add(given[i / 2], "h" + std::to_string((i / 2) % 13) + ".test").ok());
    }
    ASSERT_TRUE(loader.Flush().ok());
    EXPECT_EQ(loader.counts().enqueued, 1000u);
  }
  Result<std::unique_ptr<Store>> store = Store::Open(dir / "store", OpenMode::kOpenExisting, {});
  ASSERT_TRUE(store.ok()) << store.error().message;
  Result<std::vector<std::string>> hosts = (*store)->PendingHosts();
  ASSERT_TRUE(hosts.ok());
  EXPECT_EQ(hosts->size(), 13u);
  std::multiset<std::string> pending;
  for (const std::string& host : *hosts) {
    uint64_t after = 0;
    while (true) {
      Result<std::vector<QueuedUrl>> page = (*store)->LoadPending(host, after, 10);
      ASSERT_TRUE(page.ok());
      if (page->empty()) break;
      for (const QueuedUrl& q : *page) {
        EXPECT_GT(q.seq, after);  // seq order within the host
        after = q.seq;
        pending.insert(q.url);
      }
    }
  }
  EXPECT_EQ(pending, std::multiset<std::string>(given.begin(), given.end()));
}

}  // namespace
}  // namespace nc::storage::testing
