// Shared set-up of the PageProcessor tests: a URL parser that fails the test
// on bad input, PageOf() for the page of a processed fetch, StoredArticle()
// for the article a page record carries, and a fixture with a default
// CrawlConfig, a seed-domains scope around https://www.news.test/, builders
// of the fetch of a page there (200 or redirect), and the record of an
// article URL's page.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "crawler/article_record.h"
#include "crawler/page_processor.h"
#include "storage/body_codec.h"

namespace nc {

// The page record of a processed fetch: the PageRecord itself, or the one a
// RetryLater carries (what is stored if the URL cannot be queued again).
inline storage::PageRecord PageOf(storage::BatchRecord record) {
  if (auto* page = std::get_if<storage::PageRecord>(&record)) return std::move(*page);
  if (auto* retry = std::get_if<storage::RetryLater>(&record)) return std::move(retry->page);
  ADD_FAILURE() << "Process() gave neither a page nor a retry";
  return {};
}

// The article `page` carries, read against the page's stored body (record
// version 3 keeps its paragraphs as references into that body).
inline Result<Article> StoredArticle(const storage::PageRecord& page) {
  Result<std::string> body = storage::DecompressBody(page.body_zstd);
  if (!body.ok()) return body.error();
  return DecodeArticleRecord(page.article, *body);
}

inline Url U(const std::string& text) {
  auto url = ParseUrl(text);
  EXPECT_TRUE(url.ok()) << text;
  return *url;
}

class PageProcessorFixture : public ::testing::Test {
 protected:
  PageProcessorFixture() : scope_({U("https://www.news.test/")}, ScopeMode::kSeedDomains) {}

  // The fetch of the seed page, https://www.news.test/ (seq 7), at `depth`.
  static FetchContext Context(uint32_t depth = 0) {
    FetchContext c;
    c.host_key = "www.news.test";
    c.url.url = "https://www.news.test/";
    c.url.seq = 7;
    c.url.depth = depth;
    return c;
  }
  // A 200 text/html; charset=utf-8 response with `body`.
  static FetchResult Html(std::string body) {
    FetchResult r;
    r.http_status = 200;
    r.content_type = "text/html; charset=utf-8";
    r.body = std::move(body);
    return r;
  }
  // A `status` redirect to `location`, as the fetcher reports it.
  static FetchResult Redirect(std::string location, int status = 302) {
    FetchResult r;
    r.http_status = status;
    r.location = std::move(location);
    return r;
  }
  // The record of https://www.news.test/monde/article (depth 1), fetched on
  // 2026-04-17 with `html`, by a processor built from config_ and scope_.
  storage::PageRecord ProcessArticleUrl(const std::string& html) {
    PageProcessor processor(config_, scope_);
    FetchContext context = Context(1);
    context.url.url = "https://www.news.test/monde/article";
    FetchResult fetch = Html(html);
    fetch.finished_wall_ms = 1776400000000;  // 2026-04-17
    return PageOf(processor.Process(context, std::move(fetch)));
  }

  CrawlConfig config_;
  CrawlScope scope_;
};

}  // namespace nc
