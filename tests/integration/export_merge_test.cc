// `newscrawl export` and `graph-stats` with several --store: three crawls of
// one fixture server with different --max-pages (overlapping: the pages of
// the smaller crawls are fetched again, later, by the larger ones) are
// merged, and every format is checked against the union computed from each
// store's own exports (export_merge_check.py, networkx); then the bad input
// a user meets (a missing store, the same store twice, another schema).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "storage/schema.h"
#include "storage/store.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/storage/raw_lmdb.h"

namespace nc::testing {
namespace {

constexpr int kStores = 3;

// Three crawls of one server (URLs must agree: a server's port is in them).
struct MergeRun : FixtureRun {
  std::vector<std::string> stores;
};

MergeRun& Crawls() {
  static const std::unique_ptr<MergeRun> run = [] {
    auto r = std::make_unique<MergeRun>();
    if (!r->StartServer()) return r;
    const uint64_t max_pages[kStores] = {15, 40, 70};
    for (int i = 0; i < kStores; ++i) {
      const std::string store = (r->dir / ("store" + std::to_string(i + 1))).string();
      CrawlConfig config = r->Config(false, 0.02);
      config.max_pages = max_pages[i];
      CrawlOutcome outcome = CrawlInProcess(config, store + "/db");
      EXPECT_NE(outcome.end, CrawlOutcome::End::kInterrupted);
      r->stores.push_back(store + "/db");
    }
    return r;
  }();
  return *run;
}

std::vector<std::string> ExportArgs(const std::vector<std::string>& stores) {
  std::vector<std::string> args = {"export"};
  for (const std::string& store : stores) {
    args.push_back("--store");
    args.push_back(store);
  }
  return args;
}

TEST(ExportMerge, EveryFormatEqualsTheUnionOfTheStores) {
  MergeRun& run = Crawls();
  ASSERT_EQ(run.stores.size(), static_cast<size_t>(kStores));
  std::string err;
  // Each store alone: the input of the union.
  for (int i = 0; i < kStores; ++i) {
    const std::string out = (run.dir / ("store" + std::to_string(i + 1))).string();
    for (const auto& [format, file] : std::vector<std::pair<std::string, std::string>>{
             {"nodes-csv", "nodes.csv"}, {"csv", "edges.csv"}, {"jsonl", "pages.jsonl"}}) {
      std::vector<std::string> args = ExportArgs({run.stores[i]});
      args.insert(args.end(), {"--format", format, "--out", out + "/" + file});
      ASSERT_EQ(RunNewscrawl(args, nullptr, &err), 0) << format << ": " << err;
    }
  }
  const std::string merged = (run.dir / "merged").string();
  std::filesystem::create_directories(merged);
  ExportEveryGraphFormat(ExportArgs(run.stores), merged);
  std::vector<std::string> warc = ExportArgs(run.stores);
  warc.insert(warc.end(), {"--format", "warc", "--out", merged + "/crawl.warc.gz"});
  EXPECT_EQ(RunNewscrawl(warc, nullptr, &err), 0) << "warc: " << err;
  // The same stores in the other order: the same node ids.
  std::vector<std::string> reversed(run.stores.rbegin(), run.stores.rend());
  std::vector<std::string> args = ExportArgs(reversed);
  args.insert(args.end(), {"--format", "nodes-csv", "--out", merged + "/nodes-reversed.csv"});
  EXPECT_EQ(RunNewscrawl(args, nullptr, &err), 0) << err;
  std::string stats;
  args = {"graph-stats", "--json"};
  for (const std::string& store : run.stores) args.insert(args.end(), {"--store", store});
  ASSERT_EQ(RunNewscrawl(args, &stats, &err), 0) << err;
  std::ofstream(merged + "/stats.json") << stats;

  std::string out;
  const std::string script =
      std::string(NEWSCRAWL_SOURCE_DIR) + "/tests/integration/export_merge_check.py";
  ASSERT_EQ(RunShell("python3 '" + script + "' '" + run.dir.path().string() + "' " +
                         std::to_string(kStores) + " 2>&1",
                     &out),
            0)
      << out;
  ASSERT_EQ(out.rfind("OK ", 0), 0u) << out;
  std::printf("union: %s", out.c_str());  // nodes edges pages, pages in 2+ stores, edges in all
  // "OK nodes edges pages": Graphviz reads the same counts from the DOT.
  std::istringstream counts(out.substr(3));
  uint64_t nodes = 0, edges = 0;
  counts >> nodes >> edges;
  ASSERT_EQ(RunShell("gc -n -e '" + merged + "/graph.dot' 2>&1", &out), 0) << out;
  std::istringstream gc(out);
  uint64_t gc_nodes = 0, gc_edges = 0;
  gc >> gc_nodes >> gc_edges;
  EXPECT_EQ(gc_nodes, nodes);
  EXPECT_EQ(gc_edges, edges);
  EXPECT_EQ(DotEdgeWeightSum(merged + "/hosts.dot"), edges);
}

TEST(ExportMerge, TheSameStoreTwiceIsReadOnceAndSaysSo) {
  MergeRun& run = Crawls();
  ASSERT_FALSE(run.stores.empty());
  const std::string& store = run.stores[0];
  for (const std::string format : {"graphml", "jsonl"}) {
    std::string once, twice, err;
    std::vector<std::string> args = ExportArgs({store});
    args.insert(args.end(), {"--format", format});
    ASSERT_EQ(RunNewscrawl(args, &once, &err), 0) << err;
    // The second mention under another spelling of the same directory.
    args = ExportArgs({store, store + "/."});
    args.insert(args.end(), {"--format", format});
    ASSERT_EQ(RunNewscrawl(args, &twice, &err), 0) << err;
    EXPECT_EQ(once, twice) << format;
    EXPECT_NE(err.find("is given more than once; reading it once"), std::string::npos) << err;
  }
}

TEST(ExportMerge, AMissingStoreIsNamed) {
  MergeRun& run = Crawls();
  ASSERT_FALSE(run.stores.empty());
  const std::string missing = (run.dir / "no-such-store").string();
  std::string out, err;
  EXPECT_EQ(RunNewscrawl(ExportArgs({run.stores[0], missing}), &out, &err), 1);
  EXPECT_NE(err.find(missing), std::string::npos) << err;
  EXPECT_EQ(out, "");
  EXPECT_EQ(RunNewscrawl({"graph-stats", "--store", run.stores[0], "--store", missing}, &out, &err),
            1);
  EXPECT_NE(err.find(missing), std::string::npos) << err;
}

TEST(ExportMerge, AStoreOfAnotherSchemaVersionIsRefused) {
  MergeRun& run = Crawls();
  ASSERT_FALSE(run.stores.empty());
  const std::string other = (run.dir / "schema7").string();
  ASSERT_TRUE(CreateEmptyStore(other));
  storage::testing::WithRawLmdb(other, [](storage::lmdb::Txn& txn) {
    ASSERT_TRUE(storage::testing::RawDb(txn, "meta").Put(txn, storage::schema::kSchemaKey, "7").ok());
  });
  std::string out, err;
  EXPECT_EQ(RunNewscrawl(ExportArgs({run.stores[0], other}), &out, &err), 1);
  EXPECT_NE(err.find("schema version 7, this newscrawl reads"), std::string::npos) << err;
  EXPECT_NE(err.find(other), std::string::npos) << err;
}

}  // namespace
}  // namespace nc::testing
