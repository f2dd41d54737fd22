// Article extraction alone, in MB/s of UTF-8 HTML on one thread: the whole
// ExtractArticle (page scan, JSON-LD, body selection, dates, the link pass
// for related headlines) and its two passes separately.
//
// Pages: fixture articles (~50 KB, 64 paragraphs) always; with
// $NEWSCRAWL_ARTICLE_BENCHMARK (tests/bench/article_benchmark_data.sh), the
// 181 real pages of scrapinghub's benchmark too (never committed).
//
//   bench_article_extraction
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "crawler/extract/article.h"
#include "crawler/extract/article_body.h"
#include "crawler/extract/article_dom.h"
#include "crawler/extract/charset.h"
#include "crawler/extract/html_links.h"
#include "fixture/news_site.h"

namespace nc {
namespace {

std::vector<std::string> FixtureArticles() {
  fixture::SiteOptions options;
  options.paragraphs_per_article = 64;
  const fixture::NewsSite site(options);
  std::vector<std::string> pages;
  for (const fixture::SitePage& page : site.AllPages()) {
    if (page.url.find("/2026/") != std::string::npos && page.url.ends_with(".html")) {
      pages.push_back(page.body);
    }
    if (pages.size() == 20) break;
  }
  return pages;
}

std::vector<std::string> BenchmarkPages() {
  std::vector<std::string> pages;
  const char* dir = std::getenv("NEWSCRAWL_ARTICLE_BENCHMARK");
  if (dir == nullptr) return pages;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(dir) + "/html", ec)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    std::string html = s.str();
    const Charset charset = SniffHtmlCharset("text/html", html);
    if (NeedsTranscoding(html, charset.name)) html = TranscodeToUtf8(html, charset.name);
    pages.push_back(std::move(html));
  }
  return pages;
}

template <class F>
void Run(benchmark::State& state, const std::vector<std::string>& pages, F f) {
  if (pages.empty()) {
    state.SkipWithError("no pages (set NEWSCRAWL_ARTICLE_BENCHMARK)");
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& page : pages) {
      f(page);
      bytes += page.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void ExtractWhole(const std::string& html) {
  ArticleOptions options;
  options.base_url = "https://www.lejournal.test/monde/2026/04/16/article.html";
  options.fetched_at = 1776400000;
  benchmark::DoNotOptimize(ExtractArticle(html, options));
}

void ScanAndSelect(const std::string& html) {
  PageScan page = ScanPage(html);
  benchmark::DoNotOptimize(SelectArticleBody(page));
}

void LinksOnly(const std::string& html) { benchmark::DoNotOptimize(ExtractLinks(html)); }

// The crawl's per-page path with [extract] articles on: one tokenizer pass
// for the links and the article scan, then the article; against the link
// pass alone (articles off), both with the page URL as the crawl gives it.
constexpr const char* kPageUrl = "https://www.lejournal.test/monde/2026/04/16/article.html";
void CrawlLinksAndArticle(const std::string& html) {
  PageScanner scanner;
  const PageLinks links = ExtractLinks(html, kPageUrl, scanner);
  benchmark::DoNotOptimize(
      ExtractCrawledArticle(html, scanner.Finish(), links, {kPageUrl, 1776400000}));
}
void CrawlLinksOnly(const std::string& html) {
  benchmark::DoNotOptimize(ExtractLinks(html, kPageUrl));
}

const std::vector<std::string>& Fixture() {
  static const std::vector<std::string> pages = FixtureArticles();
  return pages;
}
const std::vector<std::string>& Real() {
  static const std::vector<std::string> pages = BenchmarkPages();
  return pages;
}

void BM_ExtractArticle_Fixture(benchmark::State& s) { Run(s, Fixture(), ExtractWhole); }
void BM_ExtractArticle_Benchmark(benchmark::State& s) { Run(s, Real(), ExtractWhole); }
void BM_ScanAndBody_Benchmark(benchmark::State& s) { Run(s, Real(), ScanAndSelect); }
void BM_LinkPass_Benchmark(benchmark::State& s) { Run(s, Real(), LinksOnly); }
void BM_CrawlLinksAndArticle_Fixture(benchmark::State& s) { Run(s, Fixture(), CrawlLinksAndArticle); }
void BM_CrawlLinksOnly_Fixture(benchmark::State& s) { Run(s, Fixture(), CrawlLinksOnly); }
void BM_CrawlLinksAndArticle_Benchmark(benchmark::State& s) { Run(s, Real(), CrawlLinksAndArticle); }
void BM_CrawlLinksOnly_Benchmark(benchmark::State& s) { Run(s, Real(), CrawlLinksOnly); }
BENCHMARK(BM_ExtractArticle_Fixture);
BENCHMARK(BM_CrawlLinksAndArticle_Fixture);
BENCHMARK(BM_CrawlLinksOnly_Fixture);
BENCHMARK(BM_CrawlLinksAndArticle_Benchmark);
BENCHMARK(BM_CrawlLinksOnly_Benchmark);
BENCHMARK(BM_ExtractArticle_Benchmark);
BENCHMARK(BM_ScanAndBody_Benchmark);
BENCHMARK(BM_LinkPass_Benchmark);

}  // namespace
}  // namespace nc

BENCHMARK_MAIN();
