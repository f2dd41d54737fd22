// The crawl's per-page extraction work, once per page, for instruction
// counts (load-independent: `perf stat -e instructions:u` or callgrind)
// rather than timings. Issue 17 item 5 compares a page's article work with
// the rest of its CPU; this runs exactly the page processor's two paths:
//
//   links    ExtractLinks with the page URL (articles off)
//   article  one tokenizer pass feeding the article scan, then
//            ExtractCrawledArticle and EncodeArticleRecord (articles on)
//   none     only reading the pages (the baseline to subtract)
//
// Pages: the fixture site's article pages (B1-style, ~48 KB, 64
// paragraphs), or every file of DIR (real pages, transcoded to UTF-8 as the
// crawl does). Each page goes REPS times.
//
//   bench_article_cpu_count MODE fixture|DIR [REPS] [--print]
//
// --print gives one line per article page: its paragraph count, a hash of
// its JSON and its record's size, so two builds can be checked to extract
// the same articles; it also checks that each record reads back and is the
// bytes the encoder writes without the scan's verbatim marks (Article's
// kVerbatimParagraph). BENCH_ZSTD_LEVEL sets the record's zstd level (3, the
// crawl's default [storage] zstd_level).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/stable_hash.h"
#include "config/crawl_config.h"
#include "crawler/article_record.h"
#include "crawler/extract/article.h"
#include "crawler/extract/article_dom.h"
#include "crawler/extract/charset.h"
#include "crawler/extract/html_links.h"
#include "fixture/news_site.h"

namespace nc {
namespace {

struct Page {
  std::string url;
  std::string html;
};

std::vector<Page> FixturePages() {
  fixture::SiteOptions options;
  options.paragraphs_per_article = 64;
  const fixture::NewsSite site(options);
  std::vector<Page> pages;
  for (const fixture::SitePage& page : site.AllPages()) {
    if (page.url.find("/2026/") != std::string::npos && page.url.ends_with(".html")) {
      pages.push_back({"https://www.lejournal.test" + page.url, page.body});
    }
    if (pages.size() == 50) break;
  }
  return pages;
}

std::vector<Page> DirPages(const std::string& dir) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file()) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<Page> pages;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    std::string html = s.str();
    const Charset charset = SniffHtmlCharset("text/html", html);
    if (NeedsTranscoding(html, charset.name)) html = TranscodeToUtf8(html, charset.name);
    // A URL of an article's shape, as a crawled page of such a site has.
    pages.push_back({"https://www.example.test/news/2024/05/17/" + path.stem().string() + ".html",
                     std::move(html)});
  }
  return pages;
}

}  // namespace
}  // namespace nc

int main(int argc, char** argv) {
  using namespace nc;
  if (argc < 3) {
    std::fprintf(
        stderr, "usage: bench_article_cpu_count links|article|none fixture|DIR [REPS] [--print]\n");
    return 2;
  }
  const std::string_view mode = argv[1];
  const std::string source = argv[2];
  const int reps = argc > 3 ? std::atoi(argv[3]) : 1;
  const bool print = argc > 4 && std::string_view(argv[4]) == "--print";
  const std::vector<Page> pages = source == "fixture" ? FixturePages() : DirPages(source);
  size_t bytes = 0;
  size_t articles = 0;
  size_t links = 0;
  size_t record_bytes = 0;
  // The crawl passes [storage] zstd_level (CrawlConfig{}.zstd_level by default).
  const int zstd_level = std::getenv("BENCH_ZSTD_LEVEL") && *std::getenv("BENCH_ZSTD_LEVEL")
                             ? std::atoi(std::getenv("BENCH_ZSTD_LEVEL"))
                             : CrawlConfig{}.zstd_level;
  const bool record_v2 = std::getenv("BENCH_RECORD") && std::string_view(std::getenv("BENCH_RECORD")) == "2";
  for (int r = 0; r < reps; ++r) {
    for (const Page& page : pages) {
      bytes += page.html.size();
      if (mode == "links") {
        links += ExtractLinks(page.html, page.url).links.size();
      } else if (mode == "article") {
        PageScanner scanner;
        const PageLinks page_links = ExtractLinks(page.html, page.url, scanner);
        links += page_links.links.size();
        ArticleOptions options;
        options.base_url = page.url;
        options.fetched_at = 1776400000;
        const std::optional<Article> article =
            ExtractCrawledArticle(page.html, scanner.Finish(), page_links, options);
        if (article) {
          ++articles;
          // The crawl's record: references into the page body (version 3)
          // unless BENCH_RECORD=2 (the compressed version 2).
          const std::string record =
              EncodeArticleRecord(*article, zstd_level, record_v2 ? std::string_view() : page.html);
          record_bytes += record.size();
          if (print && r == 0) {
            // The article itself (hashed), not the record: a record of the
            // same article differs with the compression.
            const uint64_t hash = Fnv1a64(ArticleToJson(*article));
            // And the record reads back to the same article.
            const Result<Article> stored = DecodeArticleRecord(record, page.html);
            if (!stored.ok() || ArticleToJson(*stored) != ArticleToJson(*article)) {
              std::fprintf(stderr, "%s: the record does not read back\n", page.url.c_str());
              return 1;
            }
            // And the scan's verbatim marks change no byte: the record is
            // the one the comparing encoder writes without them.
            Article unmarked = *article;
            for (uint32_t& offset : unmarked.paragraph_offsets) {
              if (offset != kNoParagraphOffset) offset &= ~kVerbatimParagraph;
            }
            if (EncodeArticleRecord(unmarked, zstd_level,
                                    record_v2 ? std::string_view() : page.html) != record) {
              std::fprintf(stderr, "%s: the verbatim marks change the record\n", page.url.c_str());
              return 1;
            }
            std::printf("%s %zu %016llx %zu\n", page.url.c_str(), article->paragraphs.size(),
                        static_cast<unsigned long long>(hash), record.size());
          }
        }
      }
    }
  }
  std::fprintf(stderr, "%s: %zu pages x %d, %zu bytes, %zu links, %zu articles, %zu record bytes\n",
               argv[1], pages.size(), reps, bytes, links, articles, record_bytes);
  return 0;
}
