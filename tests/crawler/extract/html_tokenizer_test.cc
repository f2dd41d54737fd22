#include "crawler/extract/html_tokenizer.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace nc {
namespace {

// Renders tokens compactly: <tag a='v'>, </tag>, text as is, raw:/rcdata:/cdata:
// prefixes for literal text, svg: for tokens in foreign content.
std::vector<std::string> Tokens(std::string_view html) {
  std::vector<std::string> out;
  HtmlTokenizer tokenizer(html);
  HtmlToken t;
  while (tokenizer.Next(t)) {
    std::string s = t.foreign ? "svg:" : "";
    switch (t.type) {
      case HtmlTokenType::kStartTag:
        s += "<" + std::string(t.name);
        for (const HtmlAttribute& a : t.attributes) {
          s += " " + std::string(a.name) + "='" + std::string(a.value) + "'";
        }
        s += t.self_closing ? "/>" : ">";
        break;
      case HtmlTokenType::kEndTag:
        s += "</" + std::string(t.name) + ">";
        break;
      case HtmlTokenType::kText:
        if (t.text_kind == HtmlTextKind::kRawText) s += "raw:";
        if (t.text_kind == HtmlTextKind::kRcdata) s += "rcdata:";
        if (t.text_kind == HtmlTextKind::kCdata) s += "cdata:";
        s += std::string(t.text);
        break;
    }
    out.push_back(s);
  }
  return out;
}

using V = std::vector<std::string>;

struct TokenCase {
  const char* name;
  const char* html;
  V want;
};

// Failing cases print their name instead of raw bytes.
void PrintTo(const TokenCase& c, std::ostream* os) { *os << c.name; }

class TokenizerRuleTest : public testing::TestWithParam<TokenCase> {};

TEST_P(TokenizerRuleTest, Tokens) { EXPECT_EQ(Tokens(GetParam().html), GetParam().want); }

INSTANTIATE_TEST_SUITE_P(
    Html5, TokenizerRuleTest,
    testing::Values(
        // Tags and attributes
        TokenCase{"TagAndAttributeNamesAreCaseInsensitive", "<DiV CLASS=Une></DIV>",
                  V{"<div class='Une'>", "</div>"}},
        TokenCase{"DoubleSingleAndUnquotedValues", "<a href=\"x y\" title='a \"b\"' id=z>",
                  V{"<a href='x y' title='a \"b\"' id='z'>"}},
        TokenCase{"AttributeWithoutValue", "<input disabled name = q>",
                  V{"<input disabled='' name='q'>"}},
        TokenCase{"DuplicateAttributeFirstWins", "<a href=1 HREF=2 href='3'>", V{"<a href='1'>"}},
        TokenCase{"UnquotedValueKeepsSlash", "<a href=/x/>t", V{"<a href='/x/'>", "t"}},
        TokenCase{"SelfClosingFlag", "<br/><br />", V{"<br/>", "<br/>"}},
        TokenCase{"SlashSeparatesAttributes", "<a/href=x/ id=y>", V{"<a href='x/' id='y'>"}},
        TokenCase{"EqualsSignStartsAttributeName", "<a =x>", V{"<a =x=''>"}},
        TokenCase{"QuoteInsideAttributeName", "<a b\"c=d>", V{"<a b\"c='d'>"}},
        TokenCase{"NoSpaceAfterQuotedValue", "<a href=\"x\"title=\"y\">",
                  V{"<a href='x' title='y'>"}},
        TokenCase{"CharRefsDecodedInAttributes", "<a href=\"?a=1&amp;b=2&copy=3&lt\">",
                  V{"<a href='?a=1&b=2&copy=3<'>"}},
        TokenCase{"GreaterThanInQuotedValue", "<a title=\"a>b\">t", V{"<a title='a>b'>", "t"}},
        TokenCase{"NewlinesInsideTag", "<a\nhref\n=\n'x'\n>", V{"<a href='x'>"}},
        TokenCase{"EndTagAttributesDropped", "</a href=x>", V{"</a>"}},
        TokenCase{"LessThanNotStartingATagIsText", "a < b <3 <> c", V{"a < b <3 <> c"}},
        // The search for markup starts right after a tag: a '<' there is
        // checked like any other.
        TokenCase{"LessThanRightAfterATagIsText", "<b>< c<<i>x</b><<3",
                  V{"<b>", "< c<", "<i>", "x", "</b>", "<<3"}},
        TokenCase{"LessThanAtEndIsText", "a<", V{"a<"}},
        TokenCase{"EndTagOpenAtEndIsText", "a</", V{"a", "</"}},
        TokenCase{"EofInTagDropsTag", "a<a href='x", V{"a"}},
        TokenCase{"EofInUnquotedValueDropsTag", "a<a href=x", V{"a"}},
        TokenCase{"EofInTagNameDropsTag", "a<div", V{"a"}},
        // Comments and declarations
        TokenCase{"CommentSkipped", "a<!-- <a href=x> -->b", V{"a", "b"}},
        TokenCase{"EmptyComment", "a<!---->b", V{"a", "b"}},
        TokenCase{"AbruptCommentClose", "a<!-->b", V{"a", "b"}},
        TokenCase{"AbruptCommentCloseWithDash", "a<!--->b", V{"a", "b"}},
        TokenCase{"DoubleDashInsideComment", "a<!-- x -- y -->b", V{"a", "b"}},
        TokenCase{"CommentEndsWithDashDashBang", "a<!-- x --!>b", V{"a", "b"}},
        TokenCase{"DashDashBangNotFollowedByGt", "a<!-- x --!y -->b", V{"a", "b"}},
        TokenCase{"ExtraDashesBeforeClose", "a<!-- x --->b", V{"a", "b"}},
        TokenCase{"UnclosedCommentRunsToEnd", "a<!-- <a href=x>", V{"a"}},
        TokenCase{"Doctype", "<!DOCTYPE html>a<!doctype html>b", V{"a", "b"}},
        TokenCase{"ProcessingInstructionIsBogusComment", "a<?xml version='1.0'?>b", V{"a", "b"}},
        TokenCase{"BogusEndTagIsComment", "a</ x>b</3>c", V{"a", "b", "c"}},
        TokenCase{"EmptyEndTagIgnored", "a</>b", V{"a", "b"}},
        TokenCase{"CdataOutsideForeignIsBogusComment", "<![CDATA[x>y]]>", V{"y]]>"}},
        TokenCase{"CdataInSvgIsText", "<svg><![CDATA[<a href=x>]]></svg>",
                  V{"<svg>", "svg:cdata:<a href=x>", "</svg>"}},
        // Raw text and RCDATA
        TokenCase{"ScriptIsRawText", "<script><a href=x></script>",
                  V{"<script>", "raw:<a href=x>", "</script>"}},
        TokenCase{"StyleIsRawText", "<style><a href=x></style>",
                  V{"<style>", "raw:<a href=x>", "</style>"}},
        TokenCase{"XmpIsRawText", "<xmp><a href=x></xmp>", V{"<xmp>", "raw:<a href=x>", "</xmp>"}},
        TokenCase{"IframeIsRawText", "<iframe><a href=x></iframe>",
                  V{"<iframe>", "raw:<a href=x>", "</iframe>"}},
        TokenCase{"NoembedIsRawText", "<noembed><a href=x></noembed>",
                  V{"<noembed>", "raw:<a href=x>", "</noembed>"}},
        TokenCase{"NoframesIsRawText", "<noframes><a href=x></noframes>",
                  V{"<noframes>", "raw:<a href=x>", "</noframes>"}},
        // Scripting off: the crawler runs no script, so <noscript> holds tags.
        TokenCase{"NoscriptHoldsTagsWithScriptingOff", "<noscript><a href=x></noscript>",
                  V{"<noscript>", "<a href='x'>", "</noscript>"}},
        TokenCase{"TitleIsRcdata", "<title>a &amp; <b></title>",
                  V{"<title>", "rcdata:a &amp; <b>", "</title>"}},
        TokenCase{"TextareaIsRcdata", "<textarea><a href=x></textarea>",
                  V{"<textarea>", "rcdata:<a href=x>", "</textarea>"}},
        TokenCase{"RawTextEndTagIsCaseInsensitive", "<script>x</SCRIPT >y",
                  V{"<script>", "raw:x", "</script>", "y"}},
        TokenCase{"RawTextEndTagNeedsDelimiter", "<style>a</styles>b</style\tc>d",
                  V{"<style>", "raw:a</styles>b", "</style>", "d"}},
        TokenCase{"RawTextEndTagWithSlash", "<title>a</title/>b",
                  V{"<title>", "rcdata:a", "</title>", "b"}},
        TokenCase{"OtherEndTagsInsideRawText", "<script>a</div></a></scrip>b</script>",
                  V{"<script>", "raw:a</div></a></scrip>b", "</script>"}},
        TokenCase{"UnclosedRawTextRunsToEnd", "<script><a href=x>",
                  V{"<script>", "raw:<a href=x>"}},
        TokenCase{"EmptyRawText", "<script></script>a", V{"<script>", "</script>", "a"}},
        TokenCase{"ScriptEscapedEndsAtEndTag", "<script><!-- x </script>t",
                  V{"<script>", "raw:<!-- x ", "</script>", "t"}},
        TokenCase{"ScriptDoubleEscapedHidesEndTag",
                  "<script><!--<script></script><a href=x>--></script>t",
                  V{"<script>", "raw:<!--<script></script><a href=x>-->", "</script>", "t"}},
        TokenCase{"ScriptDoubleEscapeEndsWithDashDashGt", "<script><!-- <script> --> </script>t",
                  V{"<script>", "raw:<!-- <script> --> ", "</script>", "t"}},
        TokenCase{"ScriptWordNeedsDelimiter", "<script><!-- <scripts> </script>t",
                  V{"<script>", "raw:<!-- <scripts> ", "</script>", "t"}},
        TokenCase{"ScriptAbruptEscapeClose", "<script><!--></script>t",
                  V{"<script>", "raw:<!-->", "</script>", "t"}},
        TokenCase{"PlaintextRunsToEnd", "<plaintext></plaintext><a href=x>",
                  V{"<plaintext>", "raw:</plaintext><a href=x>"}},
        // Foreign content
        TokenCase{"SvgContentIsForeign", "<svg><a href=x></a></svg><a href=y>",
                  V{"<svg>", "svg:<a href='x'>", "svg:</a>", "</svg>", "<a href='y'>"}},
        TokenCase{"StyleInSvgIsNotRawText", "<svg><style><a></style></svg>",
                  V{"<svg>", "svg:<style>", "svg:<a>", "svg:</style>", "</svg>"}},
        TokenCase{"SelfClosingSvgHasNoContent", "<svg/><a href=x>", V{"<svg/>", "<a href='x'>"}},
        TokenCase{"BreakoutTagLeavesForeignContent", "<svg><g><p>x",
                  V{"<svg>", "svg:<g>", "<p>", "x"}},
        TokenCase{"NestedSvgAndMath", "<math><svg></svg><mi>x</mi></math>y",
                  V{"<math>", "svg:<svg>", "svg:</svg>", "svg:<mi>", "svg:x", "svg:</mi>",
                    "</math>", "y"}}),
    [](const testing::TestParamInfo<TokenCase>& info) { return std::string(info.param.name); });

TEST(TokenizerTest, AttributesBeyondLimitIgnored) {
  std::string html = "<a";
  for (size_t i = 0; i < HtmlTokenizer::kMaxAttributes + 10; ++i)
    html += " d" + std::to_string(i) + "=v";
  html += " href=x>";
  HtmlTokenizer tokenizer(html);
  HtmlToken t;
  ASSERT_TRUE(tokenizer.Next(t));
  EXPECT_EQ(t.attributes.size(), HtmlTokenizer::kMaxAttributes);
  EXPECT_FALSE(t.Attribute("href").has_value());
  EXPECT_FALSE(tokenizer.Next(t));
}

TEST(TokenizerTest, AttributeLookupByLowerCaseName) {
  HtmlTokenizer tokenizer("<A HREF='x' Class=y>");
  HtmlToken t;
  ASSERT_TRUE(tokenizer.Next(t));
  EXPECT_EQ(t.Attribute("href").value_or("?"), "x");
  EXPECT_EQ(t.Attribute("class").value_or("?"), "y");
  EXPECT_FALSE(t.Attribute("id").has_value());
}

TEST(TokenizerTest, EmptyInputHasNoTokens) {
  HtmlTokenizer tokenizer("");
  HtmlToken t;
  EXPECT_FALSE(tokenizer.Next(t));
}

}  // namespace
}  // namespace nc
