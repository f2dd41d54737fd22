#pragma once
// Link extraction from HTML: an HTML5-conformant tokenizer pass (raw-text and
// RCDATA elements, comments, character references in attributes and text,
// unquoted attributes, case-insensitive names) that yields every <a href>
// with its anchor text and a structural role, <base href>, page-level
// robots directives, and the RSS/Atom feeds announced by <link rel=alternate>. Pure and allocation-light: safe from any thread.

#include <string>
#include <string_view>
#include <vector>

#include "frontier/link.h"
#include "frontier/url.h"

namespace nc {

struct ExtractedLink {
  std::string href;         // attribute value, character references decoded, untrimmed
  std::string anchor_text;  // text content, whitespace collapsed, trimmed, <= 512 bytes
  LinkRole role = LinkRole::kOther;  // headline/related/nav/footer/other
  bool rel_nofollow = false;
  // What decided the role (crawler/extract/link_features.h): the role the
  // surrounding elements gave, and link_evidence bits (`links --explain`).
  LinkRole structural_role = LinkRole::kOther;
  uint32_t evidence = 0;
};

struct PageLinks {
  std::vector<ExtractedLink> links;  // document order
  std::string base_href;             // first <base href>, "" if none
  bool meta_nofollow = false;        // <meta name=robots|newscrawl content=nofollow|none>
  bool meta_noindex = false;
  std::string title;
  // href of each <link rel="alternate" type="application/rss+xml" or
  // "application/atom+xml"> (feeds the page announces), document order,
  // character references decoded, untrimmed, at most kMaxFeedHrefs.
  std::vector<std::string> feed_hrefs;
};

// A page announcing more feeds than this is not listing its own feeds.
inline constexpr size_t kMaxFeedHrefs = 16;

// `html` is the decoded body. Role heuristics use structure (nav, footer,
// header, aside, lists and blocks of links, headings and class/id names of
// enclosing blocks, e.g. "Articles liés", "Lire aussi", "related", in
// fr/en/de/es/it), anchor text, and page-level evidence: URL shape, the
// page's recurring article URL template, repeated teaser groups
// (crawler/extract/link_features.h).
// `page_url`, when known (the URL the page was fetched from), lets the
// classifier tell an article's own-section list (related) from a site-wide
// one (headline): see crawler/extract/link_features.h.
PageLinks ExtractLinks(std::string_view html, std::string_view page_url = {});

class PageScanner;
// The same, in the same tokenizer pass feeding every token to `scanner` as
// well (crawler/extract/article_dom.h): one pass for the links and the
// article scan of a page. scanner.Finish() is the caller's to call.
PageLinks ExtractLinks(std::string_view html, std::string_view page_url, PageScanner& scanner);

}  // namespace nc
