// LinkMemo (crawler/extract/link_memo.h) and the href memo on top of it
// (link_href_memo.h): a hit is the value of these very bytes, never of
// another key that shares the slot, and the memoised functions answer as
// the functions themselves, first time or again.
#include "crawler/extract/link_memo.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "crawler/extract/html_links.h"
#include "crawler/extract/link_href_memo.h"
#include "crawler/extract/link_href_roles.h"
#include "crawler/extract/url_shape.h"

namespace nc {
namespace {

// Looks `prefix` + `key` up in `memo`, storing `value` on a miss; returns
// the value found (or stored).
template <size_t kSlots>
int Remember(LinkMemo<int, kSlots>& memo, std::string_view prefix, std::string_view key, int value,
             bool& hit) {
  auto* slot = memo.Find(prefix, key, hit);
  if (slot == nullptr) return value;
  if (!hit) {
    slot->value = value;
    memo.Keep(*slot);
  }
  return slot->value;
}

TEST(LinkMemo, AKeyOfTheSameSizeInTheSameSlotIsAMiss) {
  LinkMemo<int, 1> memo;  // one slot: every key shares it
  bool hit = false;
  EXPECT_EQ(Remember(memo, "", "ab", 1, hit), 1);
  EXPECT_FALSE(hit);
  EXPECT_EQ(Remember(memo, "", "ab", 9, hit), 1);
  EXPECT_TRUE(hit);
  EXPECT_EQ(Remember(memo, "", "cd", 2, hit), 2);  // same size, other bytes
  EXPECT_FALSE(hit);
  EXPECT_EQ(Remember(memo, "", "ab", 3, hit), 3);  // replaced, not remembered
  EXPECT_FALSE(hit);
}

TEST(LinkMemo, ThePrefixIsPartOfTheKey) {
  LinkMemo<int, 1> memo;
  bool hit = false;
  Remember(memo, "http://a.test", "/x", 1, hit);
  EXPECT_EQ(Remember(memo, "http://b.test", "/x", 2, hit), 2);
  EXPECT_FALSE(hit);
  EXPECT_EQ(Remember(memo, "http://b.test", "/x", 3, hit), 2);
  EXPECT_TRUE(hit);
}

TEST(LinkMemo, AnEmptyKeyIsNotFoundInAnEmptySlot) {
  LinkMemo<int, 4> memo;
  bool hit = true;
  auto* slot = memo.Find("", "", hit);
  ASSERT_NE(slot, nullptr);
  EXPECT_FALSE(hit);
  slot->value = 5;
  memo.Keep(*slot);
  memo.Find("", "", hit);
  EXPECT_TRUE(hit);
}

TEST(LinkMemo, AMissWithoutKeepLeavesNothingBehind) {
  LinkMemo<int, 1> memo;
  bool hit = false;
  Remember(memo, "", "ab", 1, hit);
  auto* slot = memo.Find("", "cd", hit);  // the caller gives up: no Keep
  ASSERT_NE(slot, nullptr);
  memo.Find("", "ab", hit);
  EXPECT_FALSE(hit);
  memo.Find("", "cd", hit);
  EXPECT_FALSE(hit);
}

TEST(LinkMemo, LongKeysAreNotKept) {
  LinkMemo<int, 4> memo;
  bool hit = true;
  const std::string long_key(LinkMemo<int, 4>::kMaxKeyBytes + 1, 'a');
  EXPECT_EQ(memo.Find("", long_key, hit), nullptr);
  EXPECT_FALSE(hit);
}

// Hrefs of every kind the two functions tell apart, each asked three times
// (the memo fills, then answers), interleaved so that they share slots.
TEST(LinkHrefMemo, AnswersAsTheFunctionsDo) {
  const std::vector<std::string> hrefs = {
      "#top",
      "/tag/x",
      "/dossiers/la-guerre/",
      "https://boutique.lejournal.test/offre",
      "/https://other.example/2020/05/story",
      "/monde/2026/04/16/la-russie-met-fin-a-sa-cooperation-civile-1001.html",
      "/startseite/",
      "/antifa-im-lehrerzimmer/",
      "",
      "  /monde/",
      "/monde/",
      "//cdn.example/x-1234567.html?a=b#c",
      " //boutique.example/a",
      "\f/jeux/mots-croises",
      "https://www.example/https://other.example/a",
      "///https:/x",
      "/a/https://b.example/",
      "/HTTP:/x",
  };
  for (int round = 0; round < 3; ++round) {
    for (const std::string& href : hrefs) {
      SCOPED_TRACE(href);
      const HrefFacts want = AnalyzeHref(href);
      const HrefFacts got = MemoAnalyzeHref(href);
      EXPECT_EQ(got.shape, want.shape);
      EXPECT_EQ(got.path_template, want.path_template);
      EXPECT_EQ(got.service, want.service);
      EXPECT_EQ(got.front_page, want.front_page);
      EXPECT_EQ(got.lone_title_segment, want.lone_title_segment);
      // MemoRoleForHref passes AnalyzeHref's `service` for IsServiceHref.
      EXPECT_EQ(want.service, IsServiceHref(href));
      for (LinkRole role : {LinkRole::kHeadline, LinkRole::kRelated, LinkRole::kNav,
                            LinkRole::kOther, LinkRole::kFooter}) {
        EXPECT_EQ(MemoRoleForHref(role, href), RoleForHref(role, href));
      }
    }
  }
}

// IsPastedUrlHref looks at the first non-empty path segment only (it is
// asked of every headline and related link that misses the memo).
TEST(PastedUrlHref, OnlyTheFirstSegmentCounts) {
  EXPECT_TRUE(IsPastedUrlHref("/https://other.example/2020/05/story"));
  EXPECT_TRUE(IsPastedUrlHref("https://site.example/http://x.example/a"));
  EXPECT_TRUE(IsPastedUrlHref("///HTTPS:/x"));
  EXPECT_TRUE(IsPastedUrlHref("/http:"));
  EXPECT_FALSE(IsPastedUrlHref("/a/https://b.example/"));
  EXPECT_FALSE(IsPastedUrlHref("/https-guide/"));
  EXPECT_FALSE(IsPastedUrlHref("/"));
  EXPECT_FALSE(IsPastedUrlHref(""));
  EXPECT_FALSE(IsPastedUrlHref("?https:/x"));
}

// The tracker keeps each heading's verdict per thread (link_roles.cc,
// HeadingVerdictOf): headings that alternate on a page, and pages that
// repeat them, get the verdict of their own text each time.
TEST(LinkHeadingMemo, AlternatingHeadingsKeepTheirOwnVerdicts) {
  const std::string teaser =
      "<li><a href=/monde/2026/04/16/un-titre-assez-long-1.html>"
      "Un titre assez long pour un article du jour</a></li>";
  std::string html = "<html><body>";
  for (int i = 0; i < 3; ++i) {
    for (const char* heading : {"Lire aussi", "Les plus lus", "Politique"}) {
      html += std::string("<div><h2>") + heading + "</h2><ul>" + teaser + "</ul></div>";
    }
  }
  html += "</body></html>";
  for (int page = 0; page < 2; ++page) {
    std::vector<LinkRole> structural;
    for (const ExtractedLink& link : ExtractLinks(html, "https://www.news.test/").links) {
      structural.push_back(link.structural_role);
    }
    ASSERT_EQ(structural.size(), 9u);
    for (size_t i = 0; i < structural.size(); ++i) {
      SCOPED_TRACE(i);
      EXPECT_EQ(structural[i], i % 3 == 0 ? LinkRole::kRelated : LinkRole::kHeadline);
    }
  }
}

}  // namespace
}  // namespace nc
