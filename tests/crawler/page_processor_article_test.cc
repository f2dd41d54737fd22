// [extract] articles in the page processor: an article page's record
// carries its article (decodable, the page's fields), a page that does not
// look like an article carries none, and with the setting off no page does.

#include <gtest/gtest.h>

#include "crawler/article_record.h"
#include "crawler/page_processor.h"
#include "tests/crawler/page_processor_test_helpers.h"

namespace nc {
namespace {

const char* const kArticle =
    "<html lang=\"fr\"><head><title>Le titre - Le Journal</title>"
    "<meta property=\"og:type\" content=\"article\"></head><body>"
    "<article><h1>Le titre</h1><p class=\"date\">Publié le 16 avril 2026 à 10h05</p>"
    "<p>Premier paragraphe de l'article, assez long pour être du texte de corps, "
    "avec des virgules, des phrases et un point final.</p>"
    "<p>Deuxième paragraphe de l'article, lui aussi assez long pour compter, "
    "avec encore des virgules, des mots et un point final.</p></article></body></html>";

const char* const kSection =
    "<html><head><title>Monde</title></head><body><ul>"
    "<li><a href=\"/monde/2026/04/16/un-titre.html\">Un titre</a></li>"
    "<li><a href=\"/monde/2026/04/16/un-autre.html\">Un autre titre</a></li>"
    "</ul></body></html>";

using PageProcessorArticle = PageProcessorFixture;

TEST_F(PageProcessorArticle, AnArticlePageCarriesItsArticle) {
  const storage::PageRecord page = ProcessArticleUrl(kArticle);
  ASSERT_FALSE(page.article.empty());
  // Its paragraphs are references into the stored body (version 3).
  EXPECT_TRUE(ArticleRecordReadsPageBody(page.article));
  Result<Article> article = StoredArticle(page);
  ASSERT_TRUE(article.ok()) << article.error().message;
  EXPECT_EQ(article->title, "Le titre");
  EXPECT_EQ(article->url, "https://www.news.test/monde/article");
  EXPECT_EQ(article->paragraphs.size(), 2u);
  EXPECT_EQ(article->date_line, "Publié le 16 avril 2026 à 10h05");
}

// A page transcoded for extraction is not the stored body: its article
// keeps the text itself (version 2).
TEST_F(PageProcessorArticle, ATranscodedPageKeepsItsText) {
  std::string latin1;  // kArticle's accented letters (all U+00C0-U+00FF) in ISO-8859-1
  for (size_t i = 0; kArticle[i] != '\0'; ++i) {
    if (kArticle[i] == '\xC3') {
      latin1.push_back(static_cast<char>(kArticle[++i] + 0x40));
    } else {
      latin1.push_back(kArticle[i]);
    }
  }
  PageProcessor processor(config_, scope_);
  FetchContext context = Context(1);
  context.url.url = "https://www.news.test/monde/article";
  FetchResult fetch = Html(latin1);
  fetch.content_type = "text/html; charset=iso-8859-1";
  fetch.finished_wall_ms = 1776400000000;  // 2026-04-17
  const storage::PageRecord page = PageOf(processor.Process(context, std::move(fetch)));
  ASSERT_FALSE(page.article.empty());
  EXPECT_FALSE(ArticleRecordReadsPageBody(page.article));
  Result<Article> article = DecodeArticleRecord(page.article);
  ASSERT_TRUE(article.ok()) << article.error().message;
  EXPECT_EQ(article->date_line, "Publié le 16 avril 2026 à 10h05");
}

TEST_F(PageProcessorArticle, ASectionPageCarriesNone) {
  const storage::PageRecord page = ProcessArticleUrl(kSection);
  EXPECT_TRUE(page.article.empty());
  EXPECT_EQ(page.links.size(), 2u);
}

TEST_F(PageProcessorArticle, NothingWhenExtractionIsOff) {
  config_.extract_articles = false;
  const storage::PageRecord page = ProcessArticleUrl(kArticle);
  EXPECT_TRUE(page.article.empty());
}

}  // namespace
}  // namespace nc
