// TimeMarkedAnchor (link_features.h): which <a> start tags say they stand
// for an item's time. It runs on every anchor, in one pass over the
// attributes; these pin what that pass must still see.
#include <gtest/gtest.h>

#include <string>

#include "crawler/extract/html_tokenizer.h"
#include "crawler/extract/link_features.h"

namespace nc {
namespace {

// The first start tag of `html`, read with the crawler's tokenizer.
bool MarkedTag(const std::string& html) {
  HtmlTokenizer tokenizer(html);
  HtmlToken token;
  while (tokenizer.Next(token)) {
    if (token.type == HtmlTokenType::kStartTag) return TimeMarkedAnchor(token);
  }
  ADD_FAILURE() << "no start tag in " << html;
  return false;
}

TEST(TimeMarkedAnchor, TimeAttributesMarkTheAnchor) {
  for (const char* html :
       {"<a datetime=x href=/a>", "<a href=/a data-created-at='2020-07-07'>",
        "<a data-date=x>", "<a data-time>", "<a href=/a data-timestamp=1>",
        "<a DATA-TIME=1 href=/a>"}) {
    EXPECT_TRUE(MarkedTag(html)) << html;
  }
}

TEST(TimeMarkedAnchor, TimeClassWordsMarkTheAnchor) {
  for (const char* html :
       {"<a class=datetime>", "<a class='card timestamp'>", "<a class=\"x\tTIME\">",
        "<a class='date\nlink'>", "<a class='  date  '>"}) {
    EXPECT_TRUE(MarkedTag(html)) << html;
  }
  // Of duplicate attributes the first counts (the tokenizer keeps it).
  EXPECT_FALSE(MarkedTag("<a class=x class='a time'>"));
  EXPECT_TRUE(MarkedTag("<a class=time class=x>"));
}

TEST(TimeMarkedAnchor, OtherAnchorsAreNot) {
  for (const char* html :
       {"<a href=/a>", "<a class=datetimes>", "<a class='up-date'>", "<a class=times>",
        "<a class=dat>", "<a data-dates=x>", "<a id=time>", "<a title=datetime>",
        "<a class=''>", "<a class>"}) {
    EXPECT_FALSE(MarkedTag(html)) << html;
  }
}

}  // namespace
}  // namespace nc
