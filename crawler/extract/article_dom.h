#pragma once
// One tokenizer pass over an article page that keeps what article
// extraction reads: a light element tree (parent links, tags, what class/id
// names say), the page's text as blocks (one per paragraph-like element,
// whitespace collapsed, with how much of it is link text), and the
// metadata (<title>, <html lang>, <meta>, <link rel=canonical>, JSON-LD
// scripts, <time datetime>). Tree construction is approximated as in
// link_roles.h (implied end tags for p, li, dd/dt, td/th/tr).
//
// Text never becomes a block when it is inside script/style, svg/math,
// <nav>, <footer>, <aside>, <button>, <select>, <noscript>,
// <template>, <dialog>, <figure>/<figcaption> (captions are not body text:
// the documented policy), or an element that is hidden (hidden,
// aria-hidden=true, display:none). Class/id words are classified here and
// scored by article_body.
//
// One scan per document, on one thread; pure. The scan is also a token
// consumer (PageScanner), so the crawl's one tokenizer pass over a page can
// feed it and link extraction together (html_links.h).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/string_arena.h"
#include "crawler/extract/html_tags.h"

namespace nc {

namespace dom_flag {
inline constexpr uint16_t kUnlikely = 1 << 0;  // class/id: comment, share, related, ad...
inline constexpr uint16_t kNegative = 1 << 1;  // class/id weight -25
inline constexpr uint16_t kPositive = 1 << 2;  // class/id weight +25 (article, content...)
inline constexpr uint16_t kMaybe = 1 << 3;  // class/id word article, body, main...: never unlikely
inline constexpr uint16_t kSkip = 1 << 4;   // nav, footer, aside, button, hidden...: no text
inline constexpr uint16_t kPageHeader = 1 << 5;  // <header> outside article/main
inline constexpr uint16_t kInArticle = 1 << 6;   // inside <article> or <main>
inline constexpr uint16_t kDateHint = 1 << 7;    // class/id: date, time, published, updated...
inline constexpr uint16_t kInHeading = 1 << 8;   // inside h1-h6
inline constexpr uint16_t kInUnlikely = 1 << 9;  // some ancestor (or itself) is kUnlikely
inline constexpr uint16_t kInHeader = 1 << 10;   // inside any <header>
inline constexpr uint16_t kByline = 1 << 11;     // class/id: byline, author, signature
// Bits a child takes from its parent.
inline constexpr uint16_t kInherited =
    kSkip | kPageHeader | kInArticle | kInHeading | kInUnlikely | kInHeader;
}  // namespace dom_flag

struct DomNode {
  int32_t parent = -1;
  HtmlTag tag = HtmlTag::kOther;
  uint16_t traits = 0;  // html_trait bits
  uint16_t flags = 0;   // dom_flag bits
  uint32_t name_hash = 0;
  uint32_t class_hash = 0;  // of the class attribute (siblings of the same kind)
  // Filled by article_body: text in the subtree (bytes), of which link text.
  uint32_t text_bytes = 0;
  uint32_t link_bytes = 0;
  float score = 0;
  bool scored = false;
  bool is_block_name_p = false;  // <p>
  bool is_div_like = false;      // div, section, article, main: scored like readability's DIV
  bool is_pre_td_quote = false;  // pre, td, blockquote
  bool is_list_or_form = false;  // ol, ul, dl, dd, dt, li, form, address
};

// The blocks' texts of one scan, copied into chunks that never move, so
// that TextBlock::text can view them (one allocation per 64 KB of text
// instead of one per block; a block is at most kMaxBlockBytes, one chunk).
using BlockTextStore = StringArena;

struct TextBlock {
  int32_t node = -1;  // innermost non-inline element holding the text
  // Decoded, whitespace collapsed, trimmed; in the PageScan's block_texts
  // (valid while that PageScan, or one moved from it, is).
  std::string_view text;
  uint32_t link_bytes = 0;  // bytes of `text` inside <a href>
  // CountCharsAndCommas(text) (html_text.h), for body scoring: taken while
  // the text was collapsed.
  uint32_t chars = 0;
  uint32_t commas = 0;
  uint16_t flags = 0;       // flags of `node` (and of the inline element the text began in)
  uint8_t heading_rank = 0;
  // Where the block's first text token starts in the scanned HTML (raw,
  // before decoding and collapsing): lets the stored article refer to the
  // page body for its text (crawler/article_record.h). Valid while the
  // HTML is.
  const char* source = nullptr;
  // `text` is the bytes at `source` as they are (one text token without a
  // character reference, nothing collapsed or dropped): the stored record
  // writes it as one copy of the page body without comparing.
  bool verbatim = false;
};

struct MetaTag {
  std::string key;  // name, property, itemprop or http-equiv, lower-case
  std::string content;
};

struct TimeElement {
  std::string datetime;    // datetime attribute (or content)
  std::string itemprop;    // "datePublished", "dateModified", or ""
  bool pubdate = false;    // the obsolete pubdate attribute
  size_t block_index = 0;  // blocks before it
};

struct PageScan {
  std::vector<DomNode> nodes;
  std::vector<TextBlock> blocks;
  BlockTextStore block_texts;  // the blocks' texts
  std::string html_lang;
  std::string title;  // first <title>
  std::vector<MetaTag> metas;
  std::string canonical_href;
  std::vector<std::string> json_ld;  // raw script texts
  std::vector<TimeElement> times;
  size_t skipped_nodes = 0;  // elements beyond the depth cap
  bool truncated = false;    // stopped at the text cap
};

// Caps that keep a hostile page bounded: open elements, nodes, text.
inline constexpr size_t kMaxDomDepth = 512;
inline constexpr size_t kMaxDomNodes = 200000;
inline constexpr size_t kMaxBlockBytes = 64 * 1024;
inline constexpr size_t kMaxPageTextBytes = 8 * 1024 * 1024;

// `html` must be UTF-8 (see charset.h).
PageScan ScanPage(std::string_view html);

struct HtmlToken;

// ScanPage as a consumer of tokens made by someone else's HtmlTokenizer:
// OnToken for every token of one document, in order, then Finish once.
class PageScanner {
 public:
  PageScanner();
  ~PageScanner();
  PageScanner(const PageScanner&) = delete;
  PageScanner& operator=(const PageScanner&) = delete;
  void OnToken(const HtmlToken& token);
  PageScan Finish();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Class/id classification used by ScanPage (exposed for tests): the class
// and id as written, any case (the case cuts words: article_dom_words.h).
uint16_t ClassifyClassId(std::string_view class_and_id);

}  // namespace nc
