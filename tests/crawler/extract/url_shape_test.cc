// URL shape: the evidence a link's URL gives that it leads to an article,
// and the per-site learner of article path templates.
#include "crawler/extract/url_shape.h"

#include <gtest/gtest.h>

#include "tests/common/predicate_cases.h"

namespace nc {
namespace {

using namespace url_shape;  // NOLINT: short flag names

TEST(UrlShape, DatesIdsSlugsAndExtensions) {
  EXPECT_TRUE(UrlShapeOf("/monde/article/2023/08/31/un-titre_6187.html") & kDate);
  EXPECT_TRUE(UrlShapeOf("/2024/05/suite") & kDate);
  EXPECT_FALSE(UrlShapeOf("https://x.test/sport/2023-04/finale") & kDate);  // YYYY-MM: no
  EXPECT_FALSE(UrlShapeOf("/a/tempete-02-11-2023-KES6.php") & kDate);       // DD-MM-YYYY: no
  EXPECT_TRUE(UrlShapeOf("/societe/4060035-20231030-tempete") & kDate);
  EXPECT_TRUE(UrlShapeOf("//x.test/politique/canada/573578/ultimatum") & kNumericId);
  EXPECT_FALSE(UrlShapeOf("/politique/canada/57357/ultimatum") & kNumericId);
  EXPECT_TRUE(UrlShapeOf("/culture/la-chute-d-un-producteur-de-cinema") & kLongSlug);
  EXPECT_TRUE(UrlShapeOf("/inland/lewentz-ruecktritt-105.html") & kArticleExt);  // words + number
  EXPECT_TRUE(UrlShapeOf("/couriermail/story/0,,26574740-5017790,00.html") & kArticleExt);
  EXPECT_TRUE(UrlShapeOf("/inland/innenpolitik/lewentz-1055.html") & kArticleExt);
  EXPECT_FALSE(UrlShapeOf("/economia/vivienda.html") & kArticleExt);
  EXPECT_FALSE(UrlShapeOf("/economia/bolsa/indices/ibex35_I.IB.html") & kArticleExt);
}

// A UUID has the hyphens of a slug but no words: taz's "!v=5ee91bd4-..."
// service pages are not titles.
TEST(UrlShape, UuidIsNotASlug) {
  EXPECT_FALSE(UrlShapeOf("/!v=5ee91bd4-22a3-4490-b2be-5bcf10f38f53/") & kLongSlug);
  EXPECT_TRUE(UrlShapeOf("/monde/gaza/ce-que-lon-sait-des-evacuations-cbfa8d00-795b-11ee-8fc9") &
              kLongSlug);
}

TEST(UrlShape, ShallowSectionPathsAndFragments) {
  EXPECT_TRUE(UrlShapeOf("https://x.test/") & kShallow);
  EXPECT_TRUE(UrlShapeOf("/sante/cerveau-et-psy/") & kShallow);
  EXPECT_TRUE(UrlShapeOf("/paris-75/") & kShallow);
  EXPECT_FALSE(UrlShapeOf("/a/b/c/") & kShallow);
  EXPECT_FALSE(UrlShapeOf("/news/business-52986863") & kShallow);
  EXPECT_EQ(UrlShapeOf(" #sommaire"), kFragmentOnly);
}

TEST(UrlShape, PathsAuthoritiesAndSections) {
  EXPECT_EQ(HrefPath("https://x.test:8080/a/b?q=1#f"), "/a/b");
  EXPECT_EQ(HrefPath("//x.test"), "");
  EXPECT_EQ(HrefPath("a/b#x"), "a/b");
  EXPECT_EQ(HrefAuthority("HTTPS://WWW.X.test/a"), "WWW.X.test");
  EXPECT_EQ(HrefAuthority("/a"), "");
  EXPECT_EQ(SectionOf("https://x.test/economie/a-b"), "economie");
  EXPECT_EQ(SectionOf("/economie/"), "");  // one segment names no section of an article
}

TEST(UrlShape, TemplatesMatchOneSitesArticles) {
  EXPECT_EQ(PathTemplate("/politique/quebec/573466/le-ministre-roberge-doit-s-excuser"),
            PathTemplate("https://x.test/politique/canada/573548/ottawa-reste-ouvert-au-dialogue"));
  EXPECT_NE(PathTemplate("/politique/quebec/573466/le-ministre-roberge-doit-s-excuser"),
            PathTemplate("/politique/quebec/"));
}

TEST(ArticleShapeLearner, LearnsARecurringTemplateOfTitledLinks) {
  ArticleShapeLearner learner;
  // news.com.au-like articles: no date, no 6-digit run in the first two.
  learner.Observe("/national/brothers-swept-away-in-flood/story-e6frfkvr-12258", true);
  learner.Observe("/travel/resort-up-for-sale-in-north/story-e6frfq80-12259", true);
  EXPECT_FALSE(learner.Matches("/sport/cricket-team-named-for-tour/story-e6frfkvr-12251"));
  learner.Observe("/business/rags-to-riches-tale-geek/story-e6frfm1i-12255", true);
  EXPECT_TRUE(learner.Matches("/sport/cricket-team-named-for-tour/story-e6frfkvr-12251"));
  EXPECT_FALSE(learner.Matches("/sport/"));
  EXPECT_EQ(learner.learned_templates(), 1u);
}

TEST(ArticleShapeLearner, IgnoresShortAnchorsAndWordOnlyPaths) {
  ArticleShapeLearner learner;
  for (int i = 0; i < 5; ++i) learner.Observe("/a/b-c-d-e-f-g-h-i", false);  // "Monde"
  for (int i = 0; i < 5; ++i) learner.Observe("/economia/vivienda.html", true);
  EXPECT_FALSE(learner.Matches("/a/b-c-d-e-f-g-h-i"));
  EXPECT_FALSE(learner.Matches("/economia/empresas.html"));
  EXPECT_EQ(learner.learned_templates(), 0u);
}

// A full URL pasted where a path belongs resolves on the site itself: a
// broken link, whatever its slug reads like. A URL in the query, a later
// segment or a word merely starting with "http" is not one.
TEST(UrlShape, PastedAbsoluteUrlInThePathIsBroken) {
  testing::ExpectHoldsExactlyFor(
      IsPastedUrlHref,
      {"/https://www.other.example/32268/exports-keeping-farms-afloat/",
       "https://www.site.example/http://www.other.example/a",
       "//www.site.example/HTTPS:/www.other.example/a", " /http:"},
      {"https://www.other.example/32268/exports-keeping-farms-afloat/",
       "/redirect?to=https://www.other.example/a", "/out/https://www.other.example/a",
       "/https-everywhere-explained/", "/http/2024/05/01/story", "", "#https:"});
}

// Shops, deals, games, jobs, courses and sponsored content, named by a
// subdomain label or a whole path segment; news sections and article slugs
// that merely contain such a word are not services.
TEST(UrlShape, ServiceHrefsByHostLabelOrPathSegment) {
  testing::ExpectHoldsExactlyFor(
      IsServiceHref,
      {"https://boutique.lemonde.fr/hors-series/4129-cartes.html",
       "https://stellenmarkt.example.de/jobs/it", "https://ateliers.example.fr/philosophie/164",
       "https://www.example.de/gutscheine/amazon",
       "/spiele/online-spiele/id_100143350/wortquiz.html",
       "https://www.example.de/Sponsored/bank/article1/anzeige-x",
       "//descuentos.example.com/cupon-descuento-x",
       "/emploi-formation/offres/1008150/responsable-de-developpement/",
       "/karriere/stellenangebote/4711/redakteur-m-w-d"},
      {"/economie/2024/05/01/les-offres-de-rachat-se-multiplient",
       "https://www.example.fr/jeux-olympiques-2026/",
       "https://www.example.fr/economie/article/2024/05/01/les-jobs-d-ete_1.html",
       "https://shop.com/news/2024/05/01/story",  // the site itself
       "https://www.example.fr/emploi/article/2024/05/01/x_1.html", "/", ""});
}

// Buying guides are product reviews on the site's article template: a
// whole path segment names them in each language.
TEST(UrlShape, BuyingGuidesAreServices) {
  testing::ExpectHoldsExactlyFor(
      IsServiceHref,
      {"https://www.example.fr/guides-d-achat/article/2024/11/26/"
       "les-meilleurs-pianos_6415845_1.html",
       "https://www.example.com/buying-guides/best-laptops-2024",
       "/kaufberatung/die-besten-staubsauger-123456.html"},
      {"/economie/article/2024/11/26/le-guide-d-achat-de-l-etat_1.html"});
}

// Section fronts on an article template say so in their path.
TEST(UrlShape, FrontPageHrefsNameAHomeOrStartPage) {
  testing::ExpectHoldsExactlyFor(
      IsFrontPageHref,
      {"/sport/fussball/bundesliga/bundesliga-startseite-52368768.bild.html",
       "https://m.example.de/politik/startseite/politik/p-16804552.html",
       "/sport/mehr-sport/wrestling/home-45315290.bild.html",
       "/home/hot-on-bild/kommentare-35874522.bild.html"},
      {"/ratgeber/Smart-Home-Alles-ueber-Home-Assistant-11145685.html",
       "/news/comments/what_to_do_about_the_home_wrecker", "/"});
}

TEST(UrlShape, TopicLikeIsOneDigitlessSegmentEndingWithSlash) {
  EXPECT_TRUE(UrlShapeOf("http://www.lemonde.fr/les-taxis-contre-uber/") & url_shape::kTopicLike);
  EXPECT_FALSE(UrlShapeOf("/les-taxis-contre-uber") & url_shape::kTopicLike);
  EXPECT_FALSE(UrlShapeOf("/les-taxis-contre-uber-2017/") & url_shape::kTopicLike);
  EXPECT_FALSE(UrlShapeOf("/societe/les-taxis-contre-uber/") & url_shape::kTopicLike);
  EXPECT_TRUE(IsServiceHref("https://preisvergleich.example.de/3430251?ccpid=x"));
  EXPECT_TRUE(IsServiceHref("/download/product/h2testw-50539"));
  EXPECT_TRUE(IsServiceHref("https://elpais.com/escaparate/viajes/2024-10-09/hoteles.html"));
  EXPECT_TRUE(IsServiceHref("https://www.spiegel.de/impressum/autor-ed5dda72-0001"));
}

}  // namespace
}  // namespace nc
