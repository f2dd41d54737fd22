#include "storage/export_edges.h"

#include <gmock/gmock.h>

#include <sstream>

#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

using ExportEdgesTest = StoreTest;

TEST_F(ExportEdgesTest, OneLinePerEdgeWithRoleFollowedAndReason) {
  QueuedUrl home = AddSeed("https://a.test/");
  Commit({Page("a.test", home, SmallGraphLinks())});
  std::ostringstream out;
  Status s = ExportEdgesTsv(*store_, out);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(out.str(),
            "https://a.test/\thttps://a.test/art\theadline\tUn titre\t1\t\n"
            "https://a.test/\thttps://a.test/about\tfooter\tÀ propos\t0\trole\n"
            "https://a.test/\thttps://x.test/\texternal\t\t0\tscope\n");
}

TEST_F(ExportEdgesTest, AnchorTextIsEscapedToStayOnOneLine) {
  QueuedUrl home = AddSeed("https://a.test/");
  Commit(
      {Page("a.test", home, {Link("https://a.test/x", true, LinkRole::kRelated, "a\\b\tc\r\nd")})});
  std::ostringstream out;
  ASSERT_TRUE(ExportEdgesTsv(*store_, out).ok());
  EXPECT_EQ(out.str(), "https://a.test/\thttps://a.test/x\trelated\ta\\\\b\\tc\\r\\nd\t1\t\n");
}

TEST_F(ExportEdgesTest, EmptyStoreExportsNothing) {
  std::ostringstream out;
  ASSERT_TRUE(ExportEdgesTsv(*store_, out).ok());
  EXPECT_EQ(out.str(), "");
}

TEST_F(ExportEdgesTest, FailedOutputStreamIsAnError) {
  QueuedUrl home = AddSeed("https://a.test/");
  Commit({Page("a.test", home, {Link("https://a.test/x", true)})});
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  Status s = ExportEdgesTsv(*store_, out);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "export.write");
}

TEST(TsvEscapeTest, EscapesOnlyTheFourSpecialCharacters) {
  std::string out;
  AppendTsvEscaped("plain «text» é", &out);
  EXPECT_EQ(out, "plain «text» é");
  out.clear();
  AppendTsvEscaped("\\\t\r\n", &out);
  EXPECT_EQ(out, "\\\\\\t\\r\\n");
}

}  // namespace
}  // namespace nc::storage::testing
