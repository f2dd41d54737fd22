// JSON-LD: where the article object hides (arrays, @graph, type lists) and
// what a malformed script does (recorded, ignored).

#include "crawler/extract/json_ld.h"

#include <gtest/gtest.h>

namespace nc {
namespace {

JsonLdArticle Read(std::string_view script, std::vector<std::string>* problems = nullptr) {
  JsonLdArticle article;
  std::vector<std::string> local;
  ReadJsonLd(script, article, problems ? *problems : local);
  return article;
}

TEST(JsonLd, NewsArticleFields) {
  const JsonLdArticle a = Read(R"({"@context":"https://schema.org","@type":"NewsArticle",
    "headline":"Titre","datePublished":"2019-04-16T10:05:00+02:00",
    "dateModified":"2019-04-16T12:00:00+02:00","inLanguage":"fr-FR","articleSection":["Monde","Europe"],
    "mainEntityOfPage":{"@type":"WebPage","@id":"https://ex.test/a.html"},
    "author":[{"@type":"Person","name":"Marie Dupont"},"Jean Martin",{"name":"Marie Dupont"}]})");
  EXPECT_TRUE(a.found);
  EXPECT_EQ(a.type, "NewsArticle");
  EXPECT_EQ(a.headline, "Titre");
  EXPECT_EQ(a.date_published, "2019-04-16T10:05:00+02:00");
  EXPECT_EQ(a.date_modified, "2019-04-16T12:00:00+02:00");
  EXPECT_EQ(a.in_language, "fr-FR");
  EXPECT_EQ(a.section, "Monde");
  EXPECT_EQ(a.url, "https://ex.test/a.html");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Marie Dupont", "Jean Martin"}));
}

TEST(JsonLd, GraphAndTypeLists) {
  const JsonLdArticle a = Read(R"({"@context":"https://schema.org","@graph":[
    {"@type":"WebSite","name":"Le Site"},
    {"@type":["Article","NewsArticle"],"headline":"Dans le graphe","author":{"name":"A. B."}}]})");
  EXPECT_EQ(a.headline, "Dans le graphe");
  EXPECT_EQ(a.authors, std::vector<std::string>{"A. B."});
  const JsonLdArticle b = Read(
      R"([{"@type":"BreadcrumbList"},{"@type":"http://schema.org/BlogPosting","headline":"Billet"}])");
  EXPECT_EQ(b.type, "http://schema.org/BlogPosting");
  EXPECT_EQ(b.headline, "Billet");
}

// A WebPage whose mainEntity is the article (fr.de, nature.com in the fundus
// set): the article's fields, authors included.
TEST(JsonLd, ArticleAsMainEntityOfAWebPage) {
  const JsonLdArticle a = Read(R"({"@context":"http://schema.org","@type":"WebPage",
    "name":"Seite","mainEntity":{"@type":"NewsArticle","headline":"Im Hauptteil",
    "datePublished":"2024-04-26T20:44:00+02:00","author":{"@type":"Person","name":"Simone Jung"}}})");
  EXPECT_TRUE(a.found);
  EXPECT_EQ(a.headline, "Im Hauptteil");
  EXPECT_EQ(a.date_published, "2024-04-26T20:44:00+02:00");
  EXPECT_EQ(a.authors, std::vector<std::string>{"Simone Jung"});
}

// Yoast's graph: the author is a reference to a Person node by @id.
TEST(JsonLd, AuthorByIdReferenceIsTheNamedNode) {
  const JsonLdArticle a = Read(R"({"@context":"https://schema.org","@graph":[
    {"@type":"NewsArticle","headline":"H","author":[{"@id":"https://ex.test/#/person/1"},
      {"@id":"https://ex.test/#/person/unknown"}],"publisher":{"@id":"https://ex.test/#org"}},
    {"@type":"Organization","@id":"https://ex.test/#org","name":"Ex"},
    {"@type":"Person","@id":"https://ex.test/#/person/1","name":"Paul Writer"}]})");
  EXPECT_EQ(a.authors, std::vector<std::string>{"Paul Writer"});
}

TEST(JsonLd, CommentWrappedAndTrailingCommas) {
  EXPECT_EQ(Read("<!-- {\"@type\":\"NewsArticle\",\"headline\":\"X\",} -->").headline, "X");
}

TEST(JsonLd, NotAnArticleLeavesNothing) {
  const JsonLdArticle a = Read(R"({"@type":"Organization","name":"Le Journal"})");
  EXPECT_FALSE(a.found);
  EXPECT_TRUE(a.headline.empty());
}

TEST(JsonLd, MalformedScriptIsRecorded) {
  std::vector<std::string> problems;
  const JsonLdArticle a = Read(R"({"@type":"NewsArticle","headline":"Coupé)", &problems);
  EXPECT_FALSE(a.found);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("json-ld"), std::string::npos);
}

TEST(JsonLd, DeepNestingIsRefusedNotOverflowed) {
  std::vector<std::string> problems;
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  Read(deep, &problems);
  ASSERT_EQ(problems.size(), 1u);
}

TEST(JsonLd, HugeScriptIsNotParsed) {
  std::vector<std::string> problems;
  const std::string huge =
      "{\"@type\":\"NewsArticle\",\"headline\":\"" + std::string(kMaxJsonLdBytes, 'x') + "\"}";
  EXPECT_FALSE(Read(huge, &problems).found);
  ASSERT_EQ(problems.size(), 1u);
}

TEST(JsonLd, WrongTypesAreIgnored) {
  const JsonLdArticle a = Read(
      R"({"@type":"NewsArticle","headline":42,"author":[null,7,{"name":["x"]}],"datePublished":{"a":1}})");
  EXPECT_TRUE(a.found);
  EXPECT_TRUE(a.headline.empty());
  EXPECT_TRUE(a.date_published.empty());
}

}  // namespace
}  // namespace nc
