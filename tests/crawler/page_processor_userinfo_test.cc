// Credentials a page wrote into its URLs ("https://user:secret@host/") are
// parsed (frontier/url.h keeps them in Url::spec, as WHATWG does) but never
// reach what the crawl stores: link targets are canonical keys, and the
// article's canonical URL and related headlines drop the userinfo too.

#include <gtest/gtest.h>

#include <string>

#include "crawler/article_record.h"
#include "crawler/page_processor.h"
#include "tests/crawler/page_processor_test_helpers.h"

namespace nc {
namespace {

std::string ArticleWithCredentials(const std::string& base_tag) {
  std::string body;
  for (int i = 0; i < 3; ++i) {
    body +=
        "<p>Le conseil municipal a voté mercredi un règlement qui interdit les trottinettes "
        "en libre-service dans les rues de la ville pour toute l'année prochaine.</p>";
  }
  return "<html lang=\"fr\"><head>" + base_tag +
         "<title>Le titre - Le Journal</title>"
         "<meta property=\"og:type\" content=\"article\">"
         "<link rel=\"canonical\" href=\"https://user:secret@www.news.test/monde/article\">"
         "</head><body><main><article><h1>Le titre</h1>" +
         body +
         "<p>Lire aussi : <a href=\"https://user:secret@www.news.test/monde/2026/04/16/"
         "le-bilan-du-projet-pilote\">Le bilan du projet pilote des trottinettes</a></p>"
         "</article></main></body></html>";
}

class PageProcessorUserinfo : public PageProcessorFixture {
 protected:
  PageProcessorUserinfo() { config_.extract_articles = true; }

  static void ExpectNoCredentials(const storage::PageRecord& page) {
    ASSERT_FALSE(page.links.empty());
    bool found = false;
    for (const storage::OutlinkRecord& link : page.links) {
      EXPECT_EQ(link.target.find("secret"), std::string::npos) << link.target;
      found |= link.target ==
               "https://www.news.test/monde/2026/04/16/le-bilan-du-projet-pilote";
    }
    EXPECT_TRUE(found) << "the link is kept, under its key without userinfo";
    ASSERT_FALSE(page.article.empty());
    Result<Article> article = StoredArticle(page);
    ASSERT_TRUE(article.ok()) << article.error().message;
    EXPECT_EQ(article->url, "https://www.news.test/monde/article");
    EXPECT_EQ(article->canonical_url, "https://www.news.test/monde/article");
    ASSERT_EQ(article->related.size(), 1u);
    EXPECT_EQ(article->related[0].url,
              "https://www.news.test/monde/2026/04/16/le-bilan-du-projet-pilote");
  }
};

TEST_F(PageProcessorUserinfo, LinksAndArticleNeverCarryCredentials) {
  ExpectNoCredentials(ProcessArticleUrl(ArticleWithCredentials("")));
}

// A <base> with userinfo passes it on to every relative link (WHATWG):
// still nothing of it is stored.
TEST_F(PageProcessorUserinfo, BaseWithCredentialsIsNotStoredEither) {
  const storage::PageRecord page = ProcessArticleUrl(
      "<html><head><base href=\"https://user:secret@www.news.test/monde/\"></head><body>"
      "<ul><li><a href=\"2026/04/16/le-bilan-du-projet-pilote\">Le bilan du projet pilote des "
      "trottinettes</a></li></ul></body></html>");
  ASSERT_EQ(page.links.size(), 1u);
  EXPECT_EQ(page.links[0].target,
            "https://www.news.test/monde/2026/04/16/le-bilan-du-projet-pilote");
  ExpectNoCredentials(ProcessArticleUrl(ArticleWithCredentials(
      "<base href=\"https://user:secret@www.news.test/monde/\">")));
}

}  // namespace
}  // namespace nc
