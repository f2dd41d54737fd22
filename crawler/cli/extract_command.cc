// `newscrawl extract [--base URL] [--fetched-at TIME] FILE`: the article of
// one page on disk, as one line of JSON (crawler/extract/article.h).
#include <ctime>
#include <iostream>
#include <optional>
#include <utility>

#include "crawler/cli/cli.h"
#include "crawler/cli/commands.h"
#include "crawler/extract/article.h"
#include "crawler/extract/article_dates.h"
#include "crawler/extract/charset.h"
#include "frontier/url.h"

namespace nc {

int RunExtract(const std::string& base, const std::string& fetched_at, const std::string& file) {
  ArticleOptions options;
  if (!base.empty()) {
    auto base_url = ParseUrl(base);
    if (!base_url.ok()) {
      std::cerr << "newscrawl: --base: " << base_url.error().message << "\n";
      return kExitUsage;
    }
    options.base_url = SpecWithoutUserinfo(*base_url);  // the article's url: no credentials
  }
  options.fetched_at = static_cast<int64_t>(std::time(nullptr));
  if (!fetched_at.empty()) {
    // Any year up to next year's is readable; the bound is re-checked below.
    auto t = ParseMachineDate(fetched_at, options.fetched_at + 366LL * 86400 * 100);
    if (!t || !t->has_time) {
      std::cerr << "newscrawl: --fetched-at: not an ISO 8601 date-time: " << fetched_at << "\n";
      return kExitUsage;
    }
    options.fetched_at = t->ApproxUtcSeconds();  // no offset given: read as UTC
  }
  std::optional<std::string> read = ReadFileOrSay(file);
  if (!read) return kExitFailure;
  std::string html = std::move(*read);
  // As the crawler does: the page's own charset (BOM, <meta>, detection) to UTF-8.
  const Charset charset = SniffHtmlCharset("text/html", html);
  if (NeedsTranscoding(html, charset.name)) html = TranscodeToUtf8(html, charset.name);
  const Article article = ExtractArticle(html, options);
  std::cout << ArticleToJson(article) << "\n";
  return kExitOk;
}

}  // namespace nc
