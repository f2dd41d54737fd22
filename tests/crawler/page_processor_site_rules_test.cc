// [[site]] CSS-selector rules reach the page processor only for the site's host.

#include <gtest/gtest.h>

#include "crawler/page_processor.h"
#include "tests/crawler/extract/french_home_page.h"
#include "tests/crawler/page_processor_test_helpers.h"

namespace nc {
namespace {

using testing::kFrenchHome;

TEST(CssSelectorRoles, PageProcessorAppliesThemOnlyToTheSitesHost) {
  CrawlConfig config;
  config.sites = {SiteRules{"www.lejournal.test", "div.fil a", "", ".barre", ""}};
  auto seed = ParseUrl("https://www.lejournal.test/");
  ASSERT_TRUE(seed.ok());
  CrawlScope scope({*seed}, ScopeMode::kSeedDomains);
  auto processor = PageProcessor::Create(config, scope);
  ASSERT_TRUE(processor.ok()) << processor.error().message;
  auto process = [&](const std::string& url) {
    FetchContext context;
    context.url.url = url;
    context.url.seq = 1;
    FetchResult fetch;
    fetch.http_status = 200;
    fetch.content_type = "text/html";
    fetch.body = kFrenchHome;
    return PageOf((*processor)->Process(context, std::move(fetch)));
  };
  storage::PageRecord www = process("https://www.lejournal.test/");
  ASSERT_EQ(www.links.size(), 6u);
  EXPECT_EQ(www.links[0].role, LinkRole::kNav);
  EXPECT_EQ(www.links[2].role, LinkRole::kHeadline);
  EXPECT_TRUE(www.links[2].follow);
  storage::PageRecord sport = process("https://sport.lejournal.test/");
  ASSERT_EQ(sport.links.size(), 6u);
  EXPECT_EQ(sport.links[0].role, LinkRole::kHeadline);  // heuristic: no rules for this host
  EXPECT_EQ(sport.links[2].role, LinkRole::kOther);
  EXPECT_EQ((*processor)->selector_fallbacks(), 0u);

  config.sites[0].related = "p > > a";
  auto bad = PageProcessor::Create(config, scope);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("key 'site[0].related'"), std::string::npos)
      << bad.error().message;
}

}  // namespace
}  // namespace nc
