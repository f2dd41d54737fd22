// Fuzzes whole-page article extraction (ExtractArticle: page scan, body
// selection, JSON-LD, dates, related links) with arbitrary bytes as HTML.
// Checks the promises of article.h: no crash, every paragraph non-empty,
// the JSON serialisation always produced, and an empty body always
// explained in `problems`. And the stored record of the article (version 3:
// paragraphs as references into the page, verbatim ones copied without
// comparing) reads back from the page to the same article.
#include <cstdint>
#include <string>
#include <string_view>

#include "crawler/article_record.h"
#include "crawler/extract/article.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html = nc::fuzz::InputText(data, size);
  const nc::Article article =
      nc::ExtractArticle(html, {"https://www.lejournal.test/monde/a.html", 1776686400});
  for (const std::string& p : article.paragraphs) Check(!p.empty());
  if (article.paragraphs.empty()) Check(!article.problems.empty());
  const std::string json = nc::ArticleToJson(article);
  Check(!json.empty());
  const std::string record = nc::EncodeArticleRecord(article, 3, html);
  const nc::Result<nc::Article> stored = nc::DecodeArticleRecord(record, html);
  Check(stored.ok() && nc::ArticleToJson(*stored) == json);
  return 0;
}
