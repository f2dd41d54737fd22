// BlockTextStore (article_dom.h): the scan's block texts live in chunks that
// never move, and TextBlock::text views them. These tests hold the views to
// their bytes across a chunk change, a block longer than a chunk, and a move
// of the store (a PageScan is moved into the extraction).

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crawler/extract/article_dom.h"

namespace nc {
namespace {

TEST(BlockTextStore, ViewsKeepTheirBytesAcrossChunksAndMoves) {
  BlockTextStore store;
  std::vector<std::string> texts;
  std::vector<std::string_view> views;
  // Sizes that fill a 64 KB chunk unevenly, one past a chunk's size, and
  // small ones after it.
  for (size_t size : {5u, 30000u, 30000u, 6000u, 70000u, 1u, 17u, 65536u, 3u}) {
    std::string text(size, '\0');
    for (size_t i = 0; i < size; ++i) text[i] = static_cast<char>('a' + (i * 7 + size) % 26);
    views.push_back(store.Add(text));
    texts.push_back(std::move(text));
  }
  BlockTextStore moved = std::move(store);
  views.push_back(moved.Add("after the move"));
  texts.emplace_back("after the move");
  ASSERT_EQ(views.size(), texts.size());
  for (size_t i = 0; i < texts.size(); ++i) EXPECT_EQ(views[i], texts[i]) << "text " << i;
}

TEST(BlockTextStore, EmptyTextIsAnEmptyView) {
  BlockTextStore store;
  EXPECT_TRUE(store.Add("").empty());
  EXPECT_EQ(store.Add("x"), "x");
}

// Through the scan: every block's text is the page's text, also after the
// PageScan is moved.
TEST(BlockTextStore, ScanBlocksViewTheirTexts) {
  std::string html = "<body>";
  std::vector<std::string> paragraphs;
  for (int i = 0; i < 400; ++i) {
    paragraphs.push_back("Paragraphe " + std::to_string(i) + " " + std::string(200 + i % 50, 'z'));
    html += "<p>" + paragraphs.back() + "</p>";
  }
  PageScan scan = ScanPage(html + "</body>");
  const PageScan moved = std::move(scan);
  ASSERT_EQ(moved.blocks.size(), paragraphs.size());
  for (size_t i = 0; i < paragraphs.size(); ++i) EXPECT_EQ(moved.blocks[i].text, paragraphs[i]);
}

}  // namespace
}  // namespace nc
