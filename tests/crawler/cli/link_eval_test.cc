#include "crawler/cli/link_eval.h"

#include <gtest/gtest.h>

namespace nc {
namespace {

Url U(const std::string& spec) {
  auto url = ParseUrl(spec);
  EXPECT_TRUE(url.ok()) << spec;
  return *url;
}

TEST(UrlShapeRule, FollowsDatePaths) {
  EXPECT_TRUE(UrlShapeLooksLikeArticle(U("https://a.fr/politique/article/2023/08/30/x.html")));
  EXPECT_TRUE(UrlShapeLooksLikeArticle(U("https://a.fr/2024/05/titre/")));
  EXPECT_TRUE(UrlShapeLooksLikeArticle(U("https://a.es/internacional/2024-10-15/titulo.html")));
  EXPECT_TRUE(UrlShapeLooksLikeArticle(U("https://a.com/politica/20250113/x.html")));
}

TEST(UrlShapeRule, FollowsLongNumericIdsAndLongSlugs) {
  EXPECT_TRUE(UrlShapeLooksLikeArticle(U("https://a.de/news/Ionos-9691259.html")));
  EXPECT_TRUE(UrlShapeLooksLikeArticle(U("https://a.de/sport/berlin-marathon-hendel-lux-mehr")));
}

TEST(UrlShapeRule, SkipsSectionsTagsAndShortIds) {
  EXPECT_FALSE(UrlShapeLooksLikeArticle(U("https://a.fr/")));
  EXPECT_FALSE(UrlShapeLooksLikeArticle(U("https://a.fr/international/")));
  EXPECT_FALSE(UrlShapeLooksLikeArticle(U("https://a.fr/tag/guerre-en-ukraine")));
  EXPECT_FALSE(UrlShapeLooksLikeArticle(U("https://a.de/inland/ahrtal-flut-bilanz-100.html")));
  // A date needs a plausible month: 2024/13 is not one, 12345 is too short an id.
  EXPECT_FALSE(UrlShapeLooksLikeArticle(U("https://a.fr/2024/13/x")));
  EXPECT_FALSE(UrlShapeLooksLikeArticle(U("https://a.fr/page/12345")));
  // Only the path counts, not the query.
  EXPECT_FALSE(UrlShapeLooksLikeArticle(U("https://a.fr/search?id=123456789")));
}

TEST(ParseLinkLabels, ReadsRolesAndSkipsComments) {
  auto labels = ParseLinkLabels("# comment\nhttps://a.fr/x\theadline\r\nhttps://a.fr/y\tnav\n\n");
  ASSERT_TRUE(labels.ok());
  ASSERT_EQ(labels->size(), 2u);
  EXPECT_EQ(labels->at("https://a.fr/x"), LinkRole::kHeadline);
  EXPECT_EQ(labels->at("https://a.fr/y"), LinkRole::kNav);
}

TEST(ParseLinkLabels, RejectsUnknownRolesWithTheLine) {
  auto labels = ParseLinkLabels("https://a.fr/x\theadline\nhttps://a.fr/y\texternal\n");
  ASSERT_FALSE(labels.ok());
  EXPECT_NE(labels.error().message.find("line 2"), std::string::npos);
  EXPECT_FALSE(ParseLinkLabels("no tab here\n").ok());
}

TEST(ScorePage, OneUrlTakesItsHighestPriorityRole) {
  const Url page = U("https://a.fr/2024/01/01/page.html");
  const std::map<std::string, LinkRole> labels = {
      {"https://a.fr/2024/01/02/other-story.html", LinkRole::kRelated},
      {"https://a.fr/politique/", LinkRole::kNav},
  };
  // The story appears once as nav and once as related: graded related.
  const std::vector<PageLink> links = {
      {"https://a.fr/2024/01/02/other-story.html", LinkRole::kNav},
      {"https://a.fr/2024/01/02/other-story.html", LinkRole::kRelated},
      {"https://a.fr/politique/", LinkRole::kNav},
  };
  PageScore s = ScorePage(links, page, labels);
  EXPECT_EQ(s.graded_urls, 2u);
  EXPECT_EQ(s.followed.true_positive, 1u);
  EXPECT_EQ(s.followed.predicted, 1u);
  EXPECT_EQ(s.roles[0].true_positive, 1u);  // related
  EXPECT_EQ(s.baseline_followed.predicted, 1u);
  EXPECT_EQ(s.unlabelled_urls, 0u);
}

TEST(ScorePage, MissedLinksExternalAndSelfLinks) {
  const Url page = U("https://a.fr/2024/01/01/page.html");
  const std::map<std::string, LinkRole> labels = {
      {"https://a.fr/2024/01/03/missed.html", LinkRole::kHeadline},
      {"https://other.com/2024/01/03/story.html", LinkRole::kHeadline},  // out of scope
      {"https://a.fr/2024/01/01/page.html", LinkRole::kOther},           // the page itself
  };
  const std::vector<PageLink> links = {
      {"https://a.fr/2024/01/01/page.html", LinkRole::kHeadline},
      {"https://a.fr/2024/01/04/unlabelled.html", LinkRole::kHeadline},
  };
  PageScore s = ScorePage(links, page, labels);
  EXPECT_EQ(s.graded_urls, 2u);  // missed + unlabelled
  EXPECT_EQ(s.unlabelled_urls, 1u);
  EXPECT_EQ(s.followed.actual, 1u);
  EXPECT_EQ(s.followed.predicted, 1u);
  EXPECT_EQ(s.followed.true_positive, 0u);
  EXPECT_DOUBLE_EQ(s.followed.Recall(), 0.0);
  EXPECT_DOUBLE_EQ(s.followed.Precision(), 0.0);
}

TEST(ClassifyPageLinks, ResolvesAgainstBaseHrefAndMarksExternal) {
  const Url page = U("https://a.fr/x/page.html");
  auto links = ClassifyPageLinks(
      "<base href=\"https://a.fr/y/\"><a href=\"story.html#top\">Story</a>"
      "<a href=\"https://b.com/z\">Out</a><a href=\"mailto:x@a.fr\">Mail</a>",
      page);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].url, "https://a.fr/y/story.html");
  EXPECT_EQ(links[1].role, LinkRole::kExternal);
}

}  // namespace
}  // namespace nc
