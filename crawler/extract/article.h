#pragma once
// Article extraction: what a reader wants from a news article page — its
// title, canonical URL, authors, language, section, published and modified
// times, the date line it shows, the body as paragraphs and the related
// headlines ("Articles liés") — from the page's UTF-8 HTML.
//
// Sources, first found wins:
//  title      an <h1> that og:title or the JSON-LD headline equals, or that
//             starts <title> or og:title (before a site suffix), compared
//             loosely (article_names.h); else og:title (without a site
//             name after a separator: "Titre | MDR.DE"), JSON-LD headline,
//             <h1>, <title>
//  canonical  <link rel=canonical>, og:url, JSON-LD url/mainEntityOfPage
//  authors    JSON-LD author names, else <meta name=author>, article:author,
//             cleaned and split ("Par X et Y"); the visible byline near the
//             headline instead when those only name the publisher or when
//             it names the same people and more
//  language   <html lang>, JSON-LD inLanguage, content-language, og:locale
//  section    article:section, JSON-LD articleSection
//  dates      JSON-LD, then <meta> (article:published_time, og:updated_time,
//             dc.date, ...), then itemprop/<time datetime>, then the date
//             line (article_dates.h for the policy), each checked:
//             published <= modified <= fetch time, else dropped (recorded);
//             markup whose published is after its modified loses published
//             to the visible date line when that gives a time
//  body       article_body.h
//  related    links whose role is `related` (link_roles.h), resolved
//
// Nothing here fails: a page that is empty, huge, or has malformed JSON-LD
// or absurd dates gives a partial article with each problem recorded in
// `problems`. Pure; any thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/extract/article_dates.h"
#include "crawler/extract/article_dom.h"
#include "crawler/extract/html_links.h"

namespace nc {

// Pages beyond this are cut (and the cut recorded): bounds time and memory.
inline constexpr size_t kMaxArticlePageBytes = 16 * 1024 * 1024;

struct ArticleDate {
  ArticleTime time;
  std::string source;  // "json-ld", "meta:article:published_time", "time", "date-line"
};

struct RelatedHeadline {
  std::string title;
  std::string url;  // resolved against the page (or <base>); as written if unresolvable
};

struct Article {
  std::string url;            // the page's URL (base), "" if not given
  std::string canonical_url;  // resolved
  std::string title;
  std::vector<std::string> authors;
  std::string language;  // as the page states it ("fr", "fr-FR")
  std::string section;
  std::optional<ArticleDate> published;
  std::optional<ArticleDate> modified;
  std::string
      date_line;  // the visible date text, as shown ("Dernière mise à jour à 08h24 le 16/04")
  std::vector<std::string> paragraphs;
  std::vector<RelatedHeadline> related;
  std::vector<std::string> problems;  // what was missing, malformed or contradictory
  // Not an output (JSON and the record leave it out): where each paragraph's
  // text begins in the page's HTML, a byte offset (kNoParagraphOffset when
  // not known), so the crawl can store the paragraphs as references into the
  // page body it stores anyway (crawler/article_record.h).
  std::vector<uint32_t> paragraph_offsets;
};

inline constexpr uint32_t kNoParagraphOffset = UINT32_MAX;
// Set in a paragraph offset (other than kNoParagraphOffset) when the
// paragraph is the HTML's bytes at that offset as they are
// (TextBlock::verbatim): the record writes it without comparing. Offsets
// are below kMaxArticlePageBytes, so the bit is free.
inline constexpr uint32_t kVerbatimParagraph = uint32_t{1} << 31;
static_assert(kMaxArticlePageBytes <= kVerbatimParagraph);

struct ArticleOptions {
  std::string base_url;    // the URL the page was fetched from; "" when unknown
  int64_t fetched_at = 0;  // seconds since the epoch (UTC): resolves dates
};

// `html` is the page decoded to UTF-8 (charset.h).
Article ExtractArticle(std::string_view html, const ArticleOptions& options);

// The crawl's extraction (crawler/page_processor.cc): from the scan and the
// links the crawl's one tokenizer pass made of `html` (ExtractLinks with a
// PageScanner, html_links.h), the article of a page that looks like one by
// its own signals, else nullopt. A page is an article when
//  - it says so: <meta property="og:type" content="article">, or a JSON-LD
//    object whose @type names an article (NewsArticle, Article,
//    BlogPosting, ..., json_ld.h), or
//  - its URL has an article's shape (a date, a 6+ digit id, a long slug,
//    or an .html-like page name: url_shape.h) and the body found holds at
//    least 3 paragraphs and 500 bytes of text.
// Section pages and homepages normally say neither; the URL-shape rule
// catches sites that give no metadata. `links` gives the related headlines
// (with the page URL and [[site]] roles the crawl applied).
std::optional<Article> ExtractCrawledArticle(std::string_view html, PageScan scan,
                                             const PageLinks& links, const ArticleOptions& options);

// One JSON object (UTF-8, one line): every field above; dates as
// {"iso": "...", "offset_known": bool, "source": "..."}.
std::string ArticleToJson(const Article& article);

// The article as a reader wants it, in the layout of the project's seed
// document (shared/seeds/news-article-example.txt): the date line, then one
// line per paragraph, then one line per related headline. Lines that are
// empty (no date line) are left out.
std::string ArticleToReaderText(const Article& article);

}  // namespace nc
