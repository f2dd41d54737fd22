// Titles compared across sources and author names read from bylines and
// markup (crawler/extract/article_names.h), and the article fields they
// decide on whole pages.

#include "crawler/extract/article_names.h"

#include <gtest/gtest.h>

#include "crawler/extract/article.h"

namespace nc {
namespace {

using Names = std::vector<std::string>;

TEST(FoldForCompare, SpacesApostrophesEllipsisAndCaseFold) {
  EXPECT_EQ(FoldForCompare("Tempête Ciaran\xC2\xA0: Pluie\xE2\x80\xA6 A quoi s\xE2\x80\x99"
                           "attendre"),
            FoldForCompare("tempête Ciaran : Pluie... A  quoi s'attendre"));
  EXPECT_NE(FoldForCompare("Un titre"), FoldForCompare("Un autre titre"));
}

TEST(AuthorNames, StripsBylineWordsAndSplitsNames) {
  EXPECT_EQ(AuthorNames("Par Le Figaro et AFP"), (Names{"Le Figaro", "AFP"}));
  EXPECT_EQ(AuthorNames("Recueilli par Patrick ANGEVIN."), (Names{"Patrick ANGEVIN"}));
  EXPECT_EQ(AuthorNames("Nicolas Gutierrez C."), (Names{"Nicolas Gutierrez C."}));
  EXPECT_EQ(AuthorNames("Par Matthieu Hy le 07 Mai 2020"), (Names{"Matthieu Hy"}));
  EXPECT_EQ(AuthorNames("Par E. NURDIN - 05:01 - Temps de lecture :"), (Names{"E. NURDIN"}));
  EXPECT_EQ(AuthorNames("Accueil | Par Loïc Le Clerc | 30 septembre 2018"),
            (Names{"Loïc Le Clerc"}));
  EXPECT_EQ(AuthorNames("Par Kab Niang Le 17/02/2020"), (Names{"Kab Niang"}));
  EXPECT_EQ(AuthorNames("By Jane Doe and John Roe"), (Names{"Jane Doe", "John Roe"}));
  EXPECT_EQ(AuthorNames("Auteur : Kossivi Tiassou"), (Names{"Kossivi Tiassou"}));
  EXPECT_TRUE(AuthorNames("  ").empty());
}

// fundus set (session 12): a month written before the day is not a name.
TEST(AuthorNames, MonthBeforeTheDateIsCut) {
  EXPECT_EQ(AuthorNames("Paul Serran Jul 19, 2026"), (Names{"Paul Serran"}));
  EXPECT_EQ(AuthorNames("By Jane Doe Sept. 3, 2024"), (Names{"Jane Doe"}));
  EXPECT_EQ(AuthorNames("Von Anna Weber, März 2025"), (Names{"Anna Weber"}));
  // Without a date after it, a last name that is a month stays.
  EXPECT_EQ(AuthorNames("Theresa May"), (Names{"Theresa May"}));
}

TEST(TitleWithoutSiteSuffix, SiteNameAfterASeparatorGoes) {
  EXPECT_EQ(TitleWithoutSiteSuffix("Das harte Geschäft mit dem Tod | MDR.DE", "", "www.mdr.de"),
            "Das harte Geschäft mit dem Tod");
  EXPECT_EQ(TitleWithoutSiteSuffix("A long story - The Courier", "The Courier", ""),
            "A long story");
  EXPECT_EQ(TitleWithoutSiteSuffix("Un titre - Politique | Le Journal", "", "lejournal.fr"),
            "Un titre - Politique");
  EXPECT_EQ(TitleWithoutSiteSuffix("흙수저 소년공 - 매일경제", "매일경제", ""), "흙수저 소년공");
  // A dash inside the headline is not a suffix.
  EXPECT_EQ(TitleWithoutSiteSuffix("Paris - Berlin en train", "Le Journal", "lejournal.fr"),
            "Paris - Berlin en train");
}

TEST(LooksLikePublisher, SiteNameHostAndDomains) {
  EXPECT_TRUE(LooksLikePublisher("L'Opinion", "", "www.lopinion.fr"));
  EXPECT_TRUE(LooksLikePublisher("Les Echos", "", "www.lesechos.fr"));
  EXPECT_TRUE(LooksLikePublisher("Deutsche Welle (www.dw.com)", "", "www.dw.com"));
  EXPECT_TRUE(LooksLikePublisher("sudinfo.be", "", "www.sudinfo.be"));
  EXPECT_TRUE(LooksLikePublisher("Le Grand Soir", "Le Grand Soir", ""));
  EXPECT_FALSE(LooksLikePublisher("Emmanuelle Ducros", "L'Opinion", "www.lopinion.fr"));
  EXPECT_FALSE(LooksLikePublisher("Nicolas Gutierrez C.", "", "www.sciencesetavenir.fr"));
}

TEST(LooksLikeName, NamesButNotSentencesOrDates) {
  EXPECT_TRUE(LooksLikeName("Ophélie Ostermann"));
  EXPECT_TRUE(LooksLikeName("Élise de la Tour"));
  EXPECT_FALSE(LooksLikeName("Temps de lecture 4 min"));
  EXPECT_FALSE(LooksLikeName("il y a 3 heures"));
  EXPECT_FALSE(LooksLikeName(""));
  // A byline element holding only its word, the names in elements after it.
  EXPECT_FALSE(LooksLikeName("By"));
  EXPECT_FALSE(LooksLikeName("Von"));
}

Article Extract(std::string_view html, std::string url = "https://www.lejournal.test/a/1.html") {
  ArticleOptions options;
  options.base_url = std::move(url);
  options.fetched_at = *CivilToSeconds(2024, 1, 1);
  return ExtractArticle(html, options);
}

constexpr std::string_view kBody =
    "<p>Le corps de l'article est assez long pour compter comme un paragraphe du texte, "
    "avec des mots et encore des mots pour le lecteur.</p>";

TEST(ArticleFields, H1ConfirmedByTitlePrefixBeatsOgTitleWithSiteSuffix) {
  const Article a = Extract(std::string("<html><head><title>Un titre d'article - Le Blog</title>"
                                        "<meta property=og:title content=\"Un titre d'article - "
                                        "Le Blog\"></head><body><h1>Un titre d\xE2\x80\x99"
                                        "article</h1>") +
                            std::string(kBody) + "</body></html>");
  EXPECT_EQ(a.title,
            "Un titre d\xE2\x80\x99"
            "article");
}

TEST(ArticleFields, OgTitleLosesTheSiteNameSuffix) {
  const Article a = Extract(std::string("<html><head><meta property=og:title content=\"Une "
                                        "histoire longue | LEJOURNAL.TEST\"></head><body><h1>"
                                        "<span>Rubrique</span> <span>Autre chose</span></h1>") +
                            std::string(kBody) + "</body></html>");
  EXPECT_EQ(a.title, "Une histoire longue");
}

// nature.com in the fundus set: the authors in a WebPage's mainEntity, a
// byline element holding only "By".
TEST(ArticleFields, ByAloneIsNoAuthor) {
  const Article a =
      Extract(std::string("<html><head><script type=application/ld+json>{\"@type\":\"WebPage\","
                          "\"mainEntity\":{\"@type\":\"NewsArticle\",\"author\":[{\"name\":"
                          "\"Jeanne Martin\"},{\"name\":\"Paul Durand\"}]}}</script></head><body>"
                          "<h1>Titre</h1><div class=byline>By</div><ul><li>Jeanne Martin</li>"
                          "<li>Paul Durand</li></ul>") +
              std::string(kBody) + "</body></html>");
  EXPECT_EQ(a.authors, (Names{"Jeanne Martin", "Paul Durand"}));
}

// German and Spanish bylines start with "Von" / "Por" (fundus set).
TEST(ArticleFields, VonAndPorBylinesNameTheAuthors) {
  const Article de = Extract(std::string("<html><body><h1>Titel</h1><p>Von Anna Weber und "
                                         "Max Roth</p>") +
                             std::string(kBody) + "</body></html>");
  EXPECT_EQ(de.authors, (Names{"Anna Weber", "Max Roth"}));
  const Article es = Extract(std::string("<html><body><h1>Título</h1><p>Por Lucía Gómez</p>") +
                             std::string(kBody) + "</body></html>");
  EXPECT_EQ(es.authors, (Names{"Lucía Gómez"}));
}

TEST(ArticleFields, SiteNameH1LosesToOgTitle) {
  const Article a = Extract(std::string("<html><head><title>Deux ans - regards.fr</title>"
                                        "<meta property=og:title content=\"Deux ans\"></head>"
                                        "<body><h1>regards.fr</h1><h2>Deux ans</h2>") +
                            std::string(kBody) + "</body></html>");
  EXPECT_EQ(a.title, "Deux ans");
}

TEST(ArticleFields, VisibleBylineReplacesPublisherAuthor) {
  const Article a = Extract(
      std::string("<html><head><script type=application/ld+json>{\"@type\":\"NewsArticle\","
                  "\"author\":{\"name\":\"Le Journal\"}}</script></head><body><h1>Titre</h1>"
                  "<p>Par Jeanne Martin et Paul Durand</p>") +
      std::string(kBody) + "</body></html>");
  EXPECT_EQ(a.authors, (Names{"Jeanne Martin", "Paul Durand"}));
}

TEST(ArticleFields, ContradictoryMarkupLosesPublishedToTheDateLine) {
  const Article a =
      Extract(std::string("<html><head><script type=application/ld+json>{\"@type\":\"NewsArticle\","
                          "\"datePublished\":\"2023-11-01T20:02:45Z\",\"dateModified\":"
                          "\"2023-11-01T15:28:29Z\"}</script></head><body><h1>Titre</h1>"
                          "<p>publié le 1er novembre 2023 à 16h28</p>") +
              std::string(kBody) + "</body></html>");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->time.Iso(), "2023-11-01T16:28:00");
  EXPECT_EQ(a.published->source, "date-line");
}

TEST(ArticleFields, PublicInABodySentenceIsNoPublishedLine) {
  const Article a = Extract(std::string("<html><body><h1>Titre</h1><p>Le 11 octobre, il est mis "
                                        "en examen pour détournement de fonds publics.</p>") +
                            std::string(kBody) + "</body></html>");
  EXPECT_FALSE(a.published);
}

}  // namespace
}  // namespace nc
