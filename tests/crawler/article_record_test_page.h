#pragma once
// The article of a test page as the crawl would extract it: at one fixed
// article URL and fetch time, so the record tests (article_record_test,
// article_record_verbatim_test) encode the same kind of Article.
#include <string_view>

#include "crawler/extract/article.h"

namespace nc::test {

inline Article ExtractRecordTestArticle(std::string_view page) {
  ArticleOptions options;
  options.base_url = "https://www.lejournal.test/politique/2026/04/16/reforme.html";
  options.fetched_at = 1776400000;
  return ExtractArticle(page, options);
}

}  // namespace nc::test
