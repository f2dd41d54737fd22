// LookupTag compares names as two packed words and a length (session 11,
// issue 16): every known name must be found, and no other string, whatever
// bytes it shares with one (a prefix, a trailing NUL, upper case).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/extract/html_tags.h"

namespace nc {
namespace {

// The names of html_tags.cc's table, each of which has traits.
const std::vector<std::string_view> kKnown = {
    "a",          "abbr",       "address",  "applet",   "area",      "article", "aside",
    "b",          "base",       "basefont", "bdi",      "bdo",       "bgsound", "big",
    "blockquote", "body",       "br",       "button",   "caption",   "center",  "cite",
    "code",       "col",        "colgroup", "data",     "dd",        "details", "dfn",
    "dialog",     "dir",        "div",      "dl",       "dt",        "em",      "embed",
    "fieldset",   "figcaption", "figure",   "font",     "footer",    "form",    "frame",
    "h1",         "h2",         "h3",       "h4",       "h5",        "h6",      "head",
    "header",     "hgroup",     "hr",       "html",     "i",         "iframe",  "img",
    "input",      "kbd",        "keygen",   "label",    "li",        "link",    "listing",
    "main",       "mark",       "marquee",  "math",     "menu",      "meta",    "nav",
    "nobr",       "noembed",    "noframes", "noscript", "object",    "ol",      "optgroup",
    "option",     "p",          "param",    "picture",  "plaintext", "pre",     "q",
    "ruby",       "s",          "samp",     "script",   "search",    "section", "select",
    "small",      "source",     "span",     "strike",   "strong",    "style",   "sub",
    "summary",    "sup",        "svg",      "table",    "tbody",     "td",      "template",
    "textarea",   "tfoot",      "th",       "thead",    "time",      "title",   "tr",
    "track",      "tt",         "u",        "ul",       "var",       "wbr",     "xmp",
};

bool Known(std::string_view name) {
  return std::find(kKnown.begin(), kKnown.end(), name) != kKnown.end();
}

TEST(LookupTag, EveryKnownNameIsFound) {
  for (std::string_view name : kKnown) EXPECT_NE(LookupTag(name).traits, 0) << name;
  EXPECT_EQ(LookupTag("a").tag, HtmlTag::kA);
  EXPECT_EQ(LookupTag("figcaption").traits, html_trait::kClosesP | html_trait::kSpecial);
  EXPECT_EQ(LookupTag("h4").heading_rank, 4);
  EXPECT_EQ(LookupTag("xmp").content, HtmlContent::kRawText);
  EXPECT_EQ(LookupTag("tbody").tag, HtmlTag::kTbody);
}

// Each known name with a byte added or removed, a NUL appended, or in
// upper case, is another name: found only when the table has it.
TEST(LookupTag, NeighboursOfKnownNamesAreNotTakenForThem) {
  for (std::string_view name : kKnown) {
    std::vector<std::string> others = {
        std::string(name) + std::string(1, '\0'), std::string(name) + "x", "x" + std::string(name),
        std::string(name.substr(0, name.size() - 1)), std::string(name.substr(1))};
    std::string upper(name);
    std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) { return c & ~0x20; });
    others.push_back(upper);
    for (const std::string& other : others) {
      const HtmlTagInfo info = LookupTag(other);
      EXPECT_EQ(info.traits != 0, Known(other)) << "'" << other << "' from " << name;
      if (!Known(other)) {
        EXPECT_EQ(info.tag, HtmlTag::kOther) << other;
      }
    }
  }
  EXPECT_EQ(LookupTag("").traits, 0);
  EXPECT_EQ(LookupTag("blockquotes").traits, 0);
  EXPECT_EQ(LookupTag(std::string_view("a\0\0\0\0\0\0\0\0", 9)).traits, 0);
}

}  // namespace
}  // namespace nc
