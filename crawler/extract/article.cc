#include "crawler/extract/article.h"

#include <boost/json.hpp>

#include "common/ascii.h"
#include "crawler/extract/article_body.h"
#include "crawler/extract/article_dom.h"
#include "crawler/extract/html_links.h"
#include "crawler/extract/json_ld.h"
#include "crawler/extract/url_shape.h"
#include "frontier/url.h"

namespace nc {
namespace {

constexpr size_t kMaxDateLineChars = 200;
// A page that only its URL shape calls an article needs this much body.
constexpr size_t kMinShapedArticleParagraphs = 3;
constexpr size_t kMinShapedArticleBodyBytes = 500;
// The date line is looked for among this many blocks after the title.
constexpr size_t kDateLineWindow = 25;

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

class Assembler {
 public:
  Assembler(std::string_view html, const ArticleOptions& options)
      : html_(html), options_(options) {}

  // Standalone: the page is scanned here (the DOM scan and the link pass).
  Article Run() {
    if (!Begin()) return std::move(article_);
    page_ = ScanPage(html_);
    const PageLinks links = ExtractLinks(html_);
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
    size_t chars = 0;
    for (const std::string& p : body_.paragraphs) chars += p.size();
    return body_.paragraphs.size() >= kMinShapedArticleParagraphs &&
           chars >= kMinShapedArticleBodyBytes;
  }

  void Assemble(const PageLinks& links) {
    if (!body_selected_) body_ = SelectArticleBody(page_);
    article_.paragraphs = body_.paragraphs;
    Title();
    Canonical();
    Authors();
    LanguageAndSection();
    Dates();
    Related(links);
    if (article_.title.empty()) article_.problems.emplace_back("no title");
    if (article_.paragraphs.empty()) article_.problems.emplace_back("no body text found");
  }

  void Title() {
    std::string h1;
    for (const TextBlock& b : page_.blocks) {
      if (b.heading_rank == 1 && !(b.flags & dom_flag::kPageHeader)) {
        h1 = b.text;
        break;
      }
    }
    const std::string og = Collapse(MetaValue(page_, "og:title"));
    const std::string headline = Collapse(json_ld_.headline);
    const std::string& title = page_.title;
    if (!h1.empty() && (h1 == og || h1 == headline || title.find(h1) != std::string::npos ||
                        (og.empty() && headline.empty()))) {
      article_.title = h1;
    } else if (!og.empty()) {
      article_.title = og;
    } else if (!headline.empty()) {
      article_.title = headline;
    } else if (!h1.empty()) {
      article_.title = h1;
    } else {
      article_.title = title;
    }
  }

  std::string Resolve(std::string_view href) const {
    href = Trimmed(href);
    if (!base_) return std::string(href);
    if (auto r = ResolveUrl(*base_, href)) return r->spec;
    return std::string(href);
  }

  void Canonical() {
    std::string_view href = page_.canonical_href;
    if (Trimmed(href).empty()) href = MetaValue(page_, "og:url");
    if (Trimmed(href).empty()) href = json_ld_.url;
    if (!Trimmed(href).empty()) article_.canonical_url = Resolve(href);
  }

  void AddAuthor(std::string_view name) {
    const std::string author = Collapse(name);
    if (author.empty() || author.starts_with("http://") || author.starts_with("https://")) return;
    for (const std::string& known : article_.authors) {
      if (known == author) return;
    }
    article_.authors.push_back(author);
  }

  void Authors() {
    for (const std::string& a : json_ld_.authors) AddAuthor(a);
    if (!article_.authors.empty()) return;
    AddAuthor(MetaValue(page_, "author"));
    AddAuthor(MetaValue(page_, "article:author"));
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

  // The visible date line: a short block that reads as a date, preferring
  // one after the <h1>, in an element named for dates, or saying
  // "published"/"updated".
  std::optional<DateLine> VisibleDate() {
    size_t start = 0;
    for (size_t i = 0; i < page_.blocks.size(); ++i) {
      if (page_.blocks[i].heading_rank == 1) {
        start = i;
        break;
      }
    }
    std::optional<DateLine> fallback;
    size_t fallback_index = 0;
    for (size_t i = start; i < page_.blocks.size() && i < start + kDateLineWindow; ++i) {
      const TextBlock& b = page_.blocks[i];
      if (b.text.size() > kMaxDateLineChars || b.heading_rank != 0) continue;
      auto line = ParseDateLine(b.text, options_.fetched_at);
      if (!line) continue;
      if (line->kind != DateLineKind::kUnknown || (b.flags & dom_flag::kDateHint)) {
        article_.date_line = b.text;
        return line;
      }
      if (!fallback && b.text.size() < 60) {
        fallback = line;
        fallback_index = i;
      }
    }
    if (fallback) article_.date_line = page_.blocks[fallback_index].text;
    return fallback;
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
    if (auto line = VisibleDate()) {
      ArticleDate date{line->time, "date-line"};
      if (line->kind == DateLineKind::kModified) {
        if (!article_.modified) article_.modified = date;
      } else if (!article_.published) {
        article_.published = date;
      }
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

  void Related(const PageLinks& links) {
    std::optional<Url> base = base_;
    if (base && !links.base_href.empty()) {
      if (auto b = ResolveUrl(*base, Trimmed(links.base_href))) base = *b;
    }
    for (const ExtractedLink& link : links.links) {
      if (link.role != LinkRole::kRelated || link.anchor_text.empty()) continue;
      RelatedHeadline h;
      h.title = link.anchor_text;
      h.url = std::string(Trimmed(link.href));
      if (base) {
        if (auto r = ResolveUrl(*base, h.url)) h.url = r->spec;
      }
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
