// Fuzzes whole-page article extraction (ExtractArticle: page scan, body
// selection, JSON-LD, dates, related links) with arbitrary bytes as HTML.
// Checks the promises of article.h: no crash, every paragraph non-empty,
// the JSON serialisation always produced, and an empty body always
// explained in `problems`.
#include <cstdint>
#include <string_view>

#include "crawler/extract/article.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html = nc::fuzz::InputText(data, size);
  const nc::Article article =
      nc::ExtractArticle(html, {"https://www.lejournal.test/monde/a.html", 1776686400});
  for (const std::string& p : article.paragraphs) Check(!p.empty());
  if (article.paragraphs.empty()) Check(!article.problems.empty());
  Check(!nc::ArticleToJson(article).empty());
  return 0;
}
