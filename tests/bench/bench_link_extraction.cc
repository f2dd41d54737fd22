// The per-page link path a worker runs, in MB/s of HTML: tokenizer and link
// roles (ExtractLinks), [[site]] selector overrides when the host has them
// (Modest parse + selector matching + alignment), URL resolution, canonical
// key, host key and the follow decision (scope, follow filter, role,
// limits, traps) — what PageProcessor::AddLinks does, minus the body
// decoding and zstd compression around it.
//
// Pages: ~50 KB French articles of the fixture site (64 paragraphs, header
// menu, related block, footer), its homepage and section pages with 120
// articles a section (link-dense, 30 KB and more),
// and /work/shared/seeds/news-article-example.txt (a real article's text,
// when present) wrapped in the same kind of markup and padded to ~50 KB.
//
// Variants: heuristic roles only; with a [[site]] override for the host;
// with include/exclude regexes and host lists. A second group measures the
// regex engines alone (std::regex vs RE2) on the URLs of those pages, to
// justify RE2 for crawl.include / crawl.exclude.
//
//   bench_link_extraction                       (all)
//   bench_link_extraction --benchmark_filter=Regex
#include <benchmark/benchmark.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "crawler/extract/css_selector_roles.h"
#include "crawler/extract/html_links.h"
#include "crawler/page_processor.h"
#include "fixture/news_site.h"

namespace nc {
namespace {

constexpr const char* kHost = "www.lejournal.test";

struct Page {
  std::string url;
  std::string html;
};

std::string SeedArticle() {
  std::ifstream in("/work/shared/seeds/news-article-example.txt");
  if (!in) return "";
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  if (lines.size() < 4) return "";
  // Body paragraphs first, then the related headlines as links (the text
  // ends with them: short lines without a final period).
  std::string body, related;
  for (size_t i = 0; i < lines.size(); ++i) {
    const bool headline = lines[i].size() < 110 && lines[i].back() != '.' && i > 2;
    if (headline) {
      related += "<li><a href=\"/monde/2026/04/16/lie-" + std::to_string(i) + ".html\">" +
                 lines[i] + "</a></li>\n";
    } else {
      body += "<p>" + lines[i] + "</p>\n";
    }
  }
  std::string page =
      "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Article</title>"
      "</head><body><header><p class=\"logo\"><a href=\"/\">Le Journal</a></p><nav class=\"menu\">"
      "<ul><li><a href=\"/monde/\">Monde</a></li><li><a href=\"/economie/\">Économie</a></li>"
      "<li><a href=\"/culture/\">Culture</a></li></ul></nav></header><main><article><h1>OTAN"
      "</h1>\n";
  while (page.size() < 48 * 1024) page += body;
  page += "</article><section class=\"articles-lies\"><h2>Articles liés</h2><ul>\n" + related +
          "</ul></section></main><footer><ul class=\"pied\"><li><a href=\"/mentions-legales.html\">"
          "Mentions légales</a></li><li><a href=\"/contact.html\">Contact</a></li></ul></footer>"
          "</body></html>";
  return page;
}

// Which pages: 0 = ~50 KB articles, 1 = link-dense section pages, 2 = seed article.
const std::vector<Page>& Pages(int which) {
  static const std::vector<std::vector<Page>> sets = [] {
    fixture::SiteOptions options;
    options.paragraphs_per_article = 64;
    const fixture::NewsSite site{options};
    std::vector<std::vector<Page>> out(3);
    for (const fixture::SitePage& page : site.AllPages()) {
      if (page.content_type.rfind("text/html", 0) != 0) continue;
      if (page.body.size() >= 40 * 1024 && out[0].size() < 64) {
        out[0].push_back({page.url, page.body});
      }
    }
    // Link-dense pages: section pages listing many articles (and the
    // homepage), as on real news sites with 100-500 links a page.
    fixture::SiteOptions dense;
    dense.articles_per_section = 120;
    const fixture::NewsSite dense_site{dense};
    for (const fixture::SitePage& page : dense_site.AllPages()) {
      if (page.content_type.rfind("text/html", 0) != 0) continue;
      if (page.body.size() >= 30 * 1024) out[1].push_back({page.url, page.body});
    }
    if (std::string seed = SeedArticle(); !seed.empty()) {
      out[2].push_back({"https://www.lejournal.test/monde/2026/04/16/otan.html", seed});
    }
    return out;
  }();
  return sets[which];
}

CrawlConfig Config(bool selectors, bool filters) {
  CrawlConfig config;
  if (selectors) {
    config.sites = {SiteRules{kHost, "section.une a, section.rubrique li a", "section.articles-lies a",
                              "nav.menu, p.logo", "footer, p.partage"}};
  }
  if (filters) {
    config.include = {"/20[0-9]{2}/[0-9]{2}/", "/(monde|economie|culture|football|tennis)/$"};
    config.exclude = {"[?&](page|replytocom)=", "/(tag|auteur|prive)/", "\\.(pdf|jpg|png)$"};
    config.allow_hosts = {"*.lejournal.test"};
    config.deny_hosts = {"pub.lejournal.test"};
  }
  return config;
}

// The worker's link path for one page; returns links followed (kept so the
// compiler cannot drop the work).
size_t LinkPath(const PageProcessor& processor, const CssSelectorRoles* css, const Url& source,
                std::string_view html) {
  PageLinks page = ExtractLinks(html);
  if (css) {
    if (const CssSelectorRoles::Site* site = css->ForHost(source.host)) {
      (void)css->Apply(*site, html, page.links);
    }
  }
  static const CanonicalOptions canonical;
  size_t followed = 0;
  // As AddLinks does: the base read once, one Url reused for every link.
  const UrlResolver base(source);
  Url target;
  for (const ExtractedLink& link : page.links) {
    if (!base.ResolveInto(link.href, target).ok()) continue;
    const std::string key = CanonicalKey(target, canonical);
    const std::string host_key = HostKey(target);
    benchmark::DoNotOptimize(host_key.data());
    followed += processor.Decide(target, key, link.role, 1, link.rel_nofollow).follow;
  }
  return followed;
}

// Args: page set, selectors (0/1), filters (0/1).
void BM_LinkPath(benchmark::State& state) {
  const std::vector<Page>& pages = Pages(static_cast<int>(state.range(0)));
  if (pages.empty()) {
    state.SkipWithError("no pages (seed text missing?)");
    return;
  }
  const CrawlConfig config = Config(state.range(1) != 0, state.range(2) != 0);
  auto seed = ParseUrl("https://www.lejournal.test/");
  CrawlScope scope({*seed}, ScopeMode::kSeedDomains);
  PageProcessor processor(config, scope);
  std::unique_ptr<CssSelectorRoles> css;
  if (!config.sites.empty()) {
    auto made = CssSelectorRoles::Create(config.sites);
    if (!made.ok()) {
      state.SkipWithError(made.error().message.c_str());
      return;
    }
    css = std::move(*made);
  }
  std::vector<Url> sources;
  size_t bytes = 0, links = 0;
  for (const Page& page : pages) {
    sources.push_back(*ParseUrl(page.url));
    bytes += page.html.size();
    links += ExtractLinks(page.html).links.size();
  }
  size_t followed = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < pages.size(); ++i) {
      followed += LinkPath(processor, css.get(), sources[i], pages[i].html);
    }
  }
  benchmark::DoNotOptimize(followed);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * pages.size()));
  state.counters["KB/page"] = static_cast<double>(bytes) / 1024.0 / pages.size();
  state.counters["links/page"] = static_cast<double>(links) / pages.size();
  state.counters["fallbacks"] = css ? static_cast<double>(css->fallbacks()) : 0.0;
}
BENCHMARK(BM_LinkPath)
    ->ArgNames({"pages", "selectors", "filters"})
    ->Args({0, 0, 0})
    ->Args({0, 1, 0})
    ->Args({0, 0, 1})
    ->Args({0, 1, 1})
    ->Args({1, 0, 0})
    ->Args({1, 1, 0})
    ->Args({1, 0, 1})
    ->Args({2, 0, 0})
    ->Args({2, 1, 0});

// --- the regex engines alone, on the canonical URLs of the pages ---

const std::vector<std::string>& Urls() {
  static const std::vector<std::string> urls = [] {
    std::vector<std::string> out;
    CanonicalOptions canonical;
    for (int set = 0; set < 2; ++set) {
      for (const Page& page : Pages(set)) {
        auto source = ParseUrl(page.url);
        for (const ExtractedLink& link : ExtractLinks(page.html).links) {
          if (auto target = ResolveUrl(*source, link.href); target.ok()) {
            out.push_back(CanonicalKey(*target, canonical));
          }
        }
      }
    }
    return out;
  }();
  return urls;
}

const std::vector<std::string> kInclude = {"/20[0-9]{2}/[0-9]{2}/",
                                           "/(monde|economie|culture|football|tennis)/$"};
const std::vector<std::string> kExclude = {"[?&](page|replytocom)=", "/(tag|auteur|prive)/",
                                           "\\.(pdf|jpg|png)$"};

std::string Joined(const std::vector<std::string>& patterns) {
  std::string joined;
  for (const auto& p : patterns) joined += (joined.empty() ? "(?:" : "|(?:") + p + ")";
  return joined;
}

void BM_RegexStd(benchmark::State& state) {
  // ECMAScript grammar has (?:...): one alternation per list, as with RE2.
  const std::regex include(Joined(kInclude), std::regex::optimize);
  const std::regex exclude(Joined(kExclude), std::regex::optimize);
  const auto& urls = Urls();
  size_t wanted = 0, bytes = 0;
  for (const auto& u : urls) bytes += u.size();
  for (auto _ : state) {
    for (const std::string& url : urls) {
      wanted += std::regex_search(url, include) && !std::regex_search(url, exclude);
    }
  }
  benchmark::DoNotOptimize(wanted);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * urls.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["wanted%"] = 100.0 * wanted / (state.iterations() * urls.size());
}
BENCHMARK(BM_RegexStd);

void BM_RegexRe2(benchmark::State& state) {
  const re2::RE2 include(Joined(kInclude));
  const re2::RE2 exclude(Joined(kExclude));
  const auto& urls = Urls();
  size_t wanted = 0, bytes = 0;
  for (const auto& u : urls) bytes += u.size();
  for (auto _ : state) {
    for (const std::string& url : urls) {
      wanted += re2::RE2::PartialMatch(url, include) && !re2::RE2::PartialMatch(url, exclude);
    }
  }
  benchmark::DoNotOptimize(wanted);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * urls.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["wanted%"] = 100.0 * wanted / (state.iterations() * urls.size());
}
BENCHMARK(BM_RegexRe2);

}  // namespace
}  // namespace nc

BENCHMARK_MAIN();
