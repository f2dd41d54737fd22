// The attributes the article scan reads from an element (crawler/extract/
// article_dom.cc: class, id, style, hidden, aria-hidden, itemprop), found in
// one pass over the tag's attributes: each one still decides what it did,
// whatever the order, the case of the name and the attributes around it.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "crawler/extract/article_dom.h"

namespace nc {
namespace {

TEST(ArticleDomAttributes, HiddenElementsGiveNoText) {
  struct Case {
    std::string_view html;  // an element around <p>Text.</p>
    bool visible;
  };
  const Case cases[] = {
      {"<div>", true},
      {"<div hidden>", false},
      {"<div data-x=1 HIDDEN class=a>", false},  // upper case, among others
      {"<div aria-hidden=\"TRUE\">", false},
      {"<div aria-hidden=\"false\">", true},
      {"<div id=x style=\"color: red; Display : None\">", false},
      {"<div style=\"visibility:hidden\">", false},
      {"<div style=\"display:block\" data-hidden=1 ariahidden=true>", true},
  };
  for (const Case& c : cases) {
    const PageScan scan = ScanPage("<body>" + std::string(c.html) + "<p>Text.</p></div></body>");
    const bool visible = !scan.blocks.empty() && scan.blocks[0].text == "Text.";
    EXPECT_EQ(visible, c.visible) << c.html;
  }
}

TEST(ArticleDomAttributes, ClassAndIdAreClassifiedInAnyOrder) {
  const PageScan scan = ScanPage(
      "<body><div title=t id=\"comments\"><p>In comments.</p></div>"
      "<div class=\"article-body\" lang=fr><p>In the body.</p></div>"
      "<div CLASS=sidebar ID=main-content><p>Sidebar and main.</p></div></body>");
  ASSERT_EQ(scan.blocks.size(), 3u);
  // The <div> holding each block's <p>.
  auto div = [&](size_t block) -> const DomNode& {
    const DomNode& p = scan.nodes[static_cast<size_t>(scan.blocks[block].node)];
    return scan.nodes[static_cast<size_t>(p.parent)];
  };
  EXPECT_TRUE(scan.blocks[0].flags & dom_flag::kInUnlikely);
  EXPECT_TRUE(div(1).flags & dom_flag::kPositive);
  EXPECT_FALSE(scan.blocks[1].flags & dom_flag::kInUnlikely);
  // "main" (from the id) makes a sidebar class no reason to drop it.
  const uint16_t both = div(2).flags;
  EXPECT_TRUE(both & dom_flag::kMaybe);
  EXPECT_TRUE(both & dom_flag::kNegative);
  EXPECT_FALSE(both & dom_flag::kUnlikely);
  // The class attribute's hash (siblings of one kind share it); none without one.
  EXPECT_NE(div(1).class_hash, 0u);
  EXPECT_EQ(scan.nodes[static_cast<size_t>(scan.blocks[1].node)].class_hash, 0u);
}

TEST(ArticleDomAttributes, ItempropMarksADate) {
  // An itemprop with a content, a look-alike attribute name, a <time>.
  const std::vector<TimeElement> times =
      ScanPage(
          "<body><span class=d itemprop=\"datePublished\" content=\"2024-05-01T10:00:00Z\">1 mai"
          "</span><div data-itemprop=x content=\"2024-06-01\">no</div>"
          "<time datetime=\"2024-05-02\">2 mai</time></body>")
          .times;
  ASSERT_EQ(times.size(), 2u);
  EXPECT_EQ(times[0].itemprop, "datePublished");
  EXPECT_EQ(times[0].datetime, "2024-05-01T10:00:00Z");
  EXPECT_EQ(times[1].datetime, "2024-05-02");
}

}  // namespace
}  // namespace nc
