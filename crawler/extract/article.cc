#include "crawler/extract/article.h"

#include <algorithm>
#include <boost/json.hpp>

#include "common/ascii.h"
#include "crawler/extract/article_body.h"
#include "crawler/extract/article_dom.h"
#include "crawler/extract/article_names.h"
#include "crawler/extract/html_links.h"
#include "crawler/extract/json_ld.h"
#include "crawler/extract/link_features.h"
#include "crawler/extract/url_shape.h"
#include "frontier/url.h"

namespace nc {
namespace {

constexpr size_t kMaxDateLineChars = 200;
// ... and a line that does not say "published"/"updated" at most this long.
constexpr size_t kMaxPlainDateLineChars = 80;
// A page that only its URL shape calls an article needs this much body.
constexpr size_t kMinShapedArticleParagraphs = 3;
constexpr size_t kMinShapedArticleBodyBytes = 500;
// The date line is looked for among this many blocks after the title.
constexpr size_t kDateLineWindow = 25;
// ... and from this many blocks before it (a date line above the headline).
constexpr size_t kDateLineLead = 3;
// Bylines are short.
constexpr size_t kMaxBylineChars = 150;
constexpr size_t kNoBlock = static_cast<size_t>(-1);

std::string_view Trimmed(std::string_view s) {
  while (!s.empty() && ascii::IsHtmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && ascii::IsHtmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string Quoted(std::string_view s) {
  std::string q = "'";
  q.append(s.substr(0, 64));
  if (s.size() > 64) q += "...";
  return q + "'";
}

std::string_view MetaValue(const PageScan& page, std::string_view key) {
  for (const MetaTag& m : page.metas) {
    if (m.key == key && !Trimmed(m.content).empty()) return Trimmed(m.content);
  }
  return {};
}

// Collapses whitespace runs in a metadata string (titles from <meta>).
std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : Trimmed(s)) {
    if (ascii::IsHtmlSpace(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// `url` up to its fragment ("#comments").
std::string_view WithoutFragment(std::string_view url) {
  return url.substr(0, std::min(url.size(), url.find('#')));
}

class Assembler {
 public:
  Assembler(std::string_view html, const ArticleOptions& options)
      : html_(html), options_(options) {}

  // Standalone: the page is scanned here (the DOM scan and the link pass).
  // The link pass gets the page's URL as in the crawl (page_processor.cc),
  // so `newscrawl extract --base` and the evaluation see the related
  // headlines the crawl stores.
  Article Run() {
    if (!Begin()) return std::move(article_);
    page_ = ScanPage(html_);
    const PageLinks links = ExtractLinks(html_, options_.base_url);
    ReadScan();
    Assemble(links);
    return std::move(article_);
  }

  // From the crawl's one tokenizer pass; nullopt when `only_articles` and
  // the page does not look like an article (ArticleSignals).
  std::optional<Article> RunScanned(PageScan scan, const PageLinks& links, bool only_articles) {
    if (!Begin()) {
      if (only_articles) return std::nullopt;
      return std::move(article_);
    }
    page_ = std::move(scan);
    ReadScan();
    if (only_articles && !LooksLikeArticle()) return std::nullopt;
    Assemble(links);
    return std::move(article_);
  }

 private:
  // False for an empty page (recorded).
  bool Begin() {
    article_.url = options_.base_url;
    if (options_.base_url.size() > 0) {
      if (auto base = ParseUrl(options_.base_url)) base_ = *base;
    }
    if (html_.size() > kMaxArticlePageBytes) {
      article_.problems.push_back("page of " + std::to_string(html_.size()) + " bytes cut to " +
                                  std::to_string(kMaxArticlePageBytes));
      html_ = html_.substr(0, kMaxArticlePageBytes);
    }
    if (Trimmed(html_).empty()) {
      article_.problems.emplace_back("empty page");
      return false;
    }
    return true;
  }

  void ReadScan() {
    if (page_.truncated) article_.problems.emplace_back("page text cut at the text cap");
    if (page_.skipped_nodes > 0) {
      article_.problems.push_back(std::to_string(page_.skipped_nodes) +
                                  " elements beyond the nesting cap ignored");
    }
    for (const std::string& script : page_.json_ld) {
      ReadJsonLd(script, json_ld_, article_.problems);
    }
  }

  // The rule of article.h, ExtractCrawledArticle.
  bool LooksLikeArticle() {
    if (ascii::EqualsIgnoreCase(MetaValue(page_, "og:type"), "article")) return true;
    if (json_ld_.found) return true;
    const uint8_t shape = UrlShapeOf(options_.base_url);
    if (!HasGenericArticleShape(shape) && !(shape & url_shape::kArticleExt)) return false;
    body_ = SelectArticleBody(page_);
    body_selected_ = true;
    return body_.block_indices.size() >= kMinShapedArticleParagraphs &&
           body_.text_bytes >= kMinShapedArticleBodyBytes;
  }

  void Assemble(const PageLinks& links) {
    if (!body_selected_) body_ = SelectArticleBody(page_);
    article_.paragraph_offsets.reserve(body_.block_indices.size());
    for (size_t block : body_.block_indices) {
      const char* source = page_.blocks[block].source;
      const uintptr_t at =
          reinterpret_cast<uintptr_t>(source) - reinterpret_cast<uintptr_t>(html_.data());
      const uint32_t verbatim = page_.blocks[block].verbatim ? kVerbatimParagraph : 0;
      const bool known = source && at < html_.size();
      article_.paragraph_offsets.push_back(known ? static_cast<uint32_t>(at) | verbatim
                                                 : kNoParagraphOffset);
    }
    Title();
    Canonical();
    Authors();
    LanguageAndSection();
    Dates();
    Related(links);
    // The steps above read the blocks; the body's texts are copied out of
    // the scan's store (the other blocks' texts were never allocated apart).
    article_.paragraphs.reserve(body_.block_indices.size());
    for (size_t block : body_.block_indices) {
      article_.paragraphs.emplace_back(page_.blocks[block].text);
    }
    if (article_.title.empty()) article_.problems.emplace_back("no title");
    if (article_.paragraphs.empty()) article_.problems.emplace_back("no body text found");
  }

  // The headline: an <h1> that another source confirms (og:title, the
  // JSON-LD headline, or the start of <title> / og:title before a site
  // suffix), compared loosely (article_names.h), else og:title, the JSON-LD
  // headline, the first <h1>, <title> (og:title and <title> without a site
  // name after a separator, TitleWithoutSiteSuffix). An <h1> holding only the site name
  // ("regards.fr", confirmed by nothing) loses to og:title.
  void Title() {
    const std::string og = Collapse(MetaValue(page_, "og:title"));
    const std::string headline = Collapse(json_ld_.headline);
    const std::string folded_og = FoldForCompare(og);
    const std::string folded_headline = FoldForCompare(headline);
    const std::string folded_title = FoldForCompare(page_.title);
    std::string folded_confirmed;  // the confirmed <h1> folded: the title's fold below
    auto confirmed = [&](std::string_view h1) {
      std::string f = FoldForCompare(h1);
      if (f.empty()) return false;
      const bool yes = f == folded_og || f == folded_headline || folded_title.starts_with(f) ||
                       (!folded_og.empty() && folded_og.starts_with(f));
      if (yes) folded_confirmed = std::move(f);
      return yes;
    };
    std::string first_h1;
    size_t first_h1_block = kNoBlock;
    size_t confirmed_block = kNoBlock;
    size_t h1_seen = 0;
    for (size_t i = 0; i < page_.blocks.size() && h1_seen < 8; ++i) {
      const TextBlock& b = page_.blocks[i];
      if (b.heading_rank != 1) continue;
      ++h1_seen;
      if (first_h1_block == kNoBlock && !(b.flags & dom_flag::kPageHeader)) {
        first_h1 = b.text;
        first_h1_block = i;
      }
      if (confirmed_block == kNoBlock && confirmed(b.text)) confirmed_block = i;
    }
    // The title's fold is one of those already made (but the first <h1>'s).
    std::string folded;
    if (confirmed_block != kNoBlock) {
      article_.title = page_.blocks[confirmed_block].text;
      folded = std::move(folded_confirmed);
    } else if (!og.empty()) {
      article_.title = WithoutSiteSuffix(og);
      folded = FoldForCompare(article_.title);
    } else if (!headline.empty()) {
      article_.title = headline;
      folded = folded_headline;
    } else if (!first_h1.empty()) {
      article_.title = first_h1;
      folded = FoldForCompare(first_h1);
    } else {
      article_.title = WithoutSiteSuffix(Collapse(page_.title));
      folded = FoldForCompare(article_.title);
    }
    // Where the headline sits: date lines and bylines are looked for near it.
    title_block_ = confirmed_block != kNoBlock ? confirmed_block : first_h1_block;
    for (size_t i = 0; i < page_.blocks.size() && !folded.empty(); ++i) {
      const TextBlock& b = page_.blocks[i];
      if ((b.heading_rank != 0 || (b.flags & dom_flag::kInHeading)) &&
          FoldForCompare(b.text) == folded) {
        title_block_ = i;
        break;
      }
    }
  }

  // og:title and <title> often end with the site's name ("... | MDR.DE").
  std::string WithoutSiteSuffix(const std::string& title) const {
    const std::string_view host = base_ ? std::string_view(base_->host) : std::string_view();
    return std::string(TitleWithoutSiteSuffix(title, MetaValue(page_, "og:site_name"), host));
  }

  std::string Resolve(std::string_view href) const {
    href = Trimmed(href);
    if (!base_) return std::string(href);
    // Stored with the article: never with credentials a page wrote in.
    if (auto r = ResolveUrl(*base_, href)) return SpecWithoutUserinfo(*r);
    return std::string(href);
  }

  void Canonical() {
    std::string_view href = page_.canonical_href;
    if (Trimmed(href).empty()) href = MetaValue(page_, "og:url");
    if (Trimmed(href).empty()) href = json_ld_.url;
    if (!Trimmed(href).empty()) article_.canonical_url = Resolve(href);
  }

  static void AddName(std::vector<std::string>& names, std::string_view name) {
    const std::string author = Collapse(name);
    if (author.empty() || author.starts_with("http://") || author.starts_with("https://")) return;
    for (const std::string& known : names) {
      if (FoldForCompare(known) == FoldForCompare(author)) return;
    }
    names.push_back(author);
  }

  // The names of a visible byline near the headline: a short block that
  // starts with "Par"/"By"/"Auteur"... (or has such a "|" part), a block
  // whose class says byline/author holding just a name, a name after a
  // block that only says "Auteur", or a list of names that includes every
  // name of the page's markup (`known`).
  std::vector<std::string> VisibleByline(const std::vector<std::string>& known) const {
    if (title_block_ == kNoBlock) return {};
    auto all_names = [](const std::vector<std::string>& names) {
      bool all = !names.empty();
      for (const std::string& n : names) all = all && LooksLikeName(n);
      return all;
    };
    const size_t start = title_block_ > kDateLineLead ? title_block_ - kDateLineLead : 0;
    for (size_t i = start; i < page_.blocks.size() && i < title_block_ + kDateLineWindow; ++i) {
      const TextBlock& b = page_.blocks[i];
      if (i == title_block_ || b.heading_rank != 0 || b.text.size() > kMaxBylineChars) continue;
      const std::string folded = FoldForCompare(b.text);
      const bool prefixed = folded.starts_with("par ") || folded.starts_with("by ") ||
                            folded.starts_with("von ") || folded.starts_with("por ") ||
                            folded.starts_with("auteur") || folded.starts_with("recueilli") ||
                            folded.starts_with("propos recueillis") ||
                            folded.find("| par ") != std::string::npos;
      if (folded == "auteur" || folded == "auteurs" || folded == "author" || folded == "par") {
        if (i + 1 < page_.blocks.size() && LooksLikeName(page_.blocks[i + 1].text)) {
          return {std::string(page_.blocks[i + 1].text)};
        }
        continue;
      }
      if (prefixed) {
        std::vector<std::string> names = AuthorNames(b.text);
        if (all_names(names)) return names;
      } else if ((b.flags & dom_flag::kByline) && LooksLikeName(b.text)) {
        return {std::string(b.text)};
      } else if (!known.empty()) {
        std::vector<std::string> names = AuthorNames(b.text);
        if (names.size() <= known.size() || !all_names(names)) continue;
        bool covers = true;
        for (const std::string& k : known) {
          bool found = false;
          for (const std::string& n : names)
            found = found || FoldForCompare(n) == FoldForCompare(k);
          covers = covers && found;
        }
        if (covers) return names;
      }
    }
    return {};
  }

  // JSON-LD authors, else <meta name=author> / article:author, each value
  // cleaned and split (AuthorNames). The visible byline is used instead when
  // those only name the publisher ("L'Opinion" on lopinion.fr) or when it
  // names the same people and more (JSON-LD with one of two authors).
  void Authors() {
    const std::string_view site_name = MetaValue(page_, "og:site_name");
    const std::string_view host = base_ ? std::string_view(base_->host) : std::string_view();
    std::vector<std::string> structured;
    bool only_publisher = true;
    auto read = [&](std::string_view value) {
      if (value.starts_with("http://") || value.starts_with("https://")) return;
      const bool publisher = LooksLikePublisher(value, site_name, host);
      for (const std::string& n : AuthorNames(value)) {
        AddName(structured, n);
        only_publisher = only_publisher && (publisher || LooksLikePublisher(n, site_name, host));
      }
    };
    for (const std::string& a : json_ld_.authors) read(a);
    if (structured.empty()) {
      for (std::string_view key : {"author", "article:author"}) read(MetaValue(page_, key));
    }
    only_publisher = only_publisher && !structured.empty();
    const std::vector<std::string> visible =
        VisibleByline(only_publisher ? std::vector<std::string>() : structured);
    bool visible_covers = visible.size() > structured.size();
    for (const std::string& n : structured) {
      bool found = false;
      for (const std::string& v : visible) found = found || FoldForCompare(v) == FoldForCompare(n);
      visible_covers = visible_covers && found;
    }
    const std::vector<std::string>& chosen =
        (structured.empty() || only_publisher || visible_covers) ? visible : structured;
    for (const std::string& n : chosen) AddName(article_.authors, n);
  }

  void LanguageAndSection() {
    article_.language = std::string(Trimmed(page_.html_lang));
    if (article_.language.empty()) article_.language = json_ld_.in_language;
    if (article_.language.empty()) {
      article_.language = std::string(MetaValue(page_, "content-language"));
    }
    if (article_.language.empty()) article_.language = std::string(MetaValue(page_, "og:locale"));
    article_.section = std::string(MetaValue(page_, "article:section"));
    if (article_.section.empty()) article_.section = Collapse(json_ld_.section);
  }

  // The first readable value among `sources` (meta keys; "json-ld" and
  // "itemprop" are special).
  std::optional<ArticleDate> MachineDate(std::string_view field, std::string_view json_ld_value,
                                         std::initializer_list<std::string_view> meta_keys,
                                         std::string_view itemprop) {
    auto read = [&](std::string_view value, std::string source) -> std::optional<ArticleDate> {
      if (Trimmed(value).empty()) return std::nullopt;
      if (auto t = ParseMachineDate(value, options_.fetched_at)) {
        return ArticleDate{*t, std::move(source)};
      }
      article_.problems.push_back(std::string(field) + ": unreadable or absurd date " +
                                  Quoted(value) + " in " + source);
      return std::nullopt;
    };
    if (auto d = read(json_ld_value, "json-ld")) return d;
    for (std::string_view key : meta_keys) {
      if (auto d = read(MetaValue(page_, key), "meta:" + std::string(key))) return d;
    }
    for (const TimeElement& t : page_.times) {
      if (ascii::EqualsIgnoreCase(t.itemprop, itemprop)) {
        if (auto d = read(t.datetime, "itemprop")) return d;
      }
    }
    return std::nullopt;
  }

  struct VisibleDates {
    std::optional<DateLine> published;  // a "published" line, or one that does not say
    std::optional<DateLine> modified;   // an "updated" line
  };

  // The visible date lines: short blocks that read as dates, near the
  // headline (a few blocks before it, kDateLineWindow after), preferring
  // those in an element named for dates or saying "published"/"updated".
  // The first such line is the article's date_line.
  VisibleDates VisibleDate() {
    size_t start = 0;
    if (title_block_ != kNoBlock) {
      start = title_block_ > kDateLineLead ? title_block_ - kDateLineLead : 0;
    }
    VisibleDates found;
    std::optional<DateLine> fallback;
    size_t fallback_index = 0;
    for (size_t i = start; i < page_.blocks.size() && i < start + kDateLineLead + kDateLineWindow;
         ++i) {
      const TextBlock& b = page_.blocks[i];
      if (b.text.size() > kMaxDateLineChars || b.heading_rank != 0) continue;
      auto line = ParseDateLine(b.text, options_.fetched_at);
      if (!line) continue;
      // A sentence of the body that mentions a date ("Le 11 octobre,
      // Thierry Solère est mis en examen...") is no date line, even in an
      // element named for dates: without "published"/"updated" words a
      // date line is short.
      const bool short_line = b.text.size() <= kMaxPlainDateLineChars;
      if (line->kind != DateLineKind::kUnknown || ((b.flags & dom_flag::kDateHint) && short_line)) {
        if (article_.date_line.empty()) article_.date_line = b.text;
        if (line->kind == DateLineKind::kModified) {
          if (!found.modified) found.modified = line;
        } else if (!found.published) {
          found.published = line;
        }
        if (found.published && found.modified) break;
        continue;
      }
      if (!fallback && b.text.size() < 60) {
        fallback = line;
        fallback_index = i;
      }
    }
    if (!found.published && fallback) {
      if (!found.modified) article_.date_line = page_.blocks[fallback_index].text;
      found.published = fallback;
    }
    return found;
  }

  void Dates() {
    article_.published =
        MachineDate("published", json_ld_.date_published,
                    {"article:published_time", "og:published_time", "og:article:published_time",
                     "datepublished", "date", "pubdate", "publishdate", "publish-date", "dc.date",
                     "dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date",
                     "parsely-pub-date", "citation_publication_date", "article.published"},
                    "datePublished");
    article_.modified =
        MachineDate("modified", json_ld_.date_modified,
                    {"article:modified_time", "og:updated_time", "og:article:modified_time",
                     "datemodified", "dcterms.modified", "last-modified", "article.updated"},
                    "dateModified");
    if (!article_.published) {
      for (const TimeElement& t : page_.times) {
        if (!t.itemprop.empty() && !ascii::EqualsIgnoreCase(t.itemprop, "datePublished")) continue;
        if (auto time = ParseMachineDate(t.datetime, options_.fetched_at)) {
          article_.published = ArticleDate{*time, "time"};
          break;
        }
      }
    }
    const VisibleDates shown = VisibleDate();
    // Markup that contradicts itself (published after modified) loses its
    // published time to the line the reader sees, when that gives a time.
    if (article_.published && article_.modified && shown.published &&
        shown.published->time.has_time &&
        CertainlyAfter(article_.published->time, article_.modified->time)) {
      article_.problems.push_back("published " + article_.published->time.Iso() + " (" +
                                  article_.published->source + ") is after modified " +
                                  article_.modified->time.Iso() + "; the date line is used");
      article_.published = ArticleDate{shown.published->time, "date-line"};
    }
    if (shown.modified && !article_.modified) {
      article_.modified = ArticleDate{shown.modified->time, "date-line"};
    }
    if (shown.published && !article_.published) {
      article_.published = ArticleDate{shown.published->time, "date-line"};
    }
    CheckDates();
  }

  void CheckDates() {
    ArticleTime fetch;
    fetch.local_seconds = options_.fetched_at;
    fetch.utc_offset_minutes = 0;
    fetch.has_time = true;
    if (options_.fetched_at > 0) {
      if (article_.published && CertainlyAfter(article_.published->time, fetch)) {
        article_.problems.push_back("published " + article_.published->time.Iso() +
                                    " is after the fetch time; dropped");
        article_.published.reset();
      }
      if (article_.modified && CertainlyAfter(article_.modified->time, fetch)) {
        article_.problems.push_back("modified " + article_.modified->time.Iso() +
                                    " is after the fetch time; dropped");
        article_.modified.reset();
      }
    }
    if (article_.published && article_.modified &&
        CertainlyAfter(article_.published->time, article_.modified->time)) {
      article_.problems.push_back("modified " + article_.modified->time.Iso() +
                                  " is before published " + article_.published->time.Iso() +
                                  "; modified dropped");
      article_.modified.reset();
    }
  }

  // The related headlines: links the link-roles pass calls related, and
  // links to articles (their URL has an article's shape) inside a block
  // that a heading or class names as related ("Pour approfondir") which
  // that pass gave another role for crawling (a related block inside the
  // page footer is still related to the reader). Never the page itself
  // (a comments anchor, a language switch to the same story), and never a
  // link of the page header: the header comes before the story, and its
  // carousels are the site's ("Dans la section Politique").
  void Related(const PageLinks& links) {
    std::optional<Url> base = base_;
    if (base && !links.base_href.empty()) {
      if (auto b = ResolveUrl(*base, Trimmed(links.base_href))) base = *b;
    }
    constexpr uint32_t kArticleUrl = link_evidence::kUrlDate | link_evidence::kUrlNumericId |
                                     link_evidence::kUrlSlug | link_evidence::kUrlLearned;
    auto in_related_block = [&](const ExtractedLink& link) {
      return (link.evidence & link_evidence::kRelatedBlock) && (link.evidence & kArticleUrl) &&
             !(link.evidence &
               (link_evidence::kHrefRule | link_evidence::kUrlShallow | link_evidence::kNavBlock));
    };
    const std::string_view own_url = WithoutFragment(article_.url);
    const std::string_view own_canonical = WithoutFragment(article_.canonical_url);
    // The base is read once for all the links (ResolveUrl's results), and
    // the resolved URL's buffers are reused.
    std::optional<UrlResolver> resolver;
    if (base) resolver.emplace(*base);
    Url resolved;
    for (const ExtractedLink& link : links.links) {
      if (link.anchor_text.empty()) continue;
      if (link.role != LinkRole::kRelated && !in_related_block(link)) continue;
      if ((link.evidence & link_evidence::kPageHeader) && !in_related_block(link)) continue;
      RelatedHeadline h;
      h.title = link.anchor_text;
      h.url = std::string(Trimmed(link.href));
      if (resolver && resolver->ResolveInto(h.url, resolved).ok()) {
        h.url = SpecWithoutUserinfo(resolved);
      }
      const std::string_view target = WithoutFragment(h.url);
      if (!target.empty() && (target == own_url || target == own_canonical)) continue;
      bool seen = false;
      for (const RelatedHeadline& known : article_.related) seen = seen || known.url == h.url;
      if (!seen) article_.related.push_back(std::move(h));
    }
  }

  std::string_view html_;
  const ArticleOptions& options_;
  std::optional<Url> base_;
  PageScan page_;
  JsonLdArticle json_ld_;
  ArticleBody body_;
  bool body_selected_ = false;
  size_t title_block_ = kNoBlock;  // the block holding the headline
  Article article_;
};

boost::json::value DateJson(const std::optional<ArticleDate>& date) {
  if (!date) return nullptr;
  boost::json::object o;
  o["iso"] = date->time.Iso();
  o["offset_known"] = date->time.utc_offset_minutes.has_value();
  o["source"] = date->source;
  return o;
}

}  // namespace

Article ExtractArticle(std::string_view html, const ArticleOptions& options) {
  return Assembler(html, options).Run();
}

std::optional<Article> ExtractCrawledArticle(std::string_view html, PageScan scan,
                                             const PageLinks& links,
                                             const ArticleOptions& options) {
  return Assembler(html, options).RunScanned(std::move(scan), links, /*only_articles=*/true);
}

std::string ArticleToJson(const Article& a) {
  boost::json::object o;
  o["url"] = a.url;
  o["canonical_url"] = a.canonical_url;
  o["title"] = a.title;
  boost::json::array authors;
  for (const std::string& s : a.authors) authors.emplace_back(s);
  o["authors"] = std::move(authors);
  o["language"] = a.language;
  o["section"] = a.section;
  o["published"] = DateJson(a.published);
  o["modified"] = DateJson(a.modified);
  o["date_line"] = a.date_line;
  boost::json::array paragraphs;
  for (const std::string& p : a.paragraphs) paragraphs.emplace_back(p);
  o["paragraphs"] = std::move(paragraphs);
  boost::json::array related;
  for (const RelatedHeadline& r : a.related) {
    related.emplace_back(boost::json::object{{"title", r.title}, {"url", r.url}});
  }
  o["related"] = std::move(related);
  boost::json::array problems;
  for (const std::string& p : a.problems) problems.emplace_back(p);
  o["problems"] = std::move(problems);
  return boost::json::serialize(o);
}

std::string ArticleToReaderText(const Article& a) {
  std::string text;
  auto line = [&text](std::string_view s) {
    if (s.empty()) return;
    text.append(s);
    text.push_back('\n');
  };
  line(a.date_line);
  for (const std::string& p : a.paragraphs) line(p);
  for (const RelatedHeadline& r : a.related) line(r.title);
  return text;
}

}  // namespace nc
