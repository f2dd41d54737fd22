#include "crawler/extract/feed_parser.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <ostream>

#include "crawler/extract/content_decoding.h"
#include "fixture/gzip.h"

namespace nc {

// Entries compare field by field, and print so when they differ.
bool operator==(const FeedEntry& a, const FeedEntry& b) {
  return a.url == b.url && a.title == b.title && a.published == b.published;
}
void PrintTo(const FeedEntry& e, std::ostream* os) {
  *os << "{url \"" << e.url << "\", title \"" << e.title << "\", published \"" << e.published
      << "\"}";
}

namespace {

FeedDocument Parse(std::string_view body, const FeedLimits& limits = {}) {
  auto doc = ParseFeed(body, limits);
  EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().message);
  return doc.ok() ? *doc : FeedDocument();
}

TEST(FeedParserTest, SitemapUrlsetListsEveryLoc) {
  const FeedDocument doc = Parse(R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://www.news.test/a.html</loc><lastmod>2024-05-01</lastmod></url>
  <url>
    <loc>
      https://www.news.test/b.html?x=1&amp;y=2
    </loc>
  </url>
  <url><lastmod>2024-05-02</lastmod></url>
</urlset>)");
  EXPECT_EQ(doc.kind, FeedKind::kUrlset);
  EXPECT_TRUE(doc.incomplete.empty());
  ASSERT_EQ(doc.entries.size(), 2u);  // the <url> without <loc> is dropped
  EXPECT_EQ(doc.entries[0].url, "https://www.news.test/a.html");
  EXPECT_EQ(doc.entries[0].published, "2024-05-01");
  EXPECT_EQ(doc.entries[1].url, "https://www.news.test/b.html?x=1&y=2");
  EXPECT_EQ(doc.entries[1].title, "");
}

TEST(FeedParserTest, GoogleNewsSitemapGivesTitleAndPublicationDate) {
  const FeedDocument doc = Parse(R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://www.news.test/monde/sommet.html</loc>
    <lastmod>2024-05-03</lastmod>
    <news:news>
      <news:publication><news:name>Le Journal</news:name><news:language>fr</news:language></news:publication>
      <news:publication_date>2024-05-01T08:00:00+02:00</news:publication_date>
      <news:title>Sommet européen : un accord   trouvé</news:title>
    </news:news>
  </url>
</urlset>)");
  EXPECT_EQ(doc.kind, FeedKind::kUrlset);
  ASSERT_EQ(doc.entries.size(), 1u);
  // The news publication date, not lastmod.
  EXPECT_EQ(doc.entries[0],
            (FeedEntry{"https://www.news.test/monde/sommet.html",
                       "Sommet européen : un accord trouvé", "2024-05-01T08:00:00+02:00"}));
}

TEST(FeedParserTest, SitemapIndexListsSitemaps) {
  const FeedDocument doc = Parse(R"(<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://www.news.test/sitemap-news.xml</loc></sitemap>
  <sitemap><loc>https://www.news.test/sitemap-2024.xml.gz</loc><lastmod>2024-01-01</lastmod></sitemap>
</sitemapindex>)");
  EXPECT_EQ(doc.kind, FeedKind::kSitemapIndex);
  ASSERT_EQ(doc.entries.size(), 2u);
  EXPECT_EQ(doc.entries[0].url, "https://www.news.test/sitemap-news.xml");
  EXPECT_EQ(doc.entries[1].url, "https://www.news.test/sitemap-2024.xml.gz");
}

TEST(FeedParserTest, Rss2ItemsWithLinkTitleAndPubDate) {
  const FeedDocument doc = Parse(R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Le Journal</title>
  <link>https://www.news.test/</link>
  <atom:link href="https://www.news.test/rss.xml" rel="self"/>
  <item>
    <title><![CDATA[Grève : ce qui change <b>lundi</b>]]></title>
    <link>https://www.news.test/france/greve.html</link>
    <pubDate>Mon, 06 May 2024 07:00:00 +0200</pubDate>
  </item>
  <item>
    <title>Only a guid</title>
    <guid>https://www.news.test/a/guid.html</guid>
    <dc:date>2024-05-06</dc:date>
  </item>
  <item><title>Guid not a permalink</title><guid isPermaLink="false">tag:1</guid></item>
</channel>
</rss>)");
  EXPECT_EQ(doc.kind, FeedKind::kRss);
  ASSERT_EQ(doc.entries.size(), 2u);  // the channel <link> is not an entry
  EXPECT_EQ(doc.entries[0],
            (FeedEntry{"https://www.news.test/france/greve.html",
                       "Grève : ce qui change <b>lundi</b>", "Mon, 06 May 2024 07:00:00 +0200"}));
  EXPECT_EQ(doc.entries[1].url, "https://www.news.test/a/guid.html");
  EXPECT_EQ(doc.entries[1].published, "2024-05-06");
}

TEST(FeedParserTest, Rss1RdfItems) {
  const FeedDocument doc = Parse(R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://www.news.test/"><title>J</title><link>https://www.news.test/</link></channel>
  <item rdf:about="https://www.news.test/x.html"><title>X</title><link>https://www.news.test/x.html</link></item>
</rdf:RDF>)");
  EXPECT_EQ(doc.kind, FeedKind::kRss);
  ASSERT_EQ(doc.entries.size(), 1u);
  EXPECT_EQ(doc.entries[0].url, "https://www.news.test/x.html");
}

TEST(FeedParserTest, AtomEntriesUseTheAlternateLink) {
  const FeedDocument doc = Parse(R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>The Daily</title>
  <link href="https://www.news.test/" rel="alternate"/>
  <entry>
    <title type="html">Election results</title>
    <link rel="self" href="https://www.news.test/api/1"/>
    <link rel="enclosure" href="https://www.news.test/1.mp3"/>
    <link rel="alternate" type="text/html" href="https://www.news.test/politics/results.html"/>
    <updated>2024-05-07T10:00:00Z</updated>
    <published>2024-05-06T22:00:00Z</published>
  </entry>
  <entry>
    <title>No rel means alternate</title>
    <link href="/world/story.html"/>
    <updated>2024-05-07T11:00:00Z</updated>
  </entry>
</feed>)");
  EXPECT_EQ(doc.kind, FeedKind::kAtom);
  ASSERT_EQ(doc.entries.size(), 2u);
  // Atom's published, not its updated.
  EXPECT_EQ(doc.entries[0], (FeedEntry{"https://www.news.test/politics/results.html",
                                       "Election results", "2024-05-06T22:00:00Z"}));
  EXPECT_EQ(doc.entries[1].url, "/world/story.html");  // resolved by the caller
  EXPECT_EQ(doc.entries[1].published, "2024-05-07T11:00:00Z");
}

TEST(FeedParserTest, OtherXmlIsUnknownWithoutEntries) {
  const FeedDocument doc = Parse("<?xml version='1.0'?><svg><a href='x'/></svg>");
  EXPECT_EQ(doc.kind, FeedKind::kUnknown);
  EXPECT_TRUE(doc.entries.empty());
}

TEST(FeedParserTest, GzipBodyIsGunzipped) {
  auto gz = fixture::GzipCompress(
      "<urlset><url><loc>https://www.news.test/gz.html</loc></url></urlset>");
  ASSERT_TRUE(gz.ok());
  ASSERT_TRUE(HasGzipMagic(*gz));
  const FeedDocument doc = Parse(*gz);
  EXPECT_EQ(doc.kind, FeedKind::kUrlset);
  ASSERT_EQ(doc.entries.size(), 1u);
  EXPECT_EQ(doc.entries[0].url, "https://www.news.test/gz.html");
}

TEST(FeedParserTest, CorruptGzipIsAnError) {
  auto doc = ParseFeed(std::string("\x1f\x8b\x08\x00garbage", 12));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "feed.gzip");
}

TEST(FeedParserTest, MalformedXmlIsAnErrorWithLine) {
  auto doc = ParseFeed("<?xml version='1.0'?>\n<urlset>\n<url><loc>x</url>\n</urlset>");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "feed.xml");
  EXPECT_NE(doc.error().message.find("line 3"), std::string::npos) << doc.error().message;
  EXPECT_NE(doc.error().message.find("mismatch"), std::string::npos) << doc.error().message;
}

TEST(FeedParserTest, ErrorAfterEntriesKeepsThemAndSaysWhy) {
  // libxml2 reads in chunks of a few hundred bytes and reports an error in
  // the chunk where it is found, so entries are kept when the error comes
  // in a later chunk (a sitemap cut by the network, a bad byte far down).
  std::string body = "<urlset>\n";
  for (int i = 0; i < 100; ++i) {
    body += "<url><loc>https://www.news.test/" + std::to_string(i) + ".html</loc></url>\n";
  }
  body += "<url><loc>oops</urlset>";
  const FeedDocument doc = Parse(body);
  EXPECT_GT(doc.entries.size(), 50u);
  EXPECT_LE(doc.entries.size(), 100u);
  EXPECT_NE(doc.incomplete.find("feed: line 102"), std::string::npos) << doc.incomplete;
}

TEST(FeedParserTest, EmptyAndBinaryInputAreErrors) {
  EXPECT_FALSE(ParseFeed("").ok());
  EXPECT_FALSE(ParseFeed(std::string("\0\1\2\3", 4)).ok());
  EXPECT_FALSE(ParseFeed("not xml at all").ok());
}

TEST(FeedParserTest, ExternalEntityIsNeverRead) {
  // XXE: the file must not be opened; the entity stays an unexpanded
  // reference, which adds nothing to the URL.
  auto doc = ParseFeed(R"(<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>https://www.news.test/&e;</loc><news:title xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">&e;</news:title></url></urlset>)");
  if (doc.ok()) {
    for (const FeedEntry& entry : doc->entries) {
      EXPECT_EQ(entry.url.find("root:"), std::string::npos);
      EXPECT_EQ(entry.title.find("root:"), std::string::npos);
      EXPECT_EQ(entry.url, "https://www.news.test/");
    }
  } else {
    EXPECT_EQ(doc.error().message.find("root:"), std::string::npos);
  }
}

TEST(FeedParserTest, ExternalDtdIsNotLoaded) {
  auto doc = ParseFeed(R"(<?xml version="1.0"?>
<!DOCTYPE urlset SYSTEM "file:///etc/passwd">
<urlset><url><loc>https://www.news.test/a</loc></url></urlset>)");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  ASSERT_EQ(doc->entries.size(), 1u);
}

TEST(FeedParserTest, EntityExpansionBombDoesNotExpand) {
  std::string bomb = "<?xml version='1.0'?><!DOCTYPE urlset [<!ENTITY a0 'xxxxxxxxxx'>";
  for (int i = 1; i < 10; ++i) {
    bomb += "<!ENTITY a" + std::to_string(i) + " '";
    for (int k = 0; k < 10; ++k) bomb += "&a" + std::to_string(i - 1) + ";";
    bomb += "'>";
  }
  bomb += "]><urlset><url><loc>https://www.news.test/&a9;</loc></url></urlset>";
  auto doc = ParseFeed(bomb);
  if (doc.ok()) {
    for (const FeedEntry& entry : doc->entries) EXPECT_LT(entry.url.size(), 100u);
  }
}

TEST(FeedParserTest, HugeInputIsCutAtTheByteLimit) {
  std::string body = "<urlset>";
  for (int i = 0; i < 2000; ++i) {
    body += "<url><loc>https://www.news.test/" + std::to_string(i) + ".html</loc></url>";
  }
  body += "</urlset>";
  FeedLimits limits;
  limits.max_bytes = 10000;
  const FeedDocument doc = Parse(body, limits);
  EXPECT_GT(doc.entries.size(), 100u);
  EXPECT_LT(doc.entries.size(), 300u);
  EXPECT_NE(doc.incomplete.find("cut at 10000 bytes"), std::string::npos) << doc.incomplete;
}

TEST(FeedParserTest, EntryCountIsBounded) {
  std::string body = "<urlset>";
  for (int i = 0; i < 20; ++i) body += "<url><loc>https://www.news.test/x</loc></url>";
  body += "</urlset>";
  FeedLimits limits;
  limits.max_entries = 5;
  const FeedDocument doc = Parse(body, limits);
  EXPECT_EQ(doc.entries.size(), 5u);
  EXPECT_FALSE(doc.incomplete.empty());
}

TEST(FeedParserTest, OverlongUrlIsDropped) {
  const std::string body = "<urlset><url><loc>https://www.news.test/" + std::string(9000, 'a') +
                           "</loc></url><url><loc>https://www.news.test/ok</loc></url></urlset>";
  const FeedDocument doc = Parse(body);
  ASSERT_EQ(doc.entries.size(), 1u);
  EXPECT_EQ(doc.entries[0].url, "https://www.news.test/ok");
}

TEST(FeedParserTest, SeedCorpusParsesWithoutErrorWhereWellFormed) {
  // The fuzz seeds double as examples: the well-formed ones must parse.
  for (const char* name : {"rss2.xml", "atom.xml", "google_news.xml", "sitemapindex.xml"}) {
    std::ifstream in(std::string(NEWSCRAWL_SOURCE_DIR) + "/tests/fuzz/corpus/feed_parser/" + name,
                     std::ios::binary);
    ASSERT_TRUE(in) << name;
    const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto doc = ParseFeed(body);
    ASSERT_TRUE(doc.ok()) << name << ": " << doc.error().message;
    EXPECT_FALSE(doc->entries.empty()) << name;
  }
}

}  // namespace
}  // namespace nc
