#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "crawler/extract/html_links.h"
#include "crawler/extract/link_roles.h"

namespace nc {
namespace {

// Role of every link, by name, in document order.
std::vector<std::string> Roles(std::string_view html) {
  std::vector<std::string> out;
  for (const ExtractedLink& link : ExtractLinks(html).links)
    out.emplace_back(LinkRoleName(link.role));
  return out;
}

using V = std::vector<std::string>;
constexpr const char* kLong = "Un titre assez long pour un article";  // headline-like text

std::string A(const char* href, const char* text = kLong) {
  return std::string("<a href=") + href + ">" + text + "</a>";
}

TEST(RelatedHeadingTest, FrenchAndEnglishPhrases) {
  for (const char* text :
       {"Articles liés", "ARTICLES LIÉS", "Lire aussi", "À lire aussi :", "A LIRE AUSSI",
        "À lire également", "Sur le même sujet", "Dans la même rubrique", "Voir aussi",
        "Nos articles liés", "Related", "Related stories", "Read more", "More on this story",
        "See also", "You may also like", "  related\n articles "}) {
    EXPECT_TRUE(IsRelatedHeading(text)) << text;
  }
}

TEST(RelatedHeadingTest, OtherHeadingsDoNotMatch) {
  for (const char* text :
       {"Les plus lus", "Most read", "Politique", "", "Lire", "Aussi",
        "Trump-related scandal grows as senators demand answers from aides", "Unrelated"}) {
    EXPECT_FALSE(IsRelatedHeading(text)) << text;
  }
}

TEST(HeadlineTextTest, ThreeWordsOrTwentyCharacters) {
  EXPECT_TRUE(IsHeadlineText("Senate passes bill"));
  EXPECT_TRUE(IsHeadlineText("Réforme démocratique"));  // 20 characters, 22 bytes
  EXPECT_FALSE(IsHeadlineText("Présidentielle 2022"));  // 19 characters
  EXPECT_FALSE(IsHeadlineText("Jane Doe"));
  EXPECT_FALSE(IsHeadlineText(""));
}

TEST(ClassifyLinkTest, Precedence) {
  LinkContext all;
  all.footer = all.nav = all.related = all.heading = all.list = true;
  EXPECT_EQ(ClassifyLink(all, kLong, false), LinkRole::kFooter);
  all.footer = false;
  EXPECT_EQ(ClassifyLink(all, kLong, false), LinkRole::kNav);
  all.nav = false;
  EXPECT_EQ(ClassifyLink(all, kLong, false), LinkRole::kRelated);
  all.related = false;
  EXPECT_EQ(ClassifyLink(all, kLong, false), LinkRole::kHeadline);
  EXPECT_EQ(ClassifyLink(all, "Monde", false), LinkRole::kNav);  // a section title
  all.heading = false;
  all.paragraph = true;
  EXPECT_EQ(ClassifyLink(all, kLong, false), LinkRole::kOther);
  all.list_item = true;  // a <p> inside a list item is still a list entry
  EXPECT_EQ(ClassifyLink(all, kLong, false), LinkRole::kHeadline);
  EXPECT_EQ(ClassifyLink(LinkContext{}, kLong, true), LinkRole::kHeadline);
  EXPECT_EQ(ClassifyLink(LinkContext{}, kLong, false), LinkRole::kOther);
}

struct RoleCase {
  const char* name;
  std::string html;
  V want;
};

// Failing cases print their name instead of raw bytes.
void PrintTo(const RoleCase& c, std::ostream* os) { *os << c.name; }

class RoleRuleTest : public testing::TestWithParam<RoleCase> {};

TEST_P(RoleRuleTest, Roles) {
  EXPECT_EQ(Roles(GetParam().html), GetParam().want) << GetParam().html;
}

INSTANTIATE_TEST_SUITE_P(
    Heuristic, RoleRuleTest,
    testing::Values(
        RoleCase{"NavElement", "<nav>" + A("1", "Monde") + "</nav>", V{"nav"}},
        RoleCase{"NavByClassWords",
                 "<div class=main-menu>" + A("1") + "</div><ul class=navbar>" + A("2") + "</ul>" +
                     "<div id=topnav>" + A("3") + "</div><ol class=breadcrumbs>" + A("4") +
                     "</ol>" + "<div class='fil-ariane'>" + A("5") + "</div><div role=navigation>" +
                     A("6") + "</div>",
                 V{"nav", "nav", "nav", "nav", "nav", "nav"}},
        RoleCase{"NavWordNeedsBoundary", "<ul class=unavailable>" + A("1") + "</ul>",
                 V{"headline"}},
        RoleCase{"PaginationIsNav", "<div class=pagination>" + A("1", "2") + "</div>", V{"nav"}},
        RoleCase{"LinkOwnClassCanSayNav",
                 "<div>" + std::string("<a class=nav-link href=1>Monde</a>") + "</div>", V{"nav"}},
        RoleCase{"PageHeaderIsNav", "<header>" + A("1", "Le Journal") + "</header>", V{"nav"}},
        RoleCase{"ArticleHeaderOnlyListsAreNav",
                 "<article><header>" + A("1", "Sam Smith") + "<ul><li>" + A("2", "Tag") +
                     "</li></ul></header></article>",
                 V{"other", "nav"}},
        RoleCase{"FooterElement", "<footer>" + A("1", "Contact") + "</footer>", V{"footer"}},
        RoleCase{"FooterByClassFooterOrPied",
                 "<div id=footer>" + A("1") + "</div><div class=pied-de-page>" + A("2") + "</div>" +
                     "<div class=site-footer-links>" + A("3") + "</div><div role=contentinfo>" +
                     A("4") + "</div>",
                 V{"footer", "footer", "footer", "footer"}},
        RoleCase{"SocialSharingIsFooter",
                 "<div class=share-tools>" + A("1") + "</div><div class=partage>" + A("2") +
                     "</div>" + "<div class=reseaux-sociaux>" + A("3") + "</div>",
                 V{"footer", "footer", "footer"}},
        RoleCase{"FooterWinsOverNav", "<footer><nav>" + A("1", "Plan") + "</nav></footer>",
                 V{"footer"}},
        RoleCase{"NavWinsOverRelated", "<nav><div class=related>" + A("1") + "</div></nav>",
                 V{"nav"}},
        RoleCase{"RelatedByBlockClass",
                 "<div class=related-articles>" + A("1") + "</div><section class='articles-lies'>" +
                     A("2") + "</section><aside class=lire-aussi>" + A("3") +
                     "</aside><ul class=a-lire>" + A("4") + "</ul><div id=meme-sujet>" + A("5") +
                     "</div><div class=relatedStories>" + A("6") + "</div>",
                 V{"related", "related", "related", "related", "related", "related"}},
        RoleCase{"RelatedClassOnLinkOrInlineIgnored",
                 "<div class=teaser><a class=read-more href=1>Read more</a> <span class=related>" +
                     A("2") + "</span></div>",
                 V{"other", "headline"}},
        RoleCase{"RelatedAfterHeadingInSameBlock",
                 "<section><h2>Articles liés</h2><ul><li>" + A("1") + "</li><li>" +
                     A("2", "Court") + "</li></ul></section>",
                 V{"related", "related"}},
        RoleCase{"RelatedHeadingIsAccentAndCaseInsensitive",
                 "<div><h3>À LIRE AUSSI</h3>" + A("1") + "</div>", V{"related"}},
        RoleCase{"RelatedHeadingByTitleClass",
                 "<div><span class=bloc-titre>Sur le même sujet</span>" + A("1") + "</div>",
                 V{"related"}},
        RoleCase{
            "RelatedHeadingWrapperMarksParentBlock",
            "<div><div class=hd><h4>Read more</h4></div><ul><li>" + A("1") + "</li></ul></div>",
            V{"related"}},
        RoleCase{"LinksBeforeRelatedHeadingAreNot",
                 "<section><ul><li>" + A("1") + "</li></ul><h2>Lire aussi</h2><ul><li>" + A("2") +
                     "</li></ul></section>",
                 V{"headline", "related"}},
        RoleCase{
            "RelatedMarkEndsWithBlock",
            "<div><h2>Related</h2>" + A("1") + "</div><div><ul><li>" + A("2") + "</li></ul></div>",
            V{"related", "headline"}},
        RoleCase{"RelatedMarkClearedBySameRankHeading",
                 "<section><h2>Voir aussi</h2><ul><li>" + A("1") +
                     "</li></ul><h2>Les plus lus</h2><ul><li>" + A("2") + "</li></ul></section>",
                 V{"related", "headline"}},
        RoleCase{"RelatedMarkKeptByLowerRankHeadlineHeadings",
                 "<section><h2>Lire aussi</h2><article><h3>" + A("1") +
                     "</h3></article><h4>Rubrique</h4><article><h3>" + A("2") +
                     "</h3></article></section>",
                 V{"related", "related"}},
        RoleCase{"HeadlineInHeading",
                 "<div><h3>" + A("1", "Un titre court mais complet") + "</h3></div>",
                 V{"headline"}},
        RoleCase{"SectionNameInHeadingIsNav", "<div><h3>" + A("1", "Football") + "</h3></div>",
                 V{"nav"}},
        RoleCase{"HeadlineWhenLinkContainsHeading",
                 "<div><a href=1><h2>Le titre de l'article</h2></a></div>", V{"headline"}},
        RoleCase{"HeadlineInListNeedsHeadlineText",
                 "<ul><li>" + A("1") + "</li><li>" + A("2", "Deux mots") + "</li></ul>",
                 V{"headline", "other"}},
        RoleCase{"HeadlineInSectionOrStoryBlocks",
                 "<section>" + A("1") + "</section><div class=une>" + A("2") +
                     "</div><div class=teaser>" + A("3") + "</div><div class=story-card>" + A("4") +
                     "</div>",
                 V{"headline", "headline", "headline", "headline"}},
        RoleCase{"TeaserArticleInsideListBlock",
                 "<main><div class=liste><article>" + A("1") + "</article></div></main>",
                 V{"headline"}},
        RoleCase{"PageLevelArticleIsNoLinkBlock",
                 "<main><article><div>" + A("1") + "</div></article></main>", V{"other"}},
        RoleCase{"InBodyParagraphLinkIsOther",
                 "<article><section><p>Texte " + A("1") + " suite.</p></section></article>",
                 V{"other"}},
        RoleCase{"ParagraphInListItemIsListEntry", "<ul><li><p>" + A("1") + "</p></li></ul>",
                 V{"headline"}},
        RoleCase{"ImplicitParagraphCloseBeforeList", "<p>Intro<ul><li>" + A("1") + "</li></ul>",
                 V{"headline"}},
        RoleCase{"PlainDivIsOther", "<div>" + A("1") + "</div>", V{"other"}},
        RoleCase{"EndTagDoesNotCrossTableCell",
                 "<div class=menu><table><tr><td></div>" + A("1") + "</td></tr></table></div>",
                 V{"nav"}},
        RoleCase{"FormattingEndTagDoesNotCloseBlock", "<b><div class=menu></b>" + A("1") + "</div>",
                 V{"nav"}},
        RoleCase{"UnknownElementsNestAndClose",
                 "<my-widget class=menu><x-item>" + A("1") + "</x-item></my-widget>" + A("2"),
                 V{"nav", "other"}}),
    [](const testing::TestParamInfo<RoleCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace nc
