// Article extraction on hand-made pages: which blocks are boilerplate, where
// each field comes from, and that bad pages give a partial article with the
// problem recorded (never a crash).

#include "crawler/extract/article.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace nc {
namespace {

constexpr int64_t kFetchedAt = 1776686400;  // 2026-04-20T12:00:00Z

const std::string kProse =
    "Le gouvernement a présenté mercredi un projet de loi, très attendu, sur la réforme des "
    "retraites, qui doit être examiné par les députés au début du mois prochain.";

Article Extract(const std::string& html, std::string base = "https://ex.test/monde/a.html") {
  return ExtractArticle(html, {std::move(base), kFetchedAt});
}

bool HasProblem(const Article& a, std::string_view word) {
  for (const std::string& p : a.problems) {
    if (p.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string Page(std::string_view head, std::string_view body) {
  return "<!DOCTYPE html><html lang=\"fr\"><head><title>Titre - Le Site</title>" +
         std::string(head) + "</head><body>" + std::string(body) + "</body></html>";
}

TEST(Article, BoilerplateIsDropped) {
  const std::string html = Page(
      "",
      "<nav><ul><li><a href=/a>Accueil</a></li></ul></nav>"
      "<div class=\"article-content\"><h1>Titre</h1>"
      "<p>" +
          kProse +
          "</p>"
          "<figure><img src=x.jpg><figcaption>Le ministre, mercredi, à Paris.</figcaption></figure>"
          "<div class=\"share-bar\"><p>Partager cet article sur les réseaux sociaux, par "
          "courriel.</p></div>"
          "<div class=\"pub\"><p>Publicité : abonnez-vous pour un euro, sans engagement, dès "
          "maintenant.</p></div>"
          "<p>" +
          kProse +
          " Deuxième.</p>"
          "<p hidden>Texte caché qui ne doit jamais apparaître, même pas en partie, dans le "
          "corps.</p>"
          "</div><footer><p>© Le Site, tous droits réservés, mentions légales, "
          "contact.</p></footer>");
  const Article a = Extract(html);
  EXPECT_EQ(a.paragraphs, (std::vector<std::string>{kProse, kProse + " Deuxième."}));
  EXPECT_EQ(a.title, "Titre");
}

// fundus set (session 12): text for screen readers before each paragraph
// ("Article content") and a video player's fallback lines are not the story.
TEST(Article, ScreenReaderAndVideoFallbackTextIsDropped) {
  const std::string html =
      Page("",
           "<article class=story><h1>Titre</h1><div class=visually-hidden>Article content</div>"
           "<p>" +
               kProse +
               "</p><span class=sr-only>Article content</span>"
               "<div class=player><div class=video-fallback><div>We apologize, but this video has "
               "failed to load.</div></div><p class=vjs-no-js>To view this video please enable "
               "JavaScript, and consider upgrading to a web browser that supports HTML5 video</p>"
               "</div><div class=visually-hidden>Article content</div><p>" +
               kProse + " Deuxième.</p></article>");
  EXPECT_EQ(Extract(html).paragraphs, (std::vector<std::string>{kProse, kProse + " Deuxième."}));
}

// fundus set (session 12): long reader comments, each in a "text" container,
// outscored an opinion piece ("commentary" in its own class) on a page whose
// grid class "columns" kept the comment list from being dropped as unlikely
// while the "maybe" word "column" counted inside other words. As a whole word
// only, it leaves "comments-list columns" unlikely, and the comments with it.
TEST(Article, ReaderCommentListDoesNotOutscoreTheArticle) {
  const std::string comment =
      "<p>Je ne suis pas d'accord avec cette analyse, qui oublie les indépendants, les "
      "agriculteurs, les artisans et tous ceux qui ont commencé à travailler avant vingt ans, "
      "souvent sans diplôme et sans le moindre espoir de partir plus tôt.</p>";
  const std::string html =
      Page("",
           "<article class=\"article article-type-commentary\"><h1>Titre</h1>"
           "<div class=columns><p>" +
               kProse + "</p><p>" + kProse +
               " Deuxième.</p></div></article>"
               "<section class=columns><ul class=\"comments-list columns\">"
               "<li class=\"comment column\"><div class=text>" +
               comment + comment + "</div></li><li class=\"comment column\"><div class=text>" +
               comment + comment + "</div></li></ul></section>");
  EXPECT_EQ(Extract(html).paragraphs, (std::vector<std::string>{kProse, kProse + " Deuxième."}));
}

// The same rule must not take an opinion piece's own container ("commentary"
// in its class: negative, but no list) for a comment list and give the page
// to a teaser.
TEST(Article, CommentaryArticleIsNotAReaderComment) {
  const std::string html =
      Page("", "<div class=\"article-type-commentary\"><h1>Titre</h1><div class=text><p>" + kProse +
                   "</p><p>" + kProse + " Deuxième.</p><p>" + kProse +
                   " Troisième.</p></div></div><div class=teaser><p>Retraites : les syndicats, "
                   "unis, appellent à manifester jeudi, vendredi et samedi, à Paris, à Lyon, à "
                   "Marseille, partout en France.</p></div>");
  EXPECT_EQ(Extract(html).paragraphs,
            (std::vector<std::string>{kProse, kProse + " Deuxième.", kProse + " Troisième."}));
}

// ASP.NET pages wrap the whole body in one <form>: its text is the page.
TEST(Article, PageWideFormIsNotBoilerplate) {
  const std::string html =
      Page("", "<form method=post><input type=hidden value=x><div class=nav>Menu</div>"
               "<article><h1>Titre</h1><p>" + kProse + "</p></article></form>");
  EXPECT_EQ(Extract(html).paragraphs, std::vector<std::string>{kProse});
}

TEST(Article, MetadataSources) {
  const std::string html = Page(
      "<link rel=canonical href=\"/monde/canonique.html\">"
      "<meta name=author content=\"Marie Dupont\">"
      "<meta property=\"article:section\" content=\"Monde\">"
      "<meta property=\"article:published_time\" content=\"2026-04-16T10:05:00+02:00\">"
      "<meta property=\"article:modified_time\" content=\"2026-04-16T12:00:00+02:00\">",
      "<article><h1>Titre</h1><p>" + kProse + "</p></article>");
  const Article a = Extract(html);
  EXPECT_EQ(a.canonical_url, "https://ex.test/monde/canonique.html");
  EXPECT_EQ(a.authors, std::vector<std::string>{"Marie Dupont"});
  EXPECT_EQ(a.section, "Monde");
  EXPECT_EQ(a.language, "fr");
  ASSERT_TRUE(a.published && a.modified);
  EXPECT_EQ(a.published->time.Iso(), "2026-04-16T10:05:00+02:00");
  EXPECT_EQ(a.published->source, "meta:article:published_time");
  EXPECT_EQ(a.modified->time.Iso(), "2026-04-16T12:00:00+02:00");
}

TEST(Article, TimeElementAndVisibleLine) {
  const std::string html = Page(
      "",
      "<article><h1>Titre</h1><p class=byline>Par Jean Martin</p>"
      "<p class=date>Publié le <time datetime=\"2026-04-16T10:05\">16 avril 2026 à 10h05</time></p>"
      "<p>" +
          kProse + "</p></article>");
  const Article a = Extract(html);
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->source, "time");
  EXPECT_EQ(a.published->time.Iso(), "2026-04-16T10:05:00");
  EXPECT_EQ(a.date_line, "Publié le 16 avril 2026 à 10h05");
  EXPECT_EQ(a.paragraphs, std::vector<std::string>{kProse});
}

TEST(Article, EmptyPageIsAPartialArticle) {
  for (const std::string html : {"", "   \n", "<html></html>", "<p>", "\xff\xfe<<<"}) {
    const Article a = Extract(html);
    EXPECT_TRUE(a.paragraphs.empty());
    EXPECT_FALSE(a.problems.empty()) << html;
  }
  EXPECT_TRUE(HasProblem(Extract(""), "empty page"));
}

TEST(Article, MalformedJsonLdIsRecordedAndTheRestExtracted) {
  const std::string html =
      Page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":</script>",
           "<article><h1>Titre</h1><p>" + kProse + "</p></article>");
  const Article a = Extract(html);
  EXPECT_TRUE(HasProblem(a, "json-ld"));
  EXPECT_EQ(a.title, "Titre");
  EXPECT_EQ(a.paragraphs, std::vector<std::string>{kProse});
}

TEST(Article, AbsurdAndContradictoryDatesAreDroppedAndRecorded) {
  const std::string future = Page(
      "<script "
      "type=\"application/"
      "ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2026-12-25T10:00:00Z\","
      "\"dateModified\":\"0000-00-00\"}</script>",
      "<article><h1>T</h1><p>" + kProse + "</p></article>");
  const Article a = Extract(future);
  EXPECT_FALSE(a.published);
  EXPECT_TRUE(HasProblem(a, "after the fetch time"));
  EXPECT_TRUE(HasProblem(a, "unreadable or absurd"));

  const std::string backwards = Page(
      "<meta property=\"article:published_time\" content=\"2026-04-16T10:00:00Z\">"
      "<meta property=\"article:modified_time\" content=\"2026-04-10T10:00:00Z\">",
      "<article><h1>T</h1><p>" + kProse + "</p></article>");
  const Article b = Extract(backwards);
  ASSERT_TRUE(b.published);
  EXPECT_FALSE(b.modified);
  EXPECT_TRUE(HasProblem(b, "before published"));
}

TEST(Article, HugePageIsCutAndRecorded) {
  std::string html = "<html><body><article><h1>T</h1>";
  while (html.size() <= kMaxArticlePageBytes) html += "<p>" + kProse + "</p>\n";
  html += "</article></body></html>";
  const Article a = Extract(html);
  EXPECT_TRUE(HasProblem(a, "cut"));
  EXPECT_FALSE(a.paragraphs.empty());
}

TEST(Article, DeepNestingIsBounded) {
  std::string html = "<html><body>";
  for (int i = 0; i < 5000; ++i) html += "<div>";
  html += "<p>" + kProse + "</p>";
  const Article a = Extract(html);
  EXPECT_TRUE(HasProblem(a, "nesting"));
}

TEST(Article, JsonIsValidAndComplete) {
  const std::string html =
      Page("", "<article><h1>Titre \"cité\"</h1><p>" + kProse + "</p></article>");
  const boost::json::value v = boost::json::parse(ArticleToJson(Extract(html)));
  const boost::json::object& o = v.as_object();
  EXPECT_EQ(o.at("title").as_string(), "Titre \"cité\"");
  EXPECT_EQ(o.at("paragraphs").as_array().size(), 1u);
  for (const char* key : {"url", "canonical_url", "authors", "language", "section", "published",
                          "modified", "date_line", "related", "problems"}) {
    EXPECT_TRUE(o.contains(key)) << key;
  }
}

}  // namespace
}  // namespace nc
