// PageProcessor and charsets (issue 10): the page is read as UTF-8 for link
// extraction, the stored body stays as served, and the charset is recorded.
#include <gtest/gtest.h>

#include "crawler/page_processor.h"
#include "storage/body_codec.h"
#include "tests/crawler/page_processor_test_helpers.h"

namespace nc {
namespace {

class PageProcessorCharsetTest : public PageProcessorFixture {};

// A related block whose heading ("Sur le même sujet") and anchor text are
// accented, in windows-1252.
const std::string kLatin1Article =
    "<html><head><title>Un article</title></head><body><article><p>Texte de l'article.</p>"
    "<section><h2>Sur le m\xEAme sujet</h2><ul><li><a href=/a.html>\xC9lection \xE0 "
    "Besan\xE7on : les r\xE9sultats</a></li></ul></section></article></body></html>";

storage::PageRecord ProcessWith(const PageProcessor& p, FetchContext context,
                                std::string content_type, std::string body) {
  // An article's URL: a related block belongs to an article (on a home page,
  // "/", the classifier calls its links headlines: link_features.h).
  context.url.url = "https://www.news.test/monde/2024/05/03/un-article";
  FetchResult fetch;
  fetch.http_status = 200;
  fetch.content_type = std::move(content_type);
  fetch.body = std::move(body);
  return PageOf(p.Process(context, std::move(fetch)));
}

void ExpectRelatedUtf8LinkAndBodyAsServed(const storage::PageRecord& r, const std::string& body) {
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_EQ(r.links[0].role, LinkRole::kRelated);
  EXPECT_EQ(r.links[0].anchor_text,
            "\xC3\x89lection \xC3\xA0 Besan\xC3\xA7on : les r\xC3\xA9sultats");
  auto stored = storage::DecompressBody(r.body_zstd);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(*stored, body);  // bytes untouched
  EXPECT_EQ(r.body_size, body.size());
}

TEST_F(PageProcessorCharsetTest, ContentTypeLatin1IsTranscodedForExtraction) {
  PageProcessor p(config_, scope_);
  const auto r = ProcessWith(p, Context(1), "text/html; charset=ISO-8859-1", kLatin1Article);
  EXPECT_EQ(r.charset, "windows-1252");
  ExpectRelatedUtf8LinkAndBodyAsServed(r, kLatin1Article);
}

TEST_F(PageProcessorCharsetTest, MetaCharsetIsReadWhenTheHeaderHasNone) {
  PageProcessor p(config_, scope_);
  const std::string body = "<meta charset=windows-1252>" + kLatin1Article;
  const auto r = ProcessWith(p, Context(1), "text/html", body);
  EXPECT_EQ(r.charset, "windows-1252");
  ExpectRelatedUtf8LinkAndBodyAsServed(r, body);
}

TEST_F(PageProcessorCharsetTest, UndeclaredLatin1IsDetected) {
  PageProcessor p(config_, scope_);
  std::string body = kLatin1Article;
  std::string text;
  for (int i = 0; i < 10; ++i) {
    text += "<p>Le pr\xE9sident a d\xE9" "clar\xE9 que la r\xE9" "forme \xE9tait n\xE9"
            "cessaire \xE0 l'\xE9" "conomie fran\xE7" "aise.</p>";
  }
  body.insert(body.find("<section>"), text);
  const auto r = ProcessWith(p, Context(1), "text/html", body);
  EXPECT_TRUE(r.charset == "windows-1252" || r.charset == "ISO-8859-15") << r.charset;
  ExpectRelatedUtf8LinkAndBodyAsServed(r, body);
}

TEST_F(PageProcessorCharsetTest, Utf8PageRecordsUtf8) {
  PageProcessor p(config_, scope_);
  const auto r = ProcessWith(p, Context(), "text/html; charset=utf-8", "<p>\xC3\xA9t\xC3\xA9</p>");
  EXPECT_EQ(r.charset, "UTF-8");
  const auto undeclared = ProcessWith(p, Context(), "text/html", "<p>\xC3\xA9t\xC3\xA9</p>");
  EXPECT_EQ(undeclared.charset, "UTF-8");
}

TEST_F(PageProcessorCharsetTest, NonHtmlBodiesKeepOnlyTheDeclaredCharset) {
  PageProcessor p(config_, scope_);
  EXPECT_EQ(ProcessWith(p, Context(), "text/plain; charset=latin1", "x").charset, "windows-1252");
  EXPECT_EQ(ProcessWith(p, Context(), "image/png", "\x89PNG").charset, "");
}

}  // namespace
}  // namespace nc
