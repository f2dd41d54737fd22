// Regressions of issue 10 (link roles on real news pages), each on small
// hand-written HTML modelled on the public page that showed it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crawler/extract/html_links.h"
#include "crawler/extract/link_roles.h"

namespace nc {
namespace {

using V = std::vector<std::string>;
constexpr const char* kLong = "Un titre assez long pour un article";

std::vector<std::string> Roles(std::string_view html) {
  std::vector<std::string> out;
  for (const ExtractedLink& link : ExtractLinks(html).links)
    out.emplace_back(LinkRoleName(link.role));
  return out;
}

std::string A(const char* href, const char* text = kLong) {
  return std::string("<a href=") + href + ">" + text + "</a>";
}

// ---- one class token cannot make a whole container nav ----

// Le Monde: the page's <main> carries "main--with-contextual-nav".
TEST(Issue10NavToken, LeMondeMainWithContextualNavModifier) {
  EXPECT_EQ(Roles("<main class='main LeMondeMain main--free main--with-contextual-nav'>"
                  "<article><p>Texte " + A("/a") + " suite.</p>"
                  "<section class=related><ul><li>" + A("/b") + "</li></ul></section>"
                  "<nav class=contextual-nav>" + A("/c", "Monde") + "</nav></article></main>"),
            (V{"other", "related", "nav"}));
}

// BILD: a carousel of story teasers whose section carries "pagination" (its
// pager): the <article> teasers in it are stories, not menu entries; a
// real <nav> around them, or a class-nav block inside a teaser, still is nav.
TEST(Issue10NavToken, StoryArticlesInsideAPaginationClassedCarousel) {
  EXPECT_EQ(Roles("<main><section class='article-gallery pagination'>"
                  "<article class=teaser><h3>" + A("/politik/story-1") + "</h3>"
                  "<div class=subnav>" + A("/politik", "Politik") + "</div></article>"
                  "</section><nav><article><h3>" + A("/politik/story-2") + "</h3></article></nav>"
                  "<div class=pagination>" + A("/seite-2", "Seite 2") + "</div></main>"),
            (V{"headline", "nav", "nav", "nav"}));
}

// El Mundo: <main class="main section js_navContinua espana">.
TEST(Issue10NavToken, ElMundoScriptHookOnMain) {
  EXPECT_EQ(Roles("<main id=js_526684 class='main section js_navContinua espana'>"
                  "<ul class=content-items><li><article><h2>" + A("/a") +
                  "</h2></article></li></ul></main>"),
            (V{"headline"}));
  // The hook says nothing on a <div> either; a plain nav class still does.
  EXPECT_EQ(Roles("<div class='js_navContinua'><ul><li>" + A("/a") + "</li></ul></div>"
                  "<div class='js-nav nav'>" + A("/b") + "</div>"),
            (V{"headline", "nav"}));
}

TEST(Issue10NavToken, ModifiersAndStateClassesSayNothing) {
  EXPECT_EQ(Roles("<div class='teaser-list teaser-list--with-nav'>" + A("/a") + "</div>"
                  "<div class='has-nav is-footer-visible'><ul><li>" + A("/b") + "</li></ul></div>"),
            (V{"headline", "headline"}));
}

TEST(Issue10NavToken, RealNavStillMeansNav) {
  EXPECT_EQ(Roles("<div class=nav>" + A("1") + "</div><div class=menu>" + A("2") + "</div>"
                  "<div class=navigation>" + A("3") + "</div><div class='site-nav site-nav--dark'>" +
                  A("4") + "</div><main><nav>" + A("5") + "</nav></main>"),
            (V{"nav", "nav", "nav", "nav", "nav"}));
}

// ---- French (and de/en/es/it) related blocks ----

TEST(Issue10Related, HeadingsInFiveLanguages) {
  for (const char* text :
       {"La rédaction vous conseille", "À découvrir également", "Sur le même sujet", "Lire aussi",
        "Mehr zum Thema", "Das könnte Sie auch interessieren", "Más información",
        "Te puede interesar", "Leggi anche", "Read more", "More on this story", "Related",
        "You might also like", "Articoli correlati", "Noticias relacionadas"}) {
    EXPECT_TRUE(IsRelatedHeading(text)) << text;
  }
  EXPECT_FALSE(IsRelatedHeading("Les plus lus"));
  EXPECT_FALSE(IsRelatedHeading("Nachrichten aus Berlin"));
}

TEST(Issue10Related, RedactionVousConseilleBlock) {
  EXPECT_EQ(Roles("<article><p>Texte.</p><section><h2>La rédaction vous conseille</h2><ul><li>" +
                  A("/a") + "</li><li>" + A("/b") + "</li></ul></section></article>"),
            (V{"related", "related"}));
  EXPECT_EQ(Roles("<article><div><h3>À découvrir également</h3>" + A("/a") + "</div></article>"),
            (V{"related"}));
}

TEST(Issue10Related, ClassNames) {
  EXPECT_EQ(Roles("<div class=you-might-also-like>" + A("/a") + "</div>"
                  "<section class=recommended>" + A("/b") + "</section>"
                  "<div class=articoli-correlati>" + A("/c") + "</div>"),
            (V{"related", "related", "related"}));
}

TEST(Issue10Related, InlineLireAussiPrefixInASpan) {
  EXPECT_EQ(Roles("<article><p>Premier paragraphe " + A("/x", "un lien") + ".</p>"
                  "<p><span class=prefix>À lire aussi</span> " + A("/a") + "</p>"
                  "<p>Texte suivant " + A("/y", "un autre lien") + ".</p></article>"),
            (V{"other", "related", "other"}));
}

TEST(Issue10Related, InlinePrefixCoversTheLinksOfItsBlock) {
  EXPECT_EQ(Roles("<p><strong>Lire aussi :</strong> " + A("/a") + " et " + A("/b") + "</p>"
                  "<p>Mehr zum Thema: " + A("/c") + "</p><p>Leggi anche " + A("/d") + "</p>"),
            (V{"related", "related", "related", "related"}));
}

TEST(Issue10Related, SentenceStartingWithThePhraseIsNoPrefix) {
  EXPECT_EQ(Roles("<p>Lire aussi le rapport de la commission, publié hier soir, qui " +
                  A("/a", "explique") + "</p><p>Read more: " +
                  A("/world/middle-east", "Middle East coverage") + "</p>"),
            (V{"other", "other"}));
}

// Le Point: the read-also pointer follows a long sentence in the same <p>;
// only what comes after the sentence's end counts, so a sentence that
// merely ends near a link still is no prefix.
TEST(Issue10Related, InlinePrefixAfterALongSentenceInTheSameParagraph) {
  const std::string sentence =
      "Le tribunal a rappelé que la loi punit toute provocation à la haine en raison de "
      "l'origine, de la race, ou de la religion. ";
  EXPECT_EQ(Roles("<p>" + sentence + "<span class=Capsule><span>À LIRE AUSSI</span> <strong>" +
                  A("/editos/antisemitisme-retour-au-moyen-age") + "</strong></span></p><p>" +
                  sentence + "Le prévenu a " + A("/b", "fait appel") + ".</p>"),
            (V{"related", "other"}));
}

// 20 Minutes: related links carry the class themselves ("correlatedLink")
// inside plain boxes; a teaser's "Read more" link with such a class does not.
TEST(Issue10Related, RelatedClassOnATitleLinkItself) {
  EXPECT_EQ(Roles("<article><div class=box><a class=correlatedLink href=/societe/tempete-x>" +
                  std::string(kLong) + "</a></div><div class=box>" + A("/b") +
                  "<a class=read-more href=/c>Read more</a></div></article>"),
            (V{"related", "other", "other"}));
}

// ---- fragments and tag pages are never headlines ----

TEST(Issue10Href, FragmentLinksAreOther) {
  EXPECT_EQ(Roles("<div class=story><a class=skip href='#main-content'>Aller au contenu "
                  "principal de la page</a></div><ol class=toc><li>" +
                  A("#section-2", "Deuxième partie de l'enquête") + "</li><li>" +
                  A("' #section-3'", "Troisième partie de l'enquête") + "</li></ol>"),
            (V{"other", "other", "other"}));
}

TEST(Issue10Href, TagAndTopicPagesAreNav) {
  EXPECT_EQ(Roles("<ul class=teasers><li>" + A("/tag/guerre-en-ukraine") + "</li><li>" +
                  A("https://www.example.test/topics/c302m85q") + "</li><li>" +
                  A("/politik/thema/bundestagswahl") + "</li><li>" + A("/sujet/elections/") +
                  "</li><li>" + A("//www.example.test/etiqueta/sanidad") + "</li><li>" +
                  A("/monde/article/2024/04/18/un-article.html") + "</li></ul>"),
            (V{"nav", "nav", "nav", "nav", "nav", "headline"}));
  // A related block's tag links are nav too.
  EXPECT_EQ(Roles("<div class=related>" + A("/tags/economie") + "</div>"), (V{"nav"}));
}

// A promo widget whose hrefs paste another site's story URLs after a '/'
// (resolved on this site: broken) reads like a list of headlines; the
// crawler must not follow them. Well-formed links beside them stay headlines.
TEST(Issue10Href, PastedAbsoluteUrlsAreNotFollowed) {
  EXPECT_EQ(Roles("<ul class=teasers><li>" +
                  A("/https://www.other.example/32268/exports-keeping-farms-afloat/?utm_source=x") +
                  "</li><li>" + A("/http://www.other.example/2020/05/01/a-story.html") +
                  "</li><li>" + A("https://www.other.example/32086/unseen-footage-of-labourers/") +
                  "</li><li>" + A("/monde/article/2024/04/18/un-article.html") + "</li></ul>"),
            (V{"other", "other", "headline", "headline"}));
}

// A dossier carousel: each teaser's slug reads like a headline, but the page
// is the dossier's front (nav, like a topic page). Stories filed in a
// dossier, with a further segment, an id, a date or an extension, stay
// headlines.
TEST(Issue10Href, DossierFrontsAreNav) {
  EXPECT_EQ(Roles("<ul class=teasers><li>" +
                  A("/dossiers/serie-ces-maires-africains-fauches-en-plein-vol/") + "</li><li>" +
                  A("https://www.example.test/dossier/finance-quatre-mois-qui-ont-ebranle") +
                  "</li><li>" + A("/dossiers/municipales/les-maires-face-a-la-crise") +
                  "</li><li>" + A("/dossier/la-grande-enquete-sur-les-maires-1265403.html") +
                  "</li><li>" + A("/dossier/2024/05/01/la-grande-enquete") + "</li><li>" +
                  A("/monde/dossiers/un-article-de-fond-sur-les-maires") + "</li></ul>"),
            (V{"nav", "nav", "headline", "headline", "headline", "headline"}));
}

TEST(Issue10Href, RoleForHrefOnlyDemotesHeadlinesAndRelated) {
  EXPECT_EQ(RoleForHref(LinkRole::kHeadline, "#top"), LinkRole::kOther);
  EXPECT_EQ(RoleForHref(LinkRole::kRelated, "/tag/x"), LinkRole::kNav);
  EXPECT_EQ(RoleForHref(LinkRole::kFooter, "#top"), LinkRole::kFooter);
  EXPECT_EQ(RoleForHref(LinkRole::kOther, "/tag/x"), LinkRole::kOther);
  EXPECT_EQ(RoleForHref(LinkRole::kHeadline, "/tag"), LinkRole::kHeadline);  // no tag named
  EXPECT_EQ(RoleForHref(LinkRole::kHeadline, "/tag/"), LinkRole::kHeadline);
  EXPECT_EQ(RoleForHref(LinkRole::kHeadline, "/news/tag-heuer-watch"), LinkRole::kHeadline);
  EXPECT_EQ(RoleForHref(LinkRole::kHeadline, "/a?next=/tag/x"), LinkRole::kHeadline);
}

// ---- <noscript> links, their role from context ----

TEST(Issue10Noscript, LinksAreExtractedWithTheirContextRole) {
  EXPECT_EQ(Roles("<noscript><ul class=promo><li>" + A("/a") + "</li></ul></noscript>"
                  "<nav><noscript>" + A("/b", "Monde") + "</noscript></nav>"
                  "<footer><noscript>" + A("/c", "Contact") + "</noscript></footer>"
                  "<div class=related><noscript>" + A("/d") + "</noscript></div>"),
            (V{"headline", "nav", "footer", "related"}));
}

TEST(Issue10Noscript, AnchorTextAndImageAltInsideNoscript) {
  const PageLinks page =
      ExtractLinks("<a href=/a><noscript><img alt='Un titre en image'></noscript></a>");
  ASSERT_EQ(page.links.size(), 1u);
  EXPECT_EQ(page.links[0].anchor_text, "Un titre en image");
}

}  // namespace
}  // namespace nc
