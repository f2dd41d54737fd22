// `newscrawl export` on a real crawl of the fixture site: every format is
// loaded by an independent reader (networkx through export_check.py,
// Graphviz `dot` for DOT) and the counts agree with each other and with
// `newscrawl status`; then the errors a user meets (unknown format,
// unwritable output, empty store).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "storage/store.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/storage/store_fixture.h"

namespace nc::testing {
namespace {

size_t CountLinesStartingWith(const std::string& text, const std::string& prefix) {
  std::istringstream lines(text);
  size_t count = 0;
  for (std::string line; std::getline(lines, line);) count += line.rfind(prefix, 0) == 0;
  return count;
}

uint64_t JsonNumber(const std::string& json, const std::string& key) {
  size_t at = json.find("\"" + key + "\":");
  return at == std::string::npos ? 0 : std::stoull(json.substr(at + key.size() + 3));
}

// One crawl of the fixture site, shared by the tests of this file.
struct ExportRun : FixtureRun {
  std::string status_json;
};

ExportRun& Crawl() {
  static const std::unique_ptr<ExportRun> run = [] {
    auto r = std::make_unique<ExportRun>();
    if (!r->StartServer()) return r;
    CrawlOutcome outcome = CrawlInProcess(r->Config(false, 0.02), r->store);
    EXPECT_EQ(outcome.end, CrawlOutcome::End::kFinished);
    std::string err;
    EXPECT_EQ(RunNewscrawl({"status", "--store", r->store, "--json"}, &r->status_json, &err), 0)
        << err;
    return r;
  }();
  return *run;
}

TEST(Export, EveryFormatLoadsInAnIndependentReaderWithTheSameCounts) {
  ExportRun& run = Crawl();
  ASSERT_FALSE(run.status_json.empty());
  const std::string out_dir = (run.dir / "exports").string();
  std::filesystem::create_directories(out_dir);
  std::ofstream(out_dir + "/status.json") << run.status_json;
  ExportEveryGraphFormat({"export", "--store", run.store}, out_dir, {"--with-body"});

  std::string out;
  const std::string script = std::string(NEWSCRAWL_SOURCE_DIR) + "/tests/integration/export_check.py";
  EXPECT_EQ(RunShell("python3 '" + script + "' '" + out_dir + "' 2>&1", &out), 0) << out;
  EXPECT_EQ(out, "OK\n");

  // Graphviz's own parser reads the URL-level file (`gc` counts its nodes
  // and edges; laying out a thousand edges would take minutes), and `dot`
  // lays out the host-level one (-Tplain: one line per node and per edge).
  const uint64_t urls = JsonNumber(run.status_json, "urls_known");
  const uint64_t edges = JsonNumber(run.status_json, "edges");
  ASSERT_EQ(RunShell("gc -n -e '" + out_dir + "/graph.dot' 2>&1", &out), 0)
      << "Graphviz gc failed (scripts/setup.sh installs graphviz): " << out;
  EXPECT_EQ(out, std::string(8 - std::to_string(urls).size(), ' ') + std::to_string(urls) +
                     std::string(8 - std::to_string(edges).size(), ' ') + std::to_string(edges) +
                     " newscrawl (" + out_dir + "/graph.dot)\n");
  ASSERT_EQ(RunShell("dot -Tplain '" + out_dir + "/hosts.dot' 2>&1", &out), 0) << out;
  EXPECT_GE(CountLinesStartingWith(out, "node "), 2u);  // the fixture's hosts
  EXPECT_EQ(DotEdgeWeightSum(out_dir + "/hosts.dot"), edges);
}

// Where the npm warcio package is: $NEWSCRAWL_WARCIO, else the build tree's
// warcio/ (tests/integration/install_warcio.sh); "" when neither has it.
std::string WarcioDir() {
  std::vector<std::filesystem::path> candidates;
  if (const char* env = std::getenv("NEWSCRAWL_WARCIO")) candidates.emplace_back(env);
  candidates.push_back(std::filesystem::path(NEWSCRAWL_BINARY).parent_path() / "warcio" /
                       "node_modules" / "warcio");
  for (const auto& dir : candidates) {
    if (std::filesystem::exists(dir / "package.json")) return dir.string();
  }
  return "";
}

TEST(Export, WarcReadBackByWarcioWithEveryDigestAndPayloadVerified) {
  ExportRun& run = Crawl();
  ASSERT_FALSE(run.status_json.empty());
  std::string out;
  if (RunShell("node --version 2>&1", &out) != 0) GTEST_SKIP() << "node is not installed";
  const std::string warcio = WarcioDir();
  if (warcio.empty()) {
    GTEST_SKIP() << "the npm warcio package is not installed: run "
                    "tests/integration/install_warcio.sh BUILD_DIR or set NEWSCRAWL_WARCIO";
  }
  const std::string script = std::string(NEWSCRAWL_SOURCE_DIR) + "/tests/integration/warc_check.mjs";
  const std::string warc_dir = (run.dir / "warc").string();
  std::filesystem::create_directories(warc_dir + "/rolled");
  std::string err;
  ASSERT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "warc", "--out",
                          warc_dir + "/crawl.warc.gz"}, nullptr, &err), 0) << err;
  // The same pages over numbered files of at most ~50 KB each.
  ASSERT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "warc", "--max-size", "50K",
                          "--out", warc_dir + "/rolled/crawl.warc.gz"}, nullptr, &err), 0) << err;
  std::vector<std::string> rolled;
  for (const auto& entry : std::filesystem::directory_iterator(warc_dir + "/rolled")) {
    rolled.push_back(entry.path().string());
  }
  std::sort(rolled.begin(), rolled.end());
  ASSERT_GE(rolled.size(), 3u);
  EXPECT_EQ(std::filesystem::path(rolled[0]).filename(), "crawl-00001.warc.gz");
  EXPECT_EQ(std::filesystem::path(rolled.back()).filename(), "crawl.warc.gz");

  const uint64_t pages = JsonNumber(run.status_json, "2xx") + JsonNumber(run.status_json, "3xx") +
                         JsonNumber(run.status_json, "4xx") + JsonNumber(run.status_json, "5xx");
  ASSERT_GT(pages, 0u);
  const std::string prefix = "node '" + script + "' '" + warcio + "' '" + NEWSCRAWL_BINARY + "' '" +
                             run.store + "' ";
  ASSERT_EQ(RunShell(prefix + "'" + warc_dir + "/crawl.warc.gz' 2>&1", &out), 0) << out;
  const std::string n = std::to_string(pages);
  // Every response as received, decoded by warcio to what `cat` prints,
  // and every record naming the address connected to; the fixture gzips
  // its text pages, so many payloads are gzip as served.
  const std::string checked = ",\"digests\":" + std::to_string(3 * pages) + ",\"payloads\":" + n +
                              ",\"decoded\":" + n + ",\"ip\":" + std::to_string(2 * pages) +
                              ",\"coded\":";
  EXPECT_EQ(out.substr(0, out.find("\"coded\":") + 8),
            "{\"files\":1,\"warcinfo\":1,\"request\":" + n + ",\"response\":" + n + checked)
      << out;
  EXPECT_GT(JsonNumber(out, "coded"), pages / 2) << out;
  const std::string coded = std::to_string(JsonNumber(out, "coded"));
  std::string all_rolled;
  for (const std::string& file : rolled) all_rolled += "'" + file + "' ";
  ASSERT_EQ(RunShell(prefix + all_rolled + "2>&1", &out), 0) << out;
  const std::string files = std::to_string(rolled.size());
  EXPECT_EQ(out, "{\"files\":" + files + ",\"warcinfo\":" + files + ",\"request\":" + n +
                     ",\"response\":" + n + checked + coded + "}\n");
}

TEST(Export, WarcMaxSizeNeedsAFileAndASize) {
  ExportRun& run = Crawl();
  std::string err;
  EXPECT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "warc", "--max-size", "10M"},
                         nullptr, &err), 2);
  EXPECT_NE(err.find("--max-size needs --out FILE"), std::string::npos) << err;
  EXPECT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "warc", "--max-size", "0",
                          "--out", (run.dir / "x.warc.gz").string()}, nullptr, &err), 2);
  EXPECT_NE(err.find("a positive size in bytes"), std::string::npos) << err;
  EXPECT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "csv", "--max-size", "10M",
                          "--out", (run.dir / "x.csv").string()}, nullptr, &err), 2);
  EXPECT_NE(err.find("--max-size is only for --format warc"), std::string::npos) << err;
}

TEST(Export, SinceKeepsPagesFetchedFromThatTime) {
  ExportRun& run = Crawl();
  std::string all, recent, future, old, err;
  ASSERT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "jsonl", "--no-titles"},
                         &all, &err), 0) << err;
  ASSERT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "jsonl", "--no-titles",
                          "--since", "24h"}, &recent, &err), 0) << err;
  ASSERT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "jsonl", "--no-titles",
                          "--since", "2000-01-01"}, &old, &err), 0) << err;
  ASSERT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "jsonl", "--no-titles",
                          "--since", "2999-01-01T00:00:00Z"}, &future, &err), 0) << err;
  EXPECT_GT(all.size(), 0u);
  EXPECT_EQ(recent, all);  // the crawl ran minutes ago
  EXPECT_EQ(old, all);
  EXPECT_EQ(future, "");
  EXPECT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "jsonl", "--since",
                          "yesterday"}, nullptr, &err), 2);
  EXPECT_NE(err.find("--since 'yesterday': a UTC date"), std::string::npos) << err;
  EXPECT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "graphml", "--since", "1d"},
                         nullptr, &err), 2);
  EXPECT_NE(err.find("--since is only for the page formats"), std::string::npos) << err;
}

TEST(GraphStats, CountsAgreeWithStatusAndPageRankWithNetworkx) {
  ExportRun& run = Crawl();
  ASSERT_FALSE(run.status_json.empty());
  const std::string dir = (run.dir / "graph-stats").string();
  std::filesystem::create_directories(dir);
  std::string out, err;
  ASSERT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "graphml", "--no-titles",
                          "--out", dir + "/graph.graphml"}, nullptr, &err), 0) << err;
  ASSERT_EQ(RunNewscrawl({"graph-stats", "--store", run.store, "--pagerank", "25", "--json"},
                         &out, &err), 0) << err;
  std::ofstream(dir + "/stats.json") << out;
  EXPECT_EQ(JsonNumber(out, "nodes"), JsonNumber(run.status_json, "urls_known"));
  EXPECT_EQ(JsonNumber(out, "edges"), JsonNumber(run.status_json, "edges"));
  EXPECT_EQ(JsonNumber(out, "hosts"), 6u);  // the fixture's hosts, linked or crawled
  uint64_t by_role = 0;
  for (const char* role : {"headline", "related", "nav", "footer", "external", "other",
                           "redirect", "feed"}) {
    by_role += JsonNumber(out, role);
  }
  EXPECT_EQ(by_role, JsonNumber(out, "edges"));
  EXPECT_NE(out.find("\"pagerank_converged\":true"), std::string::npos) << out;
  const std::string script =
      std::string(NEWSCRAWL_SOURCE_DIR) + "/tests/integration/pagerank_check.py";
  EXPECT_EQ(RunShell("python3 '" + script + "' '" + dir + "/graph.graphml' '" + dir +
                         "/stats.json' 2>&1", &out), 0) << out;
  EXPECT_EQ(out, "OK\n");
  // The text form names the same totals.
  ASSERT_EQ(RunNewscrawl({"graph-stats", "--store", run.store}, &out, &err), 0) << err;
  EXPECT_NE(out.find("edges:  " + std::to_string(JsonNumber(run.status_json, "edges")) + " links"),
            std::string::npos) << out;
}

TEST(GraphStats, EmptyStoreHasNoNodesAndAMissingStoreSaysSo) {
  TempDir dir;
  const std::string store = (dir / "store").string();
  ASSERT_TRUE(CreateEmptyStore(store));
  std::string out, err;
  ASSERT_EQ(RunNewscrawl({"graph-stats", "--store", store, "--pagerank", "5", "--json"}, &out,
                         &err), 0) << err;
  EXPECT_EQ(out, "{\"nodes\":0,\"edges\":0,\"edges_by_role\":{\"headline\":0,\"related\":0,"
                 "\"nav\":0,\"footer\":0,\"external\":0,\"other\":0,\"redirect\":0,\"feed\":0},"
                 "\"hosts\":0,\"top_hosts\":[]}\n");
  EXPECT_EQ(RunNewscrawl({"graph-stats", "--store", (dir / "none").string()}, nullptr, &err), 1);
  EXPECT_FALSE(err.empty());
}

TEST(Export, FiltersNarrowTheGraph) {
  ExportRun& run = Crawl();
  std::string all, followed, headlines, err;
  ASSERT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "csv"}, &all, &err), 0) << err;
  ASSERT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "csv", "--followed-only"},
                         &followed, &err), 0) << err;
  ASSERT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "csv", "--roles", "headline",
                          "--host", "www.*", "--host", "sport.*"},
                         &headlines, &err), 0) << err;
  const size_t all_rows = CountLinesStartingWith(all, "n");
  EXPECT_EQ(all_rows, JsonNumber(run.status_json, "edges"));
  EXPECT_GT(CountLinesStartingWith(followed, "n"), 0u);
  EXPECT_LT(CountLinesStartingWith(followed, "n"), all_rows);
  EXPECT_EQ(followed.find(",false,"), std::string::npos);
  EXPECT_GT(CountLinesStartingWith(headlines, "n"), 0u);
  EXPECT_EQ(CountLinesStartingWith(headlines, "n"),
            static_cast<size_t>(std::count(headlines.begin(), headlines.end(), '\n') - 1));
  EXPECT_EQ(headlines.find(",nav,"), std::string::npos);
}

TEST(Export, UnknownFormatAndBadFlagsAreUsageErrors) {
  ExportRun& run = Crawl();
  std::string err;
  EXPECT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "xml"}, nullptr, &err), 2);
  EXPECT_NE(err.find("unknown format 'xml' (formats: edges, csv"), std::string::npos) << err;
  EXPECT_EQ(RunNewscrawl({"export", "--store", run.store, "--roles", "bogus"}, nullptr, &err), 2);
  EXPECT_NE(err.find("unknown link role 'bogus'"), std::string::npos) << err;
  EXPECT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "csv", "--by-host"},
                         nullptr, &err), 2);
  EXPECT_NE(err.find("--by-host is only for --format dot"), std::string::npos) << err;
}

TEST(Export, UnwritableOutputSaysWhy) {
  ExportRun& run = Crawl();
  std::string err;
  const std::string missing_dir = (run.dir / "no-such-dir" / "graph.graphml").string();
  EXPECT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "graphml", "--out",
                          missing_dir}, nullptr, &err), 1);
  EXPECT_NE(err.find("cannot write " + missing_dir + ": No such file or directory"),
            std::string::npos) << err;
  // A full device: the write error is reported and the partial file removed.
  EXPECT_EQ(RunNewscrawl({"export", "--store", run.store, "--format", "graphml", "--out",
                          "/dev/full"}, nullptr, &err), 1);
  EXPECT_NE(err.find("writing the output failed: No space left on device"), std::string::npos)
      << err;
  EXPECT_TRUE(std::filesystem::is_character_file("/dev/full"));  // a device is never removed
}

TEST(Export, EmptyStoreGivesEmptyGraphsThatStillLoad) {
  TempDir dir;
  const std::string store = (dir / "store").string();
  ASSERT_TRUE(CreateEmptyStore(store));
  std::string out, err;
  ASSERT_EQ(RunNewscrawl({"export", "--store", store, "--format", "csv"}, &out, &err), 0) << err;
  EXPECT_EQ(out, "Source,Target,Role,Anchor,Followed,Reason\r\n");
  const std::string graphml = (dir / "empty.graphml").string();
  ASSERT_EQ(RunNewscrawl({"export", "--store", store, "--format", "graphml", "--out", graphml},
                         nullptr, &err), 0) << err;
  EXPECT_EQ(RunShell("python3 -c 'import sys, networkx as nx; g = nx.read_graphml(sys.argv[1]); "
                     "print(g.number_of_nodes(), g.number_of_edges())' '" + graphml + "' 2>&1",
                     &out), 0) << out;
  EXPECT_EQ(out, "0 0\n");
  // WARC: the warcinfo record alone, one gzip member.
  const std::string warc = (dir / "empty.warc.gz").string();
  ASSERT_EQ(RunNewscrawl({"export", "--store", store, "--format", "warc", "--out", warc}, nullptr,
                         &err), 0) << err;
  EXPECT_EQ(RunShell("zcat '" + warc + "' | grep -c '^WARC-Type: '", &out), 0) << out;
  EXPECT_EQ(out, "1\n");
}

// The GraphML 1.0 and GEXF 1.3 XML schemas are third-party data, not
// committed: tests/integration/collect_xsd.sh rebuilds them from the
// repository mirrors into $NEWSCRAWL_XSD (default /work/testdata-local/xsd).
std::string XsdDir() {
  const char* env = std::getenv("NEWSCRAWL_XSD");
  const std::string dir = env != nullptr && *env != '\0' ? env : "/work/testdata-local/xsd";
  return std::filesystem::exists(dir + "/graphml/graphml.xsd") &&
                 std::filesystem::exists(dir + "/gexf/1.3/gexf.xsd")
             ? dir
             : "";
}

// Validates `file` with xmllint against `schema`; "" when valid, else what
// xmllint said.
std::string SchemaErrors(const std::string& schema, const std::string& file) {
  std::string out;
  const int status = RunShell("xmllint --noout --nonet --schema '" + schema + "' '" + file +
                                  "' 2>&1", &out);
  return status == 0 && out == file + " validates\n" ? "" : out.empty() ? "xmllint failed" : out;
}

TEST(Export, GraphmlAndGexfAreValidAgainstTheirSchemas) {
  const std::string xsd = XsdDir();
  if (xsd.empty()) {
    GTEST_SKIP() << "the GraphML and GEXF schemas are not there: run "
                    "tests/integration/collect_xsd.sh, or set NEWSCRAWL_XSD";
  }
  std::string out;
  ASSERT_EQ(RunShell("xmllint --version 2>&1", &out), 0)
      << "xmllint is missing (scripts/setup.sh installs libxml2-utils)";
  ExportRun& run = Crawl();
  TempDir dir;
  const std::string empty_store = (dir / "empty").string();
  ASSERT_TRUE(CreateEmptyStore(empty_store));
  // And characters XML cannot carry, markup, and bytes that are not UTF-8.
  const std::string hostile_store = (dir / "hostile").string();
  {
    auto created = storage::Store::Open(hostile_store, storage::OpenMode::kCreate, {});
    ASSERT_TRUE(created.ok()) << created.error().message;
    storage::OutlinkRecord seed = storage::testing::Seed("https://a.test/");
    auto seeded = (*created)->AddSeeds({&seed, 1});
    ASSERT_TRUE(seeded.ok() && seeded->enqueued.size() == 1);
    storage::PageRecord page = storage::testing::Page(
        "a.test", seeded->enqueued[0].url,
        {storage::testing::Link("https://a.test/x?a=1&b=<2>", true, LinkRole::kHeadline,
                                "\x01 ]]> & <b> \"q\" \xff\xfe \x7f"),
         storage::testing::Link("https://b.test/\xc3\x28", false, LinkRole::kExternal, "")},
        "<title>\x02 T\xe9l\xe9 &amp; <i>x</i> \xef\xbf\xbf</title>");
    std::vector<storage::BatchRecord> batch;
    batch.emplace_back(std::move(page));
    ASSERT_TRUE((*created)->CommitBatch(batch).ok());
  }
  for (const std::string& store : {run.store, empty_store, hostile_store}) {
    for (const std::vector<std::string>& flags :
         std::vector<std::vector<std::string>>{{}, {"--no-titles"}, {"--followed-only"}}) {
      const std::string graphml = (dir / "graph.graphml").string();
      const std::string gexf = (dir / "graph.gexf").string();
      std::vector<std::string> args = {"export", "--store", store, "--format", "graphml", "--out",
                                       graphml};
      args.insert(args.end(), flags.begin(), flags.end());
      std::string err;
      ASSERT_EQ(RunNewscrawl(args, nullptr, &err), 0) << err;
      args[4] = "gexf";
      args[6] = gexf;
      ASSERT_EQ(RunNewscrawl(args, nullptr, &err), 0) << err;
      EXPECT_EQ(SchemaErrors(xsd + "/graphml/graphml.xsd", graphml), "") << store;
      EXPECT_EQ(SchemaErrors(xsd + "/gexf/1.3/gexf.xsd", gexf), "") << store;
    }
  }
}

}  // namespace
}  // namespace nc::testing
