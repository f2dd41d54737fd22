// Fuzzes the article metadata parsers with arbitrary bytes: JSON-LD
// (ReadJsonLd), machine dates (ParseMachineDate) and visible date lines
// (ParseDateLine). Checks the promises of json_ld.h and article_dates.h: no
// crash, a problem recorded for every script that is not an article's JSON,
// bounded authors, and every date accepted is a real calendar date between
// 1990 and the year after the fetch, which round-trips through Iso().
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/extract/article_dates.h"
#include "crawler/extract/json_ld.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

namespace {

constexpr int64_t kFetchedAt = 1776686400;  // 2026-04-20T12:00:00Z

void CheckTime(const nc::ArticleTime& t) {
  int y, mo, d, h, mi, s;
  nc::SecondsToCivil(t.local_seconds, y, mo, d, h, mi, s);
  Check(y >= 1990 && y <= 2027);
  const std::string iso = t.Iso();
  Check(iso.size() >= 10 && iso.size() <= 25);
  if (t.utc_offset_minutes)
    Check(*t.utc_offset_minutes >= -14 * 60 && *t.utc_offset_minutes <= 14 * 60);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = nc::fuzz::InputText(data, size);
  nc::JsonLdArticle article;
  std::vector<std::string> problems;
  nc::ReadJsonLd(text, article, problems);
  Check(article.authors.size() <= 16);
  Check(problems.size() <= 1);
  if (auto t = nc::ParseMachineDate(text, kFetchedAt)) CheckTime(*t);
  if (auto line = nc::ParseDateLine(text, kFetchedAt)) {
    // A relative line may say "in 3 days" only as "3 days ago": never later.
    CheckTime(line->time);
  }
  // The JSON-LD's own date strings, as the extractor reads them.
  for (const std::string& value : {article.date_published, article.date_modified}) {
    if (auto t = nc::ParseMachineDate(value, kFetchedAt)) CheckTime(*t);
  }
  return 0;
}
