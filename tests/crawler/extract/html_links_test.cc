#include "crawler/extract/html_links.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace nc {
namespace {

constexpr LinkRole kHeadline = LinkRole::kHeadline;
constexpr LinkRole kRelated = LinkRole::kRelated;
constexpr LinkRole kNav = LinkRole::kNav;
constexpr LinkRole kFooter = LinkRole::kFooter;
constexpr LinkRole kOther = LinkRole::kOther;

std::string ReadTestPage(const std::string& name) {
  const std::string path = std::string(NEWSCRAWL_SOURCE_DIR) + "/tests/crawler/extract/testdata/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct WantLink {
  const char* href;
  const char* text;
  LinkRole role;
  bool nofollow = false;
};

// Compares every link of the page, in document order.
void ExpectLinks(const PageLinks& page, const std::vector<WantLink>& want) {
  const size_t n = std::min(page.links.size(), want.size());
  for (size_t i = 0; i < n; ++i) {
    const ExtractedLink& got = page.links[i];
    SCOPED_TRACE("link #" + std::to_string(i) + " " + want[i].href);
    EXPECT_EQ(got.href, want[i].href);
    EXPECT_EQ(got.anchor_text, want[i].text);
    EXPECT_EQ(LinkRoleName(got.role), LinkRoleName(want[i].role));
    EXPECT_EQ(got.rel_nofollow, want[i].nofollow);
  }
  EXPECT_EQ(page.links.size(), want.size());
  for (size_t i = n; i < page.links.size(); ++i)
    ADD_FAILURE() << "extra link " << page.links[i].href;
  for (size_t i = n; i < want.size(); ++i) ADD_FAILURE() << "missing link " << want[i].href;
}

TEST(ExtractLinksPageTest, FrenchHomepage) {
  const PageLinks page = ExtractLinks(ReadTestPage("fr_homepage.html"));
  EXPECT_EQ(page.title, "Le Journal — Actualités en France et dans le monde");
  EXPECT_EQ(page.base_href, "");
  EXPECT_FALSE(page.meta_nofollow);
  EXPECT_FALSE(page.meta_noindex);
  ExpectLinks(
      page,
      {
          {"#contenu", "Aller au contenu", kOther},
          {"/", "Le Journal", kNav},  // logo: alt text, page header
          {"/abonnement", "S'abonner", kNav},
          {"/", "Accueil", kNav},
          {"/politique/", "Politique", kNav},
          {"/monde/", "Monde", kNav},
          {"/economie/", "Économie", kNav},
          {"https://sport.lejournal.test/", "Sport", kNav},
          {"/culture/", "Culture", kNav},
          {"/monde/2019/04/16/otan-russie-cooperation-arretee.html",
           "La coopération entre la Russie et l'OTAN s'est arrêtée", kHeadline},  // <a><h2>
          {"/economie/2019/04/15/chine-energie-nucleaire.html",
           "La Chine en tête dans la construction de l'énergie nucléaire", kHeadline},
          {"/monde/2019/04/15/pm-chinois-bruxelles.html",
           "Le PM chinois arrive à Bruxelles pour la réunion des dirigeants Chine-UE", kHeadline},
          {"/monde/2019/04/14/tibet-reforme-democratique.html",
           "Le Tibet célèbre le 60e anniversaire de sa réforme démocratique", kHeadline},
          {"/economie/", "Économie", kNav},  // section title link in an <h2>: names a section
          {"/economie/2019/04/13/commerce-electronique-transfrontalier.html",
           "Le commerce électronique transfrontalier en Chine contribue à la mondialisation",
           kHeadline},
          {"/economie/dossier-commerce/", "Notre dossier", kOther},  // in a <p>
          {"/economie/2019/04/12/ciie-shanghai.html",
           "La deuxième CIIE de Shanghai sera encore plus grande et encore meilleure", kHeadline},
          {"/economie/", "Plus d'économie", kOther},  // too short for a headline
          {"/societe/2019/04/10/hainan-bars-de-nuit.html",
           "Hainan donne le feu vert à l'ouverture de bars de nuit", kHeadline},
          {"/politique/2019/04/09/loi-investissements-etrangers.html",
           "L'Assemblée populaire nationale délibère sur le projet de loi", kHeadline},
          {"https://www.partenaire.test/offre", "Offre partenaire", kOther, true},
          {"/mentions-legales", "Mentions légales", kFooter},
          {"/contact", "Contact", kFooter},
          {"https://www.reseau-social.test/lejournal", "Suivez-nous", kFooter},
      });
}

TEST(ExtractLinksPageTest, FrenchSectionPage) {
  const PageLinks page = ExtractLinks(ReadTestPage("fr_section.html"));
  EXPECT_EQ(page.title, "Monde | Le Journal");
  ExpectLinks(
      page,
      {
          {"/", "Le Journal", kOther},  // logo in a plain div: no structure says nav
          {"/", "Accueil", kNav},       // div#menu
          {"/monde/", "Monde", kNav},
          {"/economie/", "Économie", kNav},
          {"/culture/", "Culture", kNav},
          {"/", "Accueil", kNav},  // fil d'Ariane
          {"/monde/2019/04/16/otan-russie-cooperation-arretee.html", "",
           kHeadline},  // image with alt="": the teaser's picture, to an article URL
          {"/monde/2019/04/16/otan-russie-cooperation-arretee.html",
           "La Russie et l'OTAN ont cessé leur coopération civile et militaire", kHeadline},
          {"/monde/2019/04/15/pm-chinois-bruxelles.html", "Le Premier ministre chinois à Bruxelles",
           kHeadline},  // image link: alt text, in a list of articles
          {"/monde/2019/04/15/pm-chinois-bruxelles.html",
           "Le PM chinois arrive à Bruxelles pour la réunion des dirigeants Chine-UE", kHeadline},
          {"/monde/dossier-chine-ue/", "Lire notre dossier Chine-UE", kOther},
          {"/monde/2019/04/14/tibet-reforme-democratique.html",
           "Le Tibet célèbre le 60e anniversaire de sa réforme démocratique", kHeadline},
          {"/monde/2019/04/13/xi-conte-liens-sino-italiens.html",
           "Xi et Conte entendent faire entrer les liens sino-italiens dans une nouvelle ère",
           kHeadline},
          {"/monde/?page=1", "1", kNav},
          {"/monde/?page=2", "2", kNav},
          {"/monde/?page=3", "3", kNav},
          {"/monde/?page=2", "Suivant »", kNav},
          {"/monde/2019/04/10/ukraine-elections.html",
           "Ukraine : le second tour de la présidentielle aura lieu dimanche", kRelated},
          {"/monde/2019/04/09/bresil-amazonie.html",
           "Brésil : la déforestation de l'Amazonie s'accélère", kRelated},
          {"https://pub.test/clic?id=42&zone=droite", "Publicité", kOther, true},
          {"/plan-du-site", "Plan du site", kFooter},
          {"/contact", "Nous contacter", kFooter},
          {"/mentions-legales", "Mentions légales", kFooter},
      });
}

TEST(ExtractLinksPageTest, FrenchArticleWithArticlesLies) {
  const PageLinks page = ExtractLinks(ReadTestPage("fr_article.html"));
  EXPECT_EQ(
      page.title,
      "La coopération civile et militaire entre la Russie et l'OTAN s'est arrêtée - Le Journal");
  ExpectLinks(
      page,
      {
          {"/", "Le Journal", kNav},
          {"/politique/", "Politique", kNav},
          {"/monde/", "Monde", kNav},
          {"/economie/", "Économie", kNav},
          {"/monde/", "Monde", kNav},  // fil d'Ariane in the article header
          {"/monde/europe/", "Europe", kNav},
          {"/tag/otan/", "Organisation du traité de l'Atlantique Nord", kOther},  // in-body
          {"https://www.mid.test/fr/interview-grouchko",
           "site du ministère russe des Affaires étrangères", kOther},
          {"/monde/2019/04/04/otan-70-ans.html", "L'OTAN fête ses 70 ans dans la discorde",
           kRelated},  // <aside class="lire-aussi">
          {"/tag/russie/", "Russie", kOther},
          {"/tag/otan/", "OTAN", kOther},
          {"/tag/diplomatie/", "Diplomatie", kOther},
          {"https://www.reseau-social.test/"
           "share?u=https%3A%2F%2Fwww.lejournal.test%2Fmonde%2F2019%2F04%2F16%2F"
           "otan-russie-cooperation-arretee.html",
           "Partager sur Réseau Social", kFooter, true},
          {"mailto:?subject=OTAN&body=https%3A%2F%2Fwww.lejournal.test%2F", "Envoyer par courriel",
           kFooter},
          // "Articles liés"
          {"/economie/2019/04/15/chine-energie-nucleaire.html",
           "La Chine en tête dans la construction de l'énergie nucléaire", kRelated},
          {"/monde/2019/04/15/pm-chinois-bruxelles.html",
           "Le PM chinois arrive à Bruxelles pour la réunion des dirigeants Chine-UE", kRelated},
          {"/economie/2019/04/14/chine-lgv-ponts.html",
           "la Chine construit ses voies de chemin de fer à grande vitesse sur des ponts",
           kRelated},
          {"/monde/2019/04/14/tibet-reforme-democratique.html",
           "Le Tibet célèbre le 60e anniversaire de sa réforme démocratique", kRelated},
          {"/economie/2019/04/13/loi-ide.html",
           "La Chine introduira des règlements pour soutenir la Loi sur les IDE", kRelated},
          {"/monde/2019/04/13/xi-conte-liens-sino-italiens.html",
           "Xi et Conte entendent faire entrer les liens sino-italiens dans une nouvelle ère",
           kRelated},
          {"/societe/2019/04/10/hainan-bars-de-nuit.html",
           "Hainan donne le feu vert à l'ouverture de bars de nuit", kRelated},
          {"/politique/2019/04/09/loi-investissements-etrangers.html",
           "L'Assemblée populaire nationale délibère sur le projet de loi sur les investissements "
           "étrangers",
           kRelated},
          // "Sur le même sujet"
          {"/economie/2019/04/13/commerce-electronique-transfrontalier.html",
           "Le commerce électronique transfrontalier en Chine contribue à la mondialisation",
           kRelated},
          {"/economie/2019/04/12/ciie-shanghai.html",
           "La deuxième CIIE de Shanghai sera encore plus grande et encore meilleure", kRelated},
          {"/economie/2019/04/11/hong-kong-centres-financiers.html",
           "Hong Kong classée parmi les 3 premiers centres financiers mondiaux", kRelated},
          // "Les plus lus": a list of headlines, not related ones
          {"/politique/2019/04/09/loi-investissements-etrangers.html",
           "L'Assemblée populaire nationale délibère sur le projet de loi sur les investissements "
           "étrangers",
           kHeadline},
          {"/mentions-legales", "Mentions légales", kFooter},
          {"/cgu", "CGU", kFooter},
      });
}

TEST(ExtractLinksPageTest, EnglishHomepage) {
  const PageLinks page = ExtractLinks(ReadTestPage("en_homepage.html"));
  EXPECT_EQ(page.title, "The Daily Test | Breaking News, World News & Analysis");
  ExpectLinks(page, {
                        {"/subscribe", "Subscribe", kOther},
                        {"/login", "Sign in", kOther},
                        {"/", "The Daily Test", kNav},
                        {"/world", "World", kNav},
                        {"/us-politics", "US Politics", kNav},
                        {"/business", "Business", kNav},
                        {"/tech", "Tech", kNav},
                        {"/world/2024/05/02/ceasefire-talks-resume.html",
                         "Ceasefire talks resume as envoys arrive in Cairo",
                         kHeadline},  // text wins over the image's alt
                        {"/live/ceasefire", "Follow live", kOther},
                        {"/business/2024/05/02/fed-holds-rates.html",
                         "Fed holds rates steady, signals patience on cuts", kHeadline},
                        {"/tech/2024/05/01/chipmaker-earnings.html",
                         "Chipmaker’s earnings beat forecasts on AI demand", kHeadline},
                        {"/tech", "Tech", kOther},  // kicker: one word
                        {"/us-politics/2024/05/01/senate-vote.html",
                         "Senate passes stopgap funding bill", kHeadline},
                        {"/opinion", "Opinion", kNav},  // section title in a heading
                        {"/opinion/2024/05/01/why-cities-need-trees.html",
                         "Why our cities need more trees, not fewer", kHeadline},
                        {"/authors/jane-doe", "Jane Doe", kOther},
                        {"/world/2024/04/30/volcano-eruption-iceland.html",
                         "Volcano erupts in Iceland for the fifth time since December", kHeadline},
                        {"/business/2024/04/29/oil-prices.html",
                         "Oil prices slip as supply fears ease", kHeadline},
                        {"/newsletters", "Sign up now for free", kOther},
                        {"/about", "About us", kFooter},
                        {"/privacy", "Privacy policy", kFooter},
                        {"/terms", "Terms of use", kFooter},
                        {"https://social.test/dailytest", "Follow us", kFooter, true},
                    });
}

TEST(ExtractLinksPageTest, EnglishArticleWithRelated) {
  const PageLinks page = ExtractLinks(ReadTestPage("en_article.html"));
  EXPECT_EQ(page.title, "Ceasefire talks resume as envoys arrive in Cairo - The Daily Test");
  EXPECT_FALSE(page.meta_nofollow);
  EXPECT_FALSE(page.meta_noindex);
  ExpectLinks(
      page,
      {
          {"/", "The Daily Test", kNav},  // the <a> inside the svg logo is not an HTML link
          {"/world", "World", kNav},
          {"/world/middle-east", "Middle East", kNav},
          {"/world", "World", kNav},
          {"/world/middle-east", "Middle East", kNav},
          {"/authors/sam-smith", "Sam Smith", kOther},
          {"/world/2024/04/18/previous-round-collapses.html", "the collapse of the previous round",
           kOther},
          {"https://wire.test/story/123", "a news agency", kOther},
          {"/img/full/talks.jpg", "Delegates arrive for the talks", kOther},
          {"/world/middle-east", "Middle East coverage",
           kOther},  // "Read more:" in a <p> is no heading
          {"https://social.test/intent?url=https%3A%2F%2Fwww.dailytest.test%2F&text=Ceasefire",
           "Share on Social", kFooter},
          {"/world/2024/04/18/previous-round-collapses.html",
           "Previous round of talks collapses without agreement", kRelated},
          {"/world/2024/04/10/aid-convoys.html", "Aid convoys wait at the border as talks stall",
           kRelated},
          {"/world/2024/05/01/explainer-ceasefire.html",
           "Explainer: what is on the table in Cairo?",
           kRelated},  // "More on this story", heading wrapped in a div
          {"/world/2024/04/29/envoy-profile.html", "Profile: the envoy at the centre of the talks",
           kRelated},
          {"/tech/2024/05/01/chipmaker-earnings.html",
           "Chipmaker’s earnings beat forecasts on AI demand",
           kHeadline},  // after "Elsewhere on The Daily Test"
          {"/terms", "Terms", kFooter},
          {"/privacy", "Privacy", kFooter},
      });
}

TEST(ExtractLinksPageTest, UnusualMarkup) {
  const PageLinks page = ExtractLinks(ReadTestPage("unusual_markup.html"));
  EXPECT_EQ(page.title, "Page Étrange & Co");  // the second <title> is ignored
  EXPECT_EQ(page.base_href, "http://static.lejournal.test/archives/");  // first <base> only
  EXPECT_TRUE(page.meta_nofollow);
  EXPECT_FALSE(page.meta_noindex);
  // Nothing from style, script (even double-escaped), comments, processing
  // instructions, CDATA, bogus end tags, textarea, xmp, iframe or svg; the
  // <noscript> link is read, as a browser without script shows it.
  ExpectLinks(
      page,
      {
          {"/piege-noscript", "Activez JavaScript", kOther},
          {"/apres-commentaire-abrupt", "Après un commentaire abrupt", kOther},
          {"/apres-commentaire-bang", "Après --!>", kOther},
          {"index.html", "Accueil", kNav},  // <TABLE CLASS=menu>, unclosed <TD>
          {"../rubriques/monde.html", "Monde", kNav},
          {"article?id=1&lang=fr", "Premier article avec une esperluette encodée", kHeadline},
          {"article?id=2&copy=3&lang=fr", "Deuxième article : paramètre copy non décodé",
           kHeadline},
          {"article?id=3&été=1&x=A", "Troisième article avec entités numériques", kHeadline},
          {"article?id=4", "Quatrième article aux attributs sans guillemets", kHeadline},
          {"article?id=5", "Cinquième article avec attribut href dupliqué", kHeadline},
          {"article?id=6", "Sixième article jamais fermé", kHeadline},
          {"article?id=7", "Septième article qui ferme le sixième", kHeadline},
          {"note.html", "une note de bas de page", kOther},
          {" /espaces-autour.html ", "un lien avec des espaces", kOther},  // href untrimmed
          {"javascript:void(0)", "Ouvrir la fenêtre de partage maintenant", kHeadline},
          {"/lien-sponsorise", "Un lien sponsorisé avec nofollow", kHeadline, true},
          {"#haut", "Retour en haut de la page", kOther},
          {"/apres-math", "Après une formule", kOther},
          {"/sortie-svg", "Un div fait sortir du contenu SVG", kHeadline},
          {"/liste-non-fermee-1", "Premier élément de liste non fermé", kHeadline},
          {"/liste-non-fermee-2", "Deuxième élément de liste non fermé", kHeadline},
          {"/carte/nord", "Région Nord", kOther},  // <area href>; the one without href is no link
          {"/recherche?q=café&tri=date&page=2&notanentity;", "Recherche «café»", kOther},
          {"/fin-de-document", "Lien jamais fermé en fin de document", kOther},
      });
}

// ---- one rule at a time ----

ExtractedLink OnlyLink(std::string_view html) {
  PageLinks page = ExtractLinks(html);
  EXPECT_EQ(page.links.size(), 1u) << html;
  return page.links.empty() ? ExtractedLink{} : page.links[0];
}

std::vector<std::string> Hrefs(std::string_view html) {
  std::vector<std::string> out;
  for (const ExtractedLink& link : ExtractLinks(html).links) out.push_back(link.href);
  return out;
}

std::vector<std::string> Texts(std::string_view html) {
  std::vector<std::string> out;
  for (const ExtractedLink& link : ExtractLinks(html).links) out.push_back(link.anchor_text);
  return out;
}

using V = std::vector<std::string>;

TEST(ExtractLinksRuleTest, HrefCharRefsDecodedAndNotTrimmed) {
  EXPECT_EQ(OnlyLink("<a href=' /a?b=1&amp;c=&eacute; '>x</a>").href, " /a?b=1&c=é ");
}

TEST(ExtractLinksRuleTest, AnchorWithoutHrefIsNoLink) {
  EXPECT_EQ(Hrefs("<a name=x>a</a><a>b</a>"), V{});
}

TEST(ExtractLinksRuleTest, EmptyHrefIsALink) {
  EXPECT_EQ(Hrefs("<a href>x</a><a href=''>y</a>"), (V{"", ""}));
}

TEST(ExtractLinksRuleTest, AreaHrefIsALink) {
  const ExtractedLink link =
      OnlyLink("<map><area href=/nord alt='Région  Nord'><area alt=x></map>");
  EXPECT_EQ(link.href, "/nord");
  EXPECT_EQ(link.anchor_text, "Région Nord");
}

TEST(ExtractLinksRuleTest, AnchorTextWhitespaceCollapsedAndTrimmed) {
  EXPECT_EQ(OnlyLink("<a href=x>\n  Le   monde\t&nbsp; entier \r\n </a>").anchor_text,
            "Le monde entier");
}

TEST(ExtractLinksRuleTest, AnchorTextIncludesNestedElements) {
  EXPECT_EQ(OnlyLink("<a href=x><span>Le</span> <b>monde <i>entier</i></b></a>").anchor_text,
            "Le monde entier");
}

TEST(ExtractLinksRuleTest, AnchorTextInlineElementsDoNotSplitWords) {
  EXPECT_EQ(OnlyLink("<a href=x>60<sup>e</sup> anniversaire</a>").anchor_text, "60e anniversaire");
}

TEST(ExtractLinksRuleTest, AnchorTextBlocksSeparateWords) {
  EXPECT_EQ(OnlyLink("<a href=x><h3>Titre</h3><p>Résumé</p>fin<br>ligne</a>").anchor_text,
            "Titre Résumé fin ligne");
}

TEST(ExtractLinksRuleTest, AnchorTextFallsBackToImgAlt) {
  EXPECT_EQ(OnlyLink("<a href=x> <img src=a.png alt=' Logo  du site '> </a>").anchor_text,
            "Logo du site");
  EXPECT_EQ(OnlyLink("<a href=x><img alt=Un><img alt=Deux></a>").anchor_text, "Un Deux");
}

TEST(ExtractLinksRuleTest, AnchorTextPreferredOverImgAlt) {
  EXPECT_EQ(OnlyLink("<a href=x><img alt=Photo>Titre</a>").anchor_text, "Titre");
}

TEST(ExtractLinksRuleTest, AnchorTextSkipsScriptAndStyle) {
  EXPECT_EQ(
      OnlyLink("<a href=x>Titre<script>var a = '<b>';</script><style>b{}</style></a>").anchor_text,
      "Titre");
}

TEST(ExtractLinksRuleTest, AnchorTextCappedAt512BytesAtUtf8Boundary) {
  std::string e_acute;
  for (int i = 0; i < 300; ++i) e_acute += "é";
  EXPECT_EQ(OnlyLink("<a href=x>" + e_acute + "</a>").anchor_text.size(), 512u);
  const std::string odd = OnlyLink("<a href=x>a" + e_acute + "</a>").anchor_text;
  EXPECT_EQ(odd.size(), 511u);  // the 512th byte would split an é
  EXPECT_EQ(odd.back(), '\xA9');
}

TEST(ExtractLinksRuleTest, AnchorTextCapDropsTrailingSpace) {
  const std::string text = OnlyLink("<a href=x>" + std::string(511, 'a') + " b</a>").anchor_text;
  EXPECT_EQ(text, std::string(511, 'a'));
}

TEST(ExtractLinksRuleTest, UnclosedAnchorEndsAtNextAnchor) {
  EXPECT_EQ(Texts("<a href=1>un <b>deux<a href=2>trois</a>"), (V{"un deux", "trois"}));
}

TEST(ExtractLinksRuleTest, UnclosedAnchorEndsWithItsBlock) {
  EXPECT_EQ(Texts("<div><a href=1>un</div>deux"), V{"un"});
  EXPECT_EQ(Texts("<ul><li><a href=1>un<li>deux</ul>"), V{"un"});
  EXPECT_EQ(Texts("<p><a href=1>un<div>deux</div>"), V{"un"});  // <div> closes the <p>
}

TEST(ExtractLinksRuleTest, UnclosedAnchorEndsAtEndOfDocument) {
  EXPECT_EQ(Texts("<a href=1>un deux"), V{"un deux"});
}

TEST(ExtractLinksRuleTest, BlockInsideAnchorKeepsIt) {
  EXPECT_EQ(Texts("<a href=1><div>un</div>deux</a>trois"), V{"un deux"});
}

TEST(ExtractLinksRuleTest, NoLinksInRawTextRcdataOrComments) {
  EXPECT_EQ(
      Hrefs(
          "<script><a href=1></script><style><a href=2></style><xmp><a href=3></xmp>"
          "<iframe><a href=4></iframe><noembed><a href=5></noembed><noframes><a href=6></noframes>"
          "<title><a href=8></title><textarea><a href=9></textarea>"
          "<!-- <a href=10> --><a href=ok>ok</a>"),
      V{"ok"});
}

TEST(ExtractLinksRuleTest, NoLinksInSvgOrMath) {
  EXPECT_EQ(Hrefs("<svg><a href=1>x</a></svg><math><a href=2>y</a></math><a href=ok>ok</a>"),
            V{"ok"});
}

TEST(ExtractLinksRuleTest, BaseFirstWithHrefWins) {
  EXPECT_EQ(ExtractLinks("<base target=_blank><base href=/a/><base href=/b/>").base_href, "/a/");
  EXPECT_EQ(ExtractLinks("<p>no base</p>").base_href, "");
}

TEST(ExtractLinksRuleTest, RelNofollowToken) {
  EXPECT_TRUE(OnlyLink("<a href=x rel=nofollow>a</a>").rel_nofollow);
  EXPECT_TRUE(OnlyLink("<a href=x rel=' noopener\tNOFOLLOW '>a</a>").rel_nofollow);
  EXPECT_FALSE(OnlyLink("<a href=x rel='ugc sponsored'>a</a>").rel_nofollow);
  EXPECT_FALSE(OnlyLink("<a href=x rel=nofollowed>a</a>").rel_nofollow);
  EXPECT_FALSE(OnlyLink("<a href=x>a</a>").rel_nofollow);
}

struct MetaCase {
  const char* html;
  bool nofollow;
  bool noindex;
};

TEST(ExtractLinksRuleTest, MetaRobotsDirectives) {
  const MetaCase cases[] = {
      {"<meta name=robots content=nofollow>", true, false},
      {"<meta name=robots content=noindex>", false, true},
      {"<meta name=robots content='noindex, nofollow'>", true, true},
      {"<meta name=ROBOTS content='NONE'>", true, true},
      {"<meta name=newscrawl content=nofollow>", true, false},
      {"<meta name=googlebot content=nofollow>", false, false},
      {"<meta name=robots content='index, follow'>", false, false},
      {"<meta name=robots content=nofollowing>", false, false},
      {"<meta content=nofollow>", false, false},
      {"<!-- <meta name=robots content=nofollow> -->", false, false},
  };
  for (const MetaCase& c : cases) {
    const PageLinks page = ExtractLinks(c.html);
    EXPECT_EQ(page.meta_nofollow, c.nofollow) << c.html;
    EXPECT_EQ(page.meta_noindex, c.noindex) << c.html;
  }
}

TEST(ExtractLinksRuleTest, TitleFirstOnlyDecodedAndCollapsed) {
  EXPECT_EQ(
      ExtractLinks("<title>\n Le  Journal &amp; <b>Co</b> </title><title>Autre</title>").title,
      "Le Journal & <b>Co</b>");
  EXPECT_EQ(ExtractLinks("<svg><title>icône</title></svg>").title, "");
}

TEST(ExtractLinksRuleTest, EmptyAndGarbageInput) {
  EXPECT_TRUE(ExtractLinks("").links.empty());
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 7919) & 0xFF));
  (void)ExtractLinks(garbage);  // must not crash
  EXPECT_EQ(Hrefs("<<<a href=1>>><</a"), V{"1"});
}

TEST(ExtractLinksRuleTest, DeepNestingIsBounded) {
  std::string html;
  for (int i = 0; i < 5000; ++i) html += "<div class=menu>";
  html += "<a href=x>deep</a>";
  for (int i = 0; i < 5000; ++i) html += "</div>";
  html += "<a href=y>after</a>";
  const PageLinks page = ExtractLinks(html);
  ASSERT_EQ(page.links.size(), 2u);
  EXPECT_EQ(page.links[0].role, LinkRole::kNav);
  EXPECT_EQ(page.links[1].role, LinkRole::kOther);
}

}  // namespace
}  // namespace nc
