#pragma once
// The main text of an article page: which text blocks of a PageScan
// (article_dom.h) are the article, in the spirit of readability
// (Arc90/Mozilla) with trafilatura's habit of filtering by link density:
//
//  1. Candidates. Every paragraph-like block (<p>, <pre>, <td>, a <div> or
//     <section> holding text itself) of at least 25 characters adds
//     1 + its commas + min(length / 100, 3) to its element's parent (full),
//     grandparent (half) and up to three more ancestors (a third of that,
//     divided by the level). An element starts from its tag (div +5; pre,
//     td, blockquote +3; lists, forms -3; headings -5) and its class/id
//     (+25 for article/content/entry/story/..., -25 for comment/share/
//     related/sidebar/...). Its final score is multiplied by
//     (1 - link density).
//  2. The best candidate, moved up to its parent while the parent scores
//     higher (readability's rule), then its siblings that score at least
//     max(10, 20% of it), or are paragraphs of prose (> 80 characters with
//     link density < 25%, or shorter, link-free and ending a sentence).
//     A best candidate inside a list (ul, ol, li) whose class/id is weighed
//     negative (a list of reader comments) gives way to the best candidate
//     outside that list when it has at least a quarter of its score; the
//     list is then neither climbed into nor taken as a sibling.
//  3. The blocks inside the chosen elements, in document order, minus
//     boilerplate: text in nav/footer/aside/buttons/figures (captions are
//     dropped: they describe a picture, not the story), in hidden
//     elements, in elements whose class/id says comment, share, social,
//     related, newsletter, promo, ad, caption, cookie... (unless it also
//     says article/content/body/main), blocks that are mostly link text
//     (> 50%), the <h1> title, and the article's own <header> (title,
//     byline and date line are fields of their own).
//  If that leaves under 250 characters, it is tried again without
//  dropping the class/id boilerplate (as readability does), then the
//  longer result wins.
//
// Pure; one call per page on any thread.

#include <string>
#include <vector>

#include "crawler/extract/article_dom.h"

namespace nc {

// The paragraphs are the texts of the chosen blocks (PageScan::blocks),
// named by index rather than copied: the caller takes them once it has read
// the blocks for everything else (article.cc copies them into the Article).
struct ArticleBody {
  std::vector<size_t> block_indices;  // index in PageScan::blocks of each paragraph
  size_t text_bytes = 0;              // sum of those blocks' text sizes
  int32_t content_node = -1;          // the chosen element (-1: none found)
};

// Scores the page's elements (fills DomNode::text_bytes, link_bytes, score)
// and picks the body.
ArticleBody SelectArticleBody(PageScan& page);

}  // namespace nc
