// The worker's per-page path on pages of B1's shape, for instruction counts
// (issue 16): PageProcessor::Process (decoding, charset, ExtractLinks, then
// AddOutlink per link: resolution, canonical key, follow decision; zstd)
// on the fixture site's HTML pages with B1's options (64 paragraphs, 200
// articles a section, a non-default port, `--scope seed-domains`, articles
// off as in session 9's profile). Under callgrind the link pass alone is
//
//   valgrind --tool=callgrind --toggle-collect='nc::PageProcessor::AddLinks*' \
//     build/tests/bench/bench_page_links [PAGES [PASSES]]
//
// and its instructions per page are the total over PAGES (default 300, the
// first HTML pages of the site, mostly articles) when PASSES is 1. It prints
// the CPU time per page of Process(), best of PASSES (default 5).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "config/crawl_config.h"
#include "crawler/page_processor.h"
#include "fixture/news_site.h"
#include "frontier/link.h"
#include "frontier/scope.h"

namespace {

double CpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

void PrintRecord(const nc::storage::BatchRecord& record, const std::string& url) {
  std::printf("page %s\n", url.c_str());
  const auto* page = std::get_if<nc::storage::PageRecord>(&record);
  if (!page) return;
  for (const nc::storage::OutlinkRecord& link : page->links) {
    std::printf("  %s\t%s\t%s\t%d\t%s\t%u\t%u\t%s\n", link.target.c_str(), link.host_key.c_str(),
                std::string(nc::LinkRoleName(link.role)).c_str(), link.follow ? 1 : 0,
                std::string(nc::SkipReasonName(link.reason)).c_str(), link.depth, link.redirects,
                link.anchor_text.c_str());
  }
}

nc::storage::BatchRecord ProcessHtml(nc::PageProcessor& processor, const std::string& url,
                                     const std::string& content_type, std::string body) {
  nc::FetchContext context;
  context.url.url = url;
  context.url.depth = 1;
  if (auto parsed = nc::ParseUrl(url); parsed.ok()) context.host_key = nc::HostKey(*parsed);
  nc::FetchResult fetch;
  fetch.http_status = 200;
  fetch.content_type = content_type;
  fetch.body = std::move(body);
  return processor.Process(context, std::move(fetch));
}

// Real pages from LIST, each crawled in a seed-domains scope of its own URL.
int DumpList(const nc::CrawlConfig& config, const char* list_path) {
  std::ifstream list(list_path);
  std::string line;
  while (std::getline(list, line)) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string url = line.substr(0, tab);
    std::ifstream file(line.substr(tab + 1), std::ios::binary);
    std::stringstream body;
    body << file.rdbuf();
    auto seed = nc::ParseUrl(url);
    if (!seed.ok()) continue;
    const nc::CrawlScope scope({*seed}, nc::ScopeMode::kSeedDomains);
    auto processor = nc::PageProcessor::Create(config, scope);
    if (!processor.ok()) return 1;
    PrintRecord(ProcessHtml(**processor, url, "text/html", body.str()), url);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace nc;
  const size_t max_pages = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 300;
  fixture::SiteOptions options;
  options.port = 8080;
  options.extra_hosts = 2;
  options.paragraphs_per_article = 64;
  options.articles_per_section = 200;
  const fixture::NewsSite site{options};
  std::vector<fixture::SitePage> pages;
  for (const fixture::SitePage& page : site.AllPages()) {
    if (page.content_type.rfind("text/html", 0) != 0 || page.status != 200) continue;
    pages.push_back(page);
    if (pages.size() >= max_pages) break;
  }
  CrawlConfig config;
  config.extract_articles = false;
  auto seed = ParseUrl("http://www.lejournal.test:8080/");
  const CrawlScope scope({*seed}, ScopeMode::kSeedDomains);
  auto processor = PageProcessor::Create(config, scope);
  if (!processor.ok()) {
    std::fprintf(stderr, "%s\n", processor.error().message.c_str());
    return 1;
  }
  if (argc > 2 && std::string_view(argv[2]) == "dump") {
    for (const fixture::SitePage& page : pages) {
      PrintRecord(ProcessHtml(**processor, page.url, page.content_type, page.body), page.url);
    }
    return argc > 3 ? DumpList(config, argv[3]) : 0;
  }
  std::vector<FetchContext> contexts;
  for (const fixture::SitePage& page : pages) {
    FetchContext context;
    context.url.url = page.url;
    context.url.depth = 1;
    if (auto url = ParseUrl(page.url); url.ok()) context.host_key = HostKey(*url);
    contexts.push_back(std::move(context));
  }
  size_t links = 0;
  size_t bytes = 0;
  double best = 1e9;
  const int passes = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  for (int pass = 0; pass < passes; ++pass) {
    links = 0;
    bytes = 0;
    const double start = CpuSeconds();
    for (size_t i = 0; i < pages.size(); ++i) {
      FetchResult fetch;
      fetch.http_status = 200;
      fetch.content_type = pages[i].content_type;
      fetch.body = pages[i].body;
      bytes += fetch.body.size();
      storage::BatchRecord record = (*processor)->Process(contexts[i], std::move(fetch));
      if (auto* page = std::get_if<storage::PageRecord>(&record)) links += page->links.size();
    }
    best = std::min(best, CpuSeconds() - start);
  }
  std::printf("%zu pages, %.1f KB/page, %.1f outlinks/page, Process %.1f us CPU/page (best of %d)\n",
              pages.size(), static_cast<double>(bytes) / 1024.0 / pages.size(),
              static_cast<double>(links) / pages.size(), best * 1e6 / pages.size(), passes);
  return 0;
}
