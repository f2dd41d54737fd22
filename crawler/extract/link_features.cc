#include "crawler/extract/link_features.h"

#include <algorithm>
#include <utility>

#include "common/ascii.h"

#include "crawler/extract/link_href_memo.h"
#include "crawler/extract/url_shape.h"

namespace nc {
namespace {

using namespace link_evidence;  // NOLINT: short flag names

// Title-like links with article-shaped URLs a page needs before a link
// without that shape is judged by it: below this the page says too little.
constexpr size_t kMinArticleEvidence = 3;
// Siblings a list needs to count as a teaser group.
constexpr size_t kMinTeaserGroup = 3;
// Title-like links with a date or id in their URL that show a site dates or
// numbers its stories.
constexpr size_t kMinDatedTitles = 5;

uint32_t ContextEvidence(const LinkObservation& o) {
  const LinkContext& c = o.context;
  uint32_t e = 0;
  if (c.footer) e |= kFooterBlock;
  if (c.nav) e |= kNavBlock;
  if (c.header_nav) e |= kPageHeader;
  if (c.article_aside) e |= kArticleAside;
  if (c.related) e |= kRelatedBlock;
  if (c.commercial) e |= kCommercial;
  if (c.site_list) e |= kSiteList;
  if (c.heading || o.contains_heading) e |= kHeading;
  if (c.paragraph && !c.list_item) e |= kParagraph;
  if (c.list) e |= kList;
  if (c.link_block) e |= kStoryBlock;
  return e;
}

uint32_t ShapeEvidence(uint8_t shape) {
  uint32_t e = 0;
  if (shape & url_shape::kDate) e |= kUrlDate;
  if (shape & url_shape::kNumericId) e |= kUrlNumericId;
  if (shape & url_shape::kLongSlug) e |= kUrlSlug;
  if (shape & url_shape::kArticleExt) e |= kUrlExtension;
  if (shape & url_shape::kShallow) e |= kUrlShallow;
  return e;
}

constexpr uint32_t kPlainArticleUrl = kUrlDate | kUrlNumericId | kUrlSlug | kUrlExtension;
constexpr uint32_t kArticleUrl = kPlainArticleUrl | kUrlLearned;

bool Followed(LinkRole role) { return role == LinkRole::kHeadline || role == LinkRole::kRelated; }

// A promotion the href overrules (a tag or topic page on an article
// template) leaves the structural role: the href has the last word.
LinkRole PromoteUnlessHrefSays(LinkRole promoted, ExtractedLink& link, LinkRole structural) {
  if (MemoRoleForHref(promoted, link.href) != promoted) {
    link.evidence |= kHrefRule;
    return structural;
  }
  link.evidence |= kPromoted;
  return promoted;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool IsPriceOrFixtureText(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return false;
  // A signed percent change after a quote: "... EUR+3,59%", "25.284,26-0,02%".
  if (text.back() == '%') {
    size_t i = text.size() - 1;
    while (i > 0 && (IsDigit(text[i - 1]) || text[i - 1] == ',' || text[i - 1] == '.')) --i;
    if (i == text.size() - 1 || i == 0 || (text[i - 1] != '+' && text[i - 1] != '-')) return false;
    return true;
  }
  // A price: digits, then a currency sign or code at the very end.
  static constexpr std::string_view kCurrencies[] = {"\u20ac", "$",   "\u00a3", "EUR",
                                                     "USD",    "CHF", "GBP"};
  for (std::string_view currency : kCurrencies) {
    // The last byte first: most anchors end in a letter no sign ends with.
    if (text.back() != currency.back() || !text.ends_with(currency)) continue;
    std::string_view before = text.substr(0, text.size() - currency.size());
    while (!before.empty() && (before.back() == ' ' || before.back() == '\xa0')) {
      before.remove_suffix(1);
    }
    if (before.ends_with("\xc2")) before.remove_suffix(1);  // a UTF-8 no-break space's lead byte
    return !before.empty() && IsDigit(before.back());
  }
  // A kick-off time as a word of its own between two names: "Hertha 13:30 Nürnberg".
  for (size_t at = text.find(':'); at != std::string_view::npos; at = text.find(':', at + 1)) {
    if (at < 2 || at + 3 > text.size() || at + 3 == text.size()) continue;
    const bool hours =
        IsDigit(text[at - 1]) &&
        (text[at - 2] == ' ' || (IsDigit(text[at - 2]) && at >= 3 && text[at - 3] == ' '));
    if (hours && IsDigit(text[at + 1]) && IsDigit(text[at + 2]) && text[at + 3] == ' ') {
      return true;
    }
  }
  return false;
}

bool EndsWithBareDate(std::string_view href) {
  std::string_view path = HrefPath(href);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  const size_t slash = path.rfind('/');
  const std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (last.empty() || !std::all_of(last.begin(), last.end(), [](char c) {
        return IsDigit(c) || c == '-' || c == '_';
      })) {
    return false;
  }
  // A date in one segment ("2026-01-05"), or a month, day or issue number
  // ("/2026/10"); a longer number after a date is a post's id
  // ("/2016/05/29/593/").
  return last.find_first_of("-_") != std::string_view::npos || last.size() <= 2;
}

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

// The article page's own section, to tell its section's lists from the
// site's: empty unless `page_url` is an article URL under a section.
struct PageSection {
  std::string_view host;
  std::string_view section;
  std::string_view path;
  bool front_page = false;    // a home or section page: "/", "/sport/"
  bool article_page = false;  // the page's own URL is an article's

  explicit PageSection(std::string_view page_url) {
    if (page_url.empty()) return;
    const HrefFacts facts = AnalyzeHref(page_url);  // once: it scans the whole URL
    front_page = facts.shape & url_shape::kShallow;
    // A front whose URL has an article's shape still names itself
    // ("/politik/startseite/politik/politik-16804552.bild.html",
    // "/sport/home-15479124.html"): its teasers are no related lists.
    if (!front_page && facts.front_page) {
      front_page = true;
      return;
    }
    if (!HasGenericArticleShape(facts.shape) && !(facts.shape & url_shape::kArticleExt)) {
      return;
    }
    article_page = true;
    host = HrefAuthority(page_url);
    path = HrefPath(page_url);
    section = SectionOf(page_url);
  }
  bool Contains(std::string_view href) const {
    if (section.empty()) return false;
    const std::string_view authority = HrefAuthority(href);
    if (!authority.empty() && !EqualsIgnoreCase(authority, host)) return false;
    return EqualsIgnoreCase(SectionOf(href), section);
  }
  // The href names this article page itself (query and fragment aside).
  bool IsPage(std::string_view href) const {
    if (!article_page) return false;
    const std::string_view authority = HrefAuthority(href);
    if (!authority.empty() && !EqualsIgnoreCase(authority, host)) return false;
    return !path.empty() && HrefPath(href) == path;
  }
};

}  // namespace

// A list of whole story titles (not a bar of short topic labels) whose
// targets say article by themselves (a date, an id, a title slug) inside a
// menu container: a collapsed "latest publications" column, a live bar. A
// menu names sections in a word or two; a teaser group of titles is a list
// of stories wherever the markup put it (the caller also asks that most of
// the group's anchors be sentences: kMinTitleListWords). Not under a heading.
constexpr size_t kMinTitleListWords = 6;

// Whether `text` has at least `enough` words: the scan stops there (a
// story title is longer than the question needs).
bool HasWords(std::string_view text, size_t enough) {
  // Words are separated by ' ', '\t', '\n' or '\r': all at most ' ', so a
  // byte inside a word costs one compare.
  constexpr uint64_t kSeparators =
      (uint64_t{1} << ' ') | (uint64_t{1} << '\t') | (uint64_t{1} << '\n') | (uint64_t{1} << '\r');
  auto separator = [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c <= ' ' && ((kSeparators >> c) & 1) != 0;
  };
  size_t words = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    while (p < end && separator(*p)) ++p;
    if (p == end) break;
    if (++words >= enough) return true;
    ++p;
    while (p < end && !separator(*p)) ++p;
  }
  return words >= enough;
}

// "14:44", "9:05", "15h14": a time of day and nothing else.
bool IsClockText(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  if (text.size() < 4 || text.size() > 5) return false;
  const size_t sep = text.size() - 3;
  auto digit = [&](size_t k) { return text[k] >= '0' && text[k] <= '9'; };
  for (size_t k = 0; k < text.size(); ++k) {
    if (k == sep ? !(text[k] == ':' || text[k] == 'h' || text[k] == 'H') : !digit(k)) return false;
  }
  return text[sep + 1] <= '5';
}

// A ticker entry's time link: its text is a time of day ("14:44"), or it
// has no text and its tag says it stands for the entry's time (franceinfo's
// live cards: an empty <a class=datetime data-created-at=...> after the
// entry's text, no title of its own).
bool IsTickerTime(const ExtractedLink& link, const LinkObservation& o) {
  return IsClockText(link.anchor_text) || (o.time_marked && link.anchor_text.empty());
}

// The last path segment holds a number: an item's own address
// ("/direct/element/6196/"), not a listing.
bool LastSegmentHasNumber(std::string_view href) {
  const size_t query = href.find_first_of("?#");
  if (query != std::string_view::npos) href = href.substr(0, query);
  while (href.ends_with('/')) href.remove_suffix(1);
  const size_t slash = href.rfind('/');
  const std::string_view last = slash == std::string_view::npos ? href : href.substr(slash + 1);
  return std::any_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool TimeMarkedAnchor(const HtmlToken& anchor) {
  // Asked of every <a>: one pass over its attributes (the tokenizer keeps
  // the first of duplicate names, so the first class is the class).
  std::string_view cls;
  bool has_class = false;
  for (const HtmlAttribute& a : anchor.attributes) {
    const std::string_view name = a.name;
    if (name == "datetime" || name == "data-created-at" || name == "data-date" ||
        name == "data-time" || name == "data-timestamp") {
      return true;
    }
    if (!has_class && name == "class") {
      cls = a.value;
      has_class = true;
    }
  }
  // Class words: split on HTML whitespace, as the class attribute is.
  for (size_t i = 0; i < cls.size();) {
    size_t end = i;
    while (end < cls.size() && !ascii::IsHtmlSpace(cls[end])) ++end;
    const std::string_view word = cls.substr(i, end - i);
    if (word.size() >= 4 && word.size() <= 9) {
      for (std::string_view marker : {"datetime", "timestamp", "time", "date"}) {
        if (EqualsIgnoreCase(word, marker)) return true;
      }
    }
    i = end + 1;
  }
  return false;
}

bool IsStoryListInMenu(uint32_t e) {
  return (e & kNavBlock) && (e & kTeaserGroup) && !(e & (kTopicBar | kHeading | kFooterBlock)) &&
         (e & kHeadlineText) && (e & (kUrlDate | kUrlNumericId | kUrlSlug));
}

void ResolveLinkRoles(std::vector<ExtractedLink>& links,
                      const std::vector<LinkObservation>& observations, std::string_view page_url) {
  const size_t n = std::min(links.size(), observations.size());
  const PageSection page_section(page_url);
  ArticleShapeLearner learner;
  size_t dated_titles = 0;  // title-like links whose URL has a date or an id
  std::vector<HrefFacts> href_facts(n);  // one pass over each href serves every rule
  for (size_t i = 0; i < n; ++i) {
    ExtractedLink& link = links[i];
    const LinkObservation& o = observations[i];
    link.structural_role = o.structural_role;
    href_facts[i] = MemoAnalyzeHref(link.href);
    const uint8_t shape = href_facts[i].shape;
    link.evidence = ContextEvidence(o) | ShapeEvidence(shape);
    if (shape & url_shape::kTopicLike) link.evidence |= kUrlTopicLike;
    if (IsHeadlineText(link.anchor_text)) link.evidence |= kHeadlineText;
    if (link.anchor_text.empty()) link.evidence |= kNoText;
    if (o.href_decided) link.evidence |= kHrefRule;
    // Explain why the href overruled the structure (RoleForHref), cheaply:
    // only links it changed are looked at again.
    if (o.href_decided && href_facts[i].service) link.evidence |= kServiceUrl;
    if (!o.context.footer) {
      learner.ObserveTemplate(href_facts[i].path_template, link.evidence & kHeadlineText);
    }
    if (!o.context.footer && (link.evidence & kHeadlineText) &&
        (link.evidence & (kUrlDate | kUrlNumericId))) {
      ++dated_titles;
    }
  }
  // A site whose stories carry dates or ids shows it on its own pages; there
  // a one-segment slug path is a topic or dossier front ("/les-taxis-contre-
  // uber/"), whatever its length or how often it recurs.
  const bool dated_site = dated_titles >= kMinDatedTitles;
  size_t article_evidence = 0;
  for (size_t i = 0; i < n; ++i) {
    ExtractedLink& link = links[i];
    if (dated_site && (link.evidence & kUrlTopicLike) &&
        !(link.evidence & (kUrlDate | kUrlNumericId | kUrlExtension))) {
      link.evidence &= ~kUrlSlug;
    } else {
      link.evidence &= ~kUrlTopicLike;
      // A short title slug ("/antifa-im-lehrerzimmer/") is a story where
      // the site's longer titles sit at one-segment slugs too, unless its
      // stories carry dates or ids ("/actualite-en-continu" at Le Monde).
      if (!(link.evidence & kArticleUrl) &&
          (learner.IsArticleTemplate(href_facts[i].path_template) ||
           (!dated_site && href_facts[i].lone_title_segment &&
            learner.IsArticleTemplate(kLoneSlugTemplate)))) {
        link.evidence |= kUrlLearned;
      }
    }
    if ((link.evidence & kArticleUrl) && (link.evidence & kHeadlineText)) ++article_evidence;
  }
  // Teaser groups: links with identical ancestor chains, most of them to
  // article-shaped URLs. Sorting (group, index) pairs keeps this
  // allocation-light and O(n log n).
  std::vector<std::pair<uint64_t, uint32_t>> by_group;
  by_group.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    by_group.emplace_back(observations[i].context.group, static_cast<uint32_t>(i));
  }
  std::sort(by_group.begin(), by_group.end());
  // Teaser groups not yet known to list the page: (first link, group range).
  std::vector<std::pair<uint32_t, std::pair<size_t, size_t>>> other_teaser_groups;
  // Teaser groups most of whose anchors are sentences (kMinTitleListWords):
  // lists of story titles, which menus never are.
  std::vector<uint8_t> title_list(n, 0);
  // Teaser groups of item permalinks labelled by their time ("14:44", or an
  // empty time-stamp link): a live ticker (a sidebar's "Direct", a "fil
  // info"), each entry a story.
  // At least half the group: an entry often has a title link beside its time.
  std::vector<uint8_t> ticker(n, 0);
  for (size_t start = 0; start < by_group.size();) {
    size_t end = start;
    size_t sentences = 0;
    size_t clocks = 0;
    size_t articles = 0;
    size_t titles = 0;
    size_t same_section = 0;
    size_t priced = 0;
    bool lists_page = false;
    while (end < by_group.size() && by_group[end].first == by_group[start].first) {
      const ExtractedLink& link = links[by_group[end].second];
      if (IsPriceOrFixtureText(link.anchor_text)) ++priced;
      if (HasWords(link.anchor_text, kMinTitleListWords)) ++sentences;
      if (IsTickerTime(link, observations[by_group[end].second]) &&
          LastSegmentHasNumber(link.href)) {
        ++clocks;
      }
      if (link.evidence & kArticleUrl) ++articles;
      if (link.evidence & kHeadlineText) ++titles;
      if (page_section.Contains(link.href)) ++same_section;
      if (page_section.IsPage(link.href)) lists_page = true;
      ++end;
    }
    if (articles >= kMinTeaserGroup && 2 * articles >= end - start) {
      // Short labels over article targets: a trending bar ("Coronel Aldama",
      // "Euribor hoy"), which menus and navigation bars are not.
      uint32_t bits = 2 * titles < end - start ? kTeaserGroup | kTopicBar : kTeaserGroup;
      if (2 * same_section > end - start) bits |= kSameSection;
      if (lists_page) {
        bits |= kSameSection | kOwnList;
      } else if (page_section.article_page) {
        other_teaser_groups.push_back({by_group[start].second, {start, end}});
      }
      for (size_t k = start; k < end; ++k) links[by_group[k].second].evidence |= bits;
      if (3 * sentences >= 2 * (end - start)) {
        for (size_t k = start; k < end; ++k) title_list[by_group[k].second] = 1;
      }
    }
    if (clocks >= kMinTeaserGroup && 2 * clocks >= end - start) {
      for (size_t k = start; k < end; ++k) ticker[by_group[k].second] = 1;
    }
    if (priced >= kMinTeaserGroup && 2 * priced > end - start) {
      for (size_t k = start; k < end; ++k) links[by_group[k].second].evidence |= kPriceList;
    }
    start = end;
  }
  // The next pages of a paginated feed that lists the page (actu.fr's tabs
  // "1 2 3", each a block of its own class) follow its last link directly:
  // they are the same feed. In document order, so a chain of pages carries.
  std::sort(other_teaser_groups.begin(), other_teaser_groups.end());
  for (const auto& [first, range] : other_teaser_groups) {
    if (first == 0 || !(links[first - 1].evidence & kOwnList)) continue;
    for (size_t k = range.first; k < range.second; ++k) {
      links[by_group[k].second].evidence |= kSameSection | kOwnList;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    ExtractedLink& link = links[i];
    const uint32_t e = link.evidence;
    LinkRole role = observations[i].structural_role;
    if (e & kHrefRule) {
      // fragment, tag or topic page: the href decided
    } else if (ticker[i] && IsTickerTime(link, observations[i]) && !(e & kFooterBlock) &&
               (role == LinkRole::kNav || role == LinkRole::kOther ||
                role == LinkRole::kHeadline)) {
      // A live ticker's entry: its URL need not look like an article's
      // (Libération's "/direct/element/6196/"); the list says story.
      role = PromoteUnlessHrefSays(LinkRole::kHeadline, link, observations[i].structural_role);
    } else if (Followed(role)) {
      if (!(e & kArticleUrl) && article_evidence >= kMinArticleEvidence) {
        role = (e & kUrlShallow) ? LinkRole::kNav : LinkRole::kOther;
        link.evidence |= kDemoted;
      } else if (role == LinkRole::kHeadline && (e & kArticleUrl) && !(e & kSiteList) &&
                 ((e & kSameSection) ||
                  (page_section.article_page && observations[i].context.in_body &&
                   (e & kTeaserGroup)) ||
                  (!(e & kTeaserGroup) && observations[i].context.in_article &&
                   page_section.Contains(link.href)))) {
        role = LinkRole::kRelated;
      } else if (role == LinkRole::kRelated && page_section.front_page) {
        // Related blocks belong to articles; on a home or section page a
        // story's "related" links are more teasers of the page's lists.
        role = LinkRole::kHeadline;
        link.evidence |= kFrontPage;
      }
    } else if (role == LinkRole::kNav && (e & kHeading) && (e & kArticleUrl) &&
               !(e & (kNavBlock | kFooterBlock)) &&
               (!(e & kTopicBar) || (e & (kUrlDate | kUrlSlug)))) {
      // A short heading link ("E vabbé") is taken for a section name; an
      // article URL says it is a story's title. In a row of such short
      // headings the URL must say so plainly (a date, a title slug): section
      // fronts carry ids too ("/news/startseite/news-16804530.bild.html").
      role = MemoRoleForHref((e & kRelatedBlock) ? LinkRole::kRelated : LinkRole::kHeadline,
                             link.href);
      link.evidence |= kPromoted;
    } else if (role == LinkRole::kOther && (e & kNoText) && !page_section.article_page &&
               (e & (kUrlDate | kUrlNumericId | kUrlSlug)) && (e & (kStoryBlock | kList)) &&
               !(e & (kParagraph | kNavBlock | kFooterBlock | kTopicBar))) {
      // An image or overlay link of a teaser: the picture of a story whose
      // title is beside it, often as plain text. Its URL must say article
      // by itself (date, id, slug), not by the page's template or an
      // extension; a group of such links (logos, games, score tables) is not
      // a teaser list. On an article page such pictures are promotions
      // (subscriptions, forums, other products) more often than stories.
      role = (e & kRelatedBlock) && !page_section.front_page ? LinkRole::kRelated
                                                             : LinkRole::kHeadline;
      role = PromoteUnlessHrefSays(role, link, observations[i].structural_role);
    } else if ((e & kArticleUrl) && (e & kTeaserGroup) &&
               (!(e & kParagraph) || (page_section.front_page && (e & kHeadlineText))) &&
               (!(e & kTopicBar) || (e & (kUrlDate | kUrlSlug)) ||
                ((e & kNoText) && (e & kUrlNumericId))) &&
               (role == LinkRole::kOther ||
                (role == LinkRole::kNav && (e & kTopicBar) && !(e & kHeading)) ||
                (role == LinkRole::kNav && (e & kPageHeader) && (e & kHeadlineText)) ||
                (role == LinkRole::kNav && title_list[i] && IsStoryListInMenu(e)) ||
                (role == LinkRole::kNav && page_section.article_page && (e & kTopicBar) &&
                 (e & kHeading) && (e & (kUrlDate | kUrlSlug)) && !(e & kFooterBlock)))) {
      // Footers and menus list articles too (most read, guides, a menu's
      // featured stories): readers call those footer and nav; only a bar of
      // topic labels over article targets is a headline ticker. Short labels
      // need targets that say article plainly (a date or a title slug):
      // topic and place pages carry ids too ("/luoghi/canada-144039.html").
      // A row of picture links without text is no bar of labels: there an
      // id is enough (SZ's image teasers "/wirtschaft/warnstreik-li.3395900").
      // A carousel of titles in the page header (no <nav>, no menu class)
      // is a headline ticker as well. On an article page, a bar of short
      // labels in headings whose targets carry a title slug or a date is a
      // trending bar ("Noticias de hoy": topic-labelled stories); a menu of
      // section headings ("News", "Sport") has no title slugs, and the
      // topic-page menus of home pages stay nav. A menu whose entries are headings
      // names sections, even when their URLs carry ids ("News", "Sport").
      // In running text (<p>) a group of article links is in-body links,
      // except on a home or section page, which has no running text: there a
      // <p> holding a story title is a teaser.
      // A same-section list is related only in the content: a carousel in
      // the page header or a menu lists the site's latest stories, whatever
      // their section (Le Devoir, Euronews, Il Giornale).
      const bool related_list =
          (e & kRelatedBlock) || ((e & kSameSection) && !(e & (kPageHeader | kNavBlock)));
      role = related_list && !(e & kSiteList) && !page_section.front_page ? LinkRole::kRelated
                                                                          : LinkRole::kHeadline;
      // Tag and topic pages share article templates ("/news/topics/c0y3x..."):
      // the href still has the last word.
      role = PromoteUnlessHrefSays(role, link, observations[i].structural_role);
    }
    if (Followed(role) && href_facts[i].front_page) {
      // Section fronts share the article template on some sites (an id, an
      // extension); their path still says what they are.
      role = LinkRole::kNav;
      link.evidence |= kUrlFrontPage | kDemoted;
    }
    if (Followed(role) && (e & kUrlDate) &&
        !(e & (kUrlNumericId | kUrlSlug | kUrlExtension)) && EndsWithBareDate(link.href)) {
      role = LinkRole::kNav;
      link.evidence |= kUrlDateIndex | kDemoted;
    }
    if (Followed(role) && link.href.find('?') != std::string::npos &&
        page_section.IsPage(link.href)) {
      // The article itself under a query ("?action=change-size-modal", a
      // font-size or theme switch): never another story, and a new URL to
      // fetch. (Without a query it is the page, which is never refetched.)
      role = LinkRole::kOther;
      link.evidence |= kHrefRule | kDemoted;
    }
    if (Followed(role) && (link.evidence & kPriceList)) {
      role = LinkRole::kOther;
      link.evidence |= kDemoted;
    }
    if (Followed(role) && ((e & kCommercial) || HasSponsorMarker(link.anchor_text))) {
      // Sponsored and partner teasers use the site's article templates.
      role = LinkRole::kOther;
      link.evidence |= kCommercial | kDemoted;
    }
    link.role = role;
  }
}

std::string DescribeLinkEvidence(uint32_t evidence) {
  static constexpr std::pair<uint32_t, const char*> kNames[] = {{kFooterBlock, "footer-block"},
                                                                {kNavBlock, "nav-block"},
                                                                {kRelatedBlock, "related-block"},
                                                                {kHeading, "heading"},
                                                                {kParagraph, "paragraph"},
                                                                {kList, "list"},
                                                                {kStoryBlock, "story-block"},
                                                                {kHeadlineText, "headline-text"},
                                                                {kUrlDate, "url-date"},
                                                                {kUrlNumericId, "url-id"},
                                                                {kUrlSlug, "url-slug"},
                                                                {kUrlExtension, "url-ext"},
                                                                {kUrlLearned, "url-learned"},
                                                                {kUrlShallow, "url-shallow"},
                                                                {kTeaserGroup, "teaser-group"},
                                                                {kTopicBar, "topic-bar"},
                                                                {kSameSection, "same-section"},
                                                                {kFrontPage, "front-page"},
                                                                {kPageHeader, "page-header"},
                                                                {kArticleAside, "article-aside"},
                                                                {kNoText, "no-text"},
                                                                {kHrefRule, "href-rule"},
                                                                {kServiceUrl, "service-url"},
                                                                {kUrlTopicLike, "url-topic-like"},
                                                                {kCommercial, "commercial"},
                                                                {kSiteList, "site-list"},
                                                                {kOwnList, "own-list"},
                                                                {kPriceList, "price-list"},
                                                                {kUrlFrontPage, "url-front-page"},
                                                                {kUrlDateIndex, "url-date-index"},
                                                                {kDemoted, "demoted"},
                                                                {kPromoted, "promoted"}};
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if (!(evidence & bit)) continue;
    if (!out.empty()) out += ',';
    out += name;
  }
  return out.empty() ? "-" : out;
}

}  // namespace nc
