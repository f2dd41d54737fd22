// A worker keeps the links it resolved (page_processor.cc, ResolvedLinkMemo):
// an absolute href by itself, one starting with '/' with the base's origin.
// Pages of other origins, schemes, ports, userinfo and <base> that repeat
// the same hrefs must each get what resolving against their own base gives,
// the first time and from the memo.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crawler/page_processor.h"
#include "tests/crawler/page_processor_test_helpers.h"

namespace nc {
namespace {

const std::vector<std::string> kHrefs = {
    "/x",
    "/x?utm_source=a&b=1#f",
    "//www.news.test/y",
    "//elsewhere.test/z",
    "http://www.news.test/w",
    "https://www.news.test/w",
    "https://www.news.test:8080/w",
    "/\t/tab.test/q",
    "/",
    "rel/p",
    "?q",
    "#f",
    "mailto:a@news.test",
    "http://bad host/",
};

std::string PageWith(const std::string& base_tag) {
  std::string body = "<html><head>" + base_tag + "</head><body><ul>";
  for (const std::string& href : kHrefs) {
    body += "<li><a href=\"" + href + "\">Un lien vers une autre page du site</a></li>";
  }
  return body + "</ul></body></html>";
}

class PageProcessorLinkMemo : public PageProcessorFixture {};

TEST_F(PageProcessorLinkMemo, RepeatedHrefsResolveAgainstEachPagesOwnBase) {
  struct Page {
    std::string url;
    std::string base_tag;
  };
  const std::vector<Page> pages = {
      {"https://www.news.test/a/b", ""},
      {"http://www.news.test/a/b", ""},
      {"https://www.news.test:8080/c/", ""},
      {"https://user:pw@www.news.test/d", ""},
      {"https://other.test/e/f", ""},
      {"https://www.news.test/g", "<base href=\"https://cdn.news.test/dir/\">"},
  };
  PageProcessor processor(config_, scope_);
  for (int round = 0; round < 2; ++round) {
    for (const Page& page : pages) {
      SCOPED_TRACE(page.url + " round " + std::to_string(round));
      FetchContext context = Context(1);
      context.url.url = page.url;
      const storage::PageRecord record =
          PageOf(processor.Process(context, Html(PageWith(page.base_tag))));
      Url base = U(page.url);
      if (!page.base_tag.empty()) base = U("https://cdn.news.test/dir/");
      std::vector<std::string> want;
      for (const std::string& href : kHrefs) {
        if (auto target = ResolveUrl(base, href); target.ok()) {
          want.push_back(CanonicalKey(*target, CanonicalOptions{}));
        }
      }
      std::vector<std::string> got;
      for (const storage::OutlinkRecord& link : record.links) got.push_back(link.target);
      EXPECT_EQ(got, want);
    }
  }
}

}  // namespace
}  // namespace nc
