#pragma once
// The class/id words of the article scan (article_dom.cc: ClassifyClassId
// finds the lists' words in one pass, and whole ad words). In a header of
// their own so that the test of that one-pass search holds it to one find per
// word on exactly these words, with no copy of them to keep in step.

#include <array>
#include <string_view>

#include "common/ascii.h"

namespace nc::article_dom_words {

// Substrings of class/id (lower-cased) that mark boilerplate, after
// readability's unlikelyCandidates, with French words added (partage,
// pub, lies, connexes, lire-aussi, commentaires are covered by "comment"),
// and text for screen readers or for a video player that did not load
// ("visually-hidden", "sr-only": "Article content" before each paragraph;
// "video-fallback", video.js's "vjs-no-js": "please enable JavaScript").
inline constexpr std::array<std::string_view, 51> kUnlikely = {
    "-ad-",          "ad-break",     "agegate",    "banner",     "breadcrumb",      "combx",
    "comment",       "community",    "cookie",     "disqus",     "extra",           "foot",
    "gdpr",          "header",       "legends",    "menu",       "related",         "remark",
    "replies",       "rss",          "shoutbox",   "sidebar",    "skyscraper",      "social",
    "sponsor",       "supplemental", "pagination", "pager",      "popup",           "share",
    "sharing",       "partage",      "newsletter", "subscribe",  "signup",          "promo",
    "outbrain",      "taboola",      "connexes",   "lire-aussi", "articles-lies",   "recommend",
    "most-popular",  "trending",     "modal",      "caption",    "visually-hidden", "sr-only",
    "screen-reader", "fallback",     "vjs-no-js"};
// Whole words (IsWholeWord) that keep an element from being unlikely,
// after readability's okMaybeItsACandidate, with French words added.
inline constexpr std::array<std::string_view, 9> kMaybe = {
    "and", "article", "body", "column", "content", "main", "shadow", "corps", "texte"};
inline constexpr std::array<std::string_view, 20> kNegative = {
    "hidden", "banner",   "combx",  "comment",  "com-",     "contact", "foot",
    "footer", "footnote", "gdpr",   "masthead", "media",    "meta",    "outbrain",
    "promo",  "related",  "scroll", "share",    "shoutbox", "sidebar"};
inline constexpr std::array<std::string_view, 14> kPositive = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main",
    "page",    "post", "text",    "blog",  "story",  "corps",   "contenu"};
inline constexpr std::array<std::string_view, 8> kDateWords = {
    "date", "time", "publish", "updated", "modified", "dateline", "timestamp", "horodat"};
inline constexpr std::array<std::string_view, 5> kBylineWords = {"byline", "author", "auteur",
                                                                 "signature", "writer"};
// Whole class/id words (split on non-alphanumerics) that mark ads.
inline constexpr std::array<std::string_view, 9> kAdWords = {
    "ad", "ads", "advert", "adv", "pub", "dfp", "publicite", "sponsored", "adsense"};

// Whether a word of `written` (a class/id as written) starts or ends at
// byte `i`: an end of the text, a byte that is not a letter or digit on
// either side, or a lower-case letter followed by an upper-case one
// ("detailBodyContainer": Body). kMaybe's words count only as whole words:
// as substrings they rescued "comments-list columns" (Bulma's grid) and
// anything "expandable" or "brand" from being unlikely.
inline bool IsWordBoundary(std::string_view written, size_t i) {
  if (i == 0 || i >= written.size()) return true;
  const char before = written[i - 1];
  const char after = written[i];
  if (!ascii::IsAlnum(before) || !ascii::IsAlnum(after)) return true;
  return ascii::IsLower(before) && ascii::IsUpper(after);
}

// Whether written[i, i + size) is a whole word: boundaries at both ends and
// none inside (of `size` > 0 alphanumerics).
inline bool IsWholeWord(std::string_view written, size_t i, size_t size) {
  if (!IsWordBoundary(written, i) || !IsWordBoundary(written, i + size)) return false;
  for (size_t k = i + 1; k < i + size; ++k) {
    if (IsWordBoundary(written, k)) return false;
  }
  return true;
}

// Whether one of kAdWords is a whole word of `text` (split on non-alphanumerics).
inline bool HasAdWord(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !ascii::IsAlnum(text[i])) ++i;
    size_t j = i;
    while (j < text.size() && ascii::IsAlnum(text[j])) ++j;
    const std::string_view word = text.substr(i, j - i);
    for (std::string_view ad : kAdWords) {
      if (word == ad) return true;
    }
    i = j;
  }
  return false;
}

}  // namespace nc::article_dom_words
