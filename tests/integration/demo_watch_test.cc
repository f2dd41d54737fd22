// `newscrawl demo --watch` (issue 14 item 6): after the crawl the demo
// watches the fixture site, which publishes two headlines on its www
// homepage meanwhile; the demo ends by itself, has fetched both, and
// exports as the plain demo does.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(DemoWatch, PublishedHeadlinesAreFetchedAndTheDemoEndsAndExports) {
  TempDir dir;
  std::string out, err;
  ASSERT_EQ(RunNewscrawl({"demo", "--watch", "-q", "--out", dir.path().string()}, &out, &err), 0)
      << out << err;
  EXPECT_NE(out.find("then watching: 4 re-polls"), std::string::npos) << out;
  EXPECT_NE(out.find("published while watching: 2 headline(s)\n"), std::string::npos) << out;
  EXPECT_EQ(Count(out, "  fetched     https://www.lejournal.test:"), 2u) << out;
  EXPECT_EQ(Count(out, "not fetched"), 0u) << out;
  EXPECT_TRUE(std::filesystem::exists(dir / "edges.tsv"));
  EXPECT_GT(std::filesystem::file_size(dir / "edges.tsv"), 0u);
  // The job watched: status shows the watched pages' next polls.
  ASSERT_EQ(RunNewscrawl({"status", "--store", (dir / "store").string()}, &out, &err), 0) << err;
  EXPECT_NE(out.find("watch"), std::string::npos) << out;
}

}  // namespace
}  // namespace nc::testing
