// The export writers on small stores built through the Store API: exact
// output for the quoting rules, filters, ids that agree across formats, and
// one snapshot per export. Loading by independent readers (networkx,
// Graphviz) is in tests/integration/export_test.cc.
#include "storage/export.h"

#include <gmock/gmock.h>

#include <sstream>

#include "storage/export_text.h"
#include "storage/snapshot.h"
#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ExportFormatsTest : public StoreTest {
 protected:
  // a.test/ links to a.test/art (headline, followed), a.test/about (footer,
  // not followed) and x.test/ (external, not followed).
  void CommitSmallGraph(std::string anchor = "Un titre") {
    QueuedUrl home = AddSeed("https://a.test/");
    Commit({Page("a.test", home, SmallGraphLinks(std::move(anchor), "About"),
                 "<html><head><title>Accueil</title></head></html>")});
  }

  std::string Run(ExportOptions options) {
    std::ostringstream out;
    Status s = Export(*store_, options, out);
    EXPECT_TRUE(s.ok()) << s.error().message;
    return out.str();
  }
  std::string Run(ExportFormat format) { return Run(As(format)); }
  // Default export options but for the `format`.
  static ExportOptions As(ExportFormat format) {
    ExportOptions options;
    options.format = format;
    return options;
  }
};

TEST_F(ExportFormatsTest, CsvQuotesPerRfc4180AndUsesNodeIds) {
  CommitSmallGraph("say \"hi\", then\nleave");
  EXPECT_EQ(Run(ExportFormat::kCsv),
            "Source,Target,Role,Anchor,Followed,Reason\r\n"
            "n1,n2,headline,\"say \"\"hi\"\", then\nleave\",true,\r\n"
            "n1,n3,footer,About,false,role\r\n"
            "n1,n4,external,,false,scope\r\n");
}

TEST_F(ExportFormatsTest, NodesCsvHasOneRowPerUrlWithPageFields) {
  CommitSmallGraph();
  ExportOptions options = As(ExportFormat::kNodesCsv);
  options.title = [](std::string_view html) {
    return html.find("Accueil") != std::string_view::npos ? "Accueil" : "";
  };
  EXPECT_EQ(Run(options),
            "Id,Label,Url,Host,State,Fetched,Status,ContentType,FetchedAt,Depth,Title\r\n"
            "n1,https://a.test/,https://a.test/,a.test,fetched,true,200,"
            "text/html; charset=utf-8,2023-11-14T22:13:20.000Z,0,Accueil\r\n"
            "n2,https://a.test/art,https://a.test/art,a.test,queued,false,,,,,\r\n"
            "n3,https://a.test/about,https://a.test/about,a.test,known,false,,,,,\r\n"
            "n4,https://x.test/,https://x.test/,x.test,known,false,,,,,\r\n");
}

TEST_F(ExportFormatsTest, GraphmlEscapesMarkupAndCharactersXmlCannotCarry) {
  CommitSmallGraph("<b>&\x01\xff'\"</b>\t");
  std::string xml = Run(ExportFormat::kGraphml);
  EXPECT_THAT(xml, HasSubstr("<data key=\"anchor\">&lt;b&gt;&amp;\xEF\xBF\xBD\xEF\xBF\xBD"
                             "&apos;&quot;&lt;/b&gt;&#9;</data>"));
  EXPECT_THAT(xml, Not(HasSubstr("\x01")));
  EXPECT_THAT(xml, HasSubstr("<edge id=\"e1_0\" source=\"n1\" target=\"n2\">"));
  EXPECT_THAT(xml, HasSubstr("<node id=\"n4\">"));
  EXPECT_THAT(xml, HasSubstr("</graph>\n</graphml>\n"));
}

TEST_F(ExportFormatsTest, GexfNamesTheSameNodesAndEdges) {
  CommitSmallGraph();
  std::string xml = Run(ExportFormat::kGexf);
  EXPECT_THAT(xml, HasSubstr("<gexf xmlns=\"http://gexf.net/1.3\""));
  EXPECT_THAT(xml, HasSubstr("<node id=\"n1\" label=\"https://a.test/\">"));
  EXPECT_THAT(xml, HasSubstr("<edge id=\"e1_2\" source=\"n1\" target=\"n4\">"));
  EXPECT_THAT(xml, HasSubstr("<attvalue for=\"3\" value=\"scope\"/>"));
}

TEST_F(ExportFormatsTest, DotByHostWeighsHostPairsByLinkCount) {
  CommitSmallGraph();
  ExportOptions options = As(ExportFormat::kDot);
  options.by_host = true;
  EXPECT_EQ(Run(options),
            "digraph newscrawl_hosts {\n  node [shape=box];\n"
            "  \"a.test\" [urls=3];\n  \"x.test\" [urls=1];\n"
            "  \"a.test\" -> \"a.test\" [weight=2, label=\"2\"];\n"
            "  \"a.test\" -> \"x.test\" [weight=1, label=\"1\"];\n}\n");
}

TEST_F(ExportFormatsTest, DotQuotesLabels) {
  CommitSmallGraph("a \"quoted\" \\ word");
  std::string dot = Run(ExportFormat::kDot);
  EXPECT_THAT(dot, HasSubstr("n1 [label=\"https://a.test/\""));
  EXPECT_THAT(dot, HasSubstr("anchor=\"a \\\"quoted\\\" \\\\ word\""));
}

TEST_F(ExportFormatsTest, FiltersKeepRolesFollowedEdgesAndTheInducedHostSubgraph) {
  CommitSmallGraph();
  ExportOptions options = As(ExportFormat::kCsv);
  options.filter.roles = {LinkRole::kFooter, LinkRole::kExternal};
  EXPECT_EQ(Run(options),
            "Source,Target,Role,Anchor,Followed,Reason\r\n"
            "n1,n3,footer,About,false,role\r\nn1,n4,external,,false,scope\r\n");
  options.filter = {};
  options.filter.followed_only = true;
  EXPECT_EQ(Run(options), "Source,Target,Role,Anchor,Followed,Reason\r\nn1,n2,headline,Un titre,true,\r\n");
  options.filter = {};
  options.filter.host_patterns = {"x.*"};
  EXPECT_EQ(Run(options), "Source,Target,Role,Anchor,Followed,Reason\r\n");
  options.format = ExportFormat::kNodesCsv;
  EXPECT_THAT(Run(options), HasSubstr("\r\nn4,"));
  EXPECT_THAT(Run(options), Not(HasSubstr("\r\nn1,")));
}

TEST_F(ExportFormatsTest, JsonlHasOnePagePerLineWithHeadersOutlinksAndBody) {
  CommitSmallGraph();
  ExportOptions options = As(ExportFormat::kJsonl);
  options.with_body = true;
  std::string line = Run(options);
  EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1);
  EXPECT_THAT(line, HasSubstr("{\"id\":\"n1\",\"url\":\"https://a.test/\","
                              "\"final_url\":\"https://a.test/\""));
  EXPECT_THAT(line, HasSubstr("\"charset\":\"utf-8\",\"headers\":[[\"Content-Type\",\"text/html\"]]"));
  EXPECT_THAT(line, HasSubstr("{\"id\":\"n4\",\"url\":\"https://x.test/\",\"role\":\"external\","
                              "\"anchor\":\"\",\"followed\":false,\"reason\":\"scope\"}"));
  EXPECT_THAT(line, HasSubstr("\"body\":\"<html><head><title>Accueil</title></head></html>\"}"));
}

TEST_F(ExportFormatsTest, JsonlWritesABinaryBodyAsBase64) {
  QueuedUrl home = AddSeed("https://a.test/logo");
  Commit({Page("a.test", home, {}, std::string("\x89PNG\0\xff", 6))});
  ExportOptions options = As(ExportFormat::kJsonl);
  options.with_body = true;
  EXPECT_THAT(Run(options), HasSubstr("\"body_base64\":\"iVBORwD/\"}"));
}

TEST_F(ExportFormatsTest, EmptyStoreGivesAnEmptyButWellFormedGraph) {
  EXPECT_EQ(Run(ExportFormat::kCsv), "Source,Target,Role,Anchor,Followed,Reason\r\n");
  EXPECT_EQ(Run(ExportFormat::kJsonl), "");
  EXPECT_THAT(Run(ExportFormat::kGraphml), HasSubstr("edgedefault=\"directed\">\n  </graph>"));
  EXPECT_EQ(Run(ExportFormat::kDot), "digraph newscrawl {\n  node [shape=box];\n}\n");
}

TEST_F(ExportFormatsTest, OptionsOfAnotherFormatAreRefused) {
  std::ostringstream out;
  ExportOptions options = As(ExportFormat::kGraphml);
  options.by_host = true;
  Status s = Export(*store_, options, out);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "export.usage");
  EXPECT_FALSE(ParseExportFormat("xml").has_value());
  EXPECT_FALSE(ParseRoleList("headline,bogus").ok());
  ASSERT_TRUE(ParseRoleList("headline,,nav").ok());
  EXPECT_EQ(ParseRoleList("headline,,nav")->size(), 2u);
}

TEST_F(ExportFormatsTest, SnapshotDoesNotSeeCommitsMadeAfterItBegan) {
  QueuedUrl home = AddSeed("https://a.test/");
  Result<StoreSnapshot> snapshot = StoreSnapshot::Begin(*store_);
  ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
  Commit({Page("a.test", home, {Link("https://a.test/new", true)})});
  size_t urls = 0, edges = 0;
  ASSERT_TRUE(snapshot->ForEachUrl([&](const UrlView& url) {
    EXPECT_EQ(url.status, UrlStatus::kQueued);
    return ++urls, true;
  }).ok());
  ASSERT_TRUE(snapshot->ForEachEdge([&](const EdgeIdsView&) { return ++edges, true; }).ok());
  EXPECT_EQ(urls, 1u);
  EXPECT_EQ(edges, 0u);
  EXPECT_EQ(*snapshot->EdgeCount(), 0u);
  Result<StoreSnapshot> later = StoreSnapshot::Begin(*store_);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(*later->EdgeCount(), 1u);
  EXPECT_EQ(*later->UrlCount(), 2u);
}

TEST(ExportTextTest, RepairsUtf8AndFindsHosts) {
  EXPECT_TRUE(export_text::IsValidUtf8("é – \xEF\xBF\xBD"));
  EXPECT_FALSE(export_text::IsValidUtf8("\xC3"));
  EXPECT_FALSE(export_text::IsValidUtf8("\xC0\x80"));        // overlong NUL
  EXPECT_FALSE(export_text::IsValidUtf8("\xED\xA0\x80"));    // surrogate
  std::string json;
  export_text::AppendJsonString("a\x01\xC3", &json);
  EXPECT_EQ(json, "\"a\\u0001\xEF\xBF\xBD\"");
  EXPECT_EQ(export_text::UrlHost("https://u:p@www.a.test:8443/x?y#z"), "www.a.test");
  EXPECT_EQ(export_text::UrlHost("http://[::1]:80/"), "[::1]");
  EXPECT_EQ(export_text::UrlHost("nohost"), "");
  EXPECT_EQ(export_text::IsoTime(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(export_text::IsoTime(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(export_text::Charset("text/html; Charset=\"ISO-8859-1\""), "iso-8859-1");
  std::string b64;
  export_text::AppendBase64("hello", &b64);
  EXPECT_EQ(b64, "aGVsbG8=");
}

}  // namespace
}  // namespace nc::storage::testing
