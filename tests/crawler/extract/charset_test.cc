#include "crawler/extract/charset.h"

#include <gtest/gtest.h>

#include <string>

#include "crawler/extract/html_links.h"
#include "tests/common/mapping_cases.h"

namespace nc {
namespace {

// "À lire aussi : Élection à Besançon" in windows-1252.
const std::string kCp1252Heading = "\xC0 lire aussi : \xC9lection \xE0 Besan\xE7on";
const std::string kUtf8Heading = "\xC3\x80 lire aussi : \xC3\x89lection \xC3\xA0 Besan\xC3\xA7on";

TEST(CanonicalCharset, FollowsTheEncodingStandardLabels) {
  testing::ExpectMapsEach(CanonicalCharset, {
                                                {"utf-8", "UTF-8"},
                                                {" UTF8 ", "UTF-8"},
                                                {"ISO-8859-1", "windows-1252"},
                                                {"Latin1", "windows-1252"},
                                                {"us-ascii", "windows-1252"},
                                                {"iso-8859-15", "ISO-8859-15"},
                                                {"Shift_JIS", "Shift_JIS"},
                                                {"no-such-charset", ""},
                                                {"", ""},
                                            });
}

TEST(ContentTypeCharsetLabel, ReadsTheParameter) {
  testing::ExpectMapsEach(ContentTypeCharsetLabel,
                          {
                              {"text/html; charset=ISO-8859-1", "ISO-8859-1"},
                              {"text/html;charset=\"utf-8\"", "utf-8"},
                              {"text/html; foo=bar; Charset = windows-1252 ; x=y", "windows-1252"},
                              {"text/html", ""},
                              {"text/html; charset", ""},
                          });
}

TEST(PrescanMetaCharset, WhatwgPrescan) {
  const std::string only_past_1024 = std::string(1024, ' ') + "<meta charset=latin1>";
  testing::ExpectMapsEach(
      PrescanMetaCharset,
      {
          {"<html><head><meta charset=\"iso-8859-1\">", "windows-1252"},
          {"<META CHARSET=UTF-8>", "UTF-8"},
          {"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
           "windows-1252"},
          // content= without http-equiv=content-type declares nothing.
          {"<meta content=\"text/html; charset=windows-1252\">", ""},
          // A meta inside a comment or an attribute value does not count.
          {"<!-- <meta charset=latin1> --><meta charset=utf-8>", "UTF-8"},
          {"<div title='<meta charset=latin1>'><meta charset=koi8-r>", "KOI8-R"},
          // UTF-16 in a meta means UTF-8; unknown labels are skipped.
          {"<meta charset=utf-16le>", "UTF-8"},
          {"<meta charset=bogus><meta charset=latin1>", "windows-1252"},
          // Only the first 1024 bytes are read.
          {only_past_1024, ""},
          {"<meta charset=\"latin1", ""},  // cut off
      });
}

TEST(SniffHtmlCharset, BomThenContentTypeThenMetaThenDetection) {
  const std::string meta_latin1 = "<meta charset=latin1><p>x</p>";
  Charset c = SniffHtmlCharset("text/html; charset=utf-8", "\xEF\xBB\xBF" + meta_latin1);
  EXPECT_EQ(c.name, "UTF-8");
  EXPECT_EQ(c.source, CharsetSource::kBom);
  c = SniffHtmlCharset("text/html; charset=utf-8", meta_latin1);
  EXPECT_EQ(c.name, "UTF-8");
  EXPECT_EQ(c.source, CharsetSource::kContentType);
  c = SniffHtmlCharset("text/html; charset=nonsense", meta_latin1);
  EXPECT_EQ(c.name, "windows-1252");
  EXPECT_EQ(c.source, CharsetSource::kMeta);
  c = SniffHtmlCharset("text/html", "<p>" + kUtf8Heading + "</p>");
  EXPECT_EQ(c.name, "UTF-8");
  EXPECT_EQ(c.source, CharsetSource::kDetected);
}

TEST(SniffHtmlCharset, DetectsUndeclaredLatin1) {
  std::string page = "<html><body>";
  for (int i = 0; i < 20; ++i) {
    page +=
        "<p>Le pr\xE9sident a d\xE9"
        "clar\xE9 que la r\xE9"
        "forme \xE9tait n\xE9"
        "cessaire \xE0 l'\xE9"
        "conomie fran\xE7"
        "aise.</p>";
  }
  const Charset c = SniffHtmlCharset("text/html", page);
  EXPECT_EQ(c.source, CharsetSource::kDetected);
  EXPECT_TRUE(c.name == "windows-1252" || c.name == "ISO-8859-15") << c.name;
}

TEST(IsValidUtf8Prefix, AcceptsCutSequencesRejectsInvalidOnes) {
  EXPECT_TRUE(IsValidUtf8Prefix("plain ascii"));
  EXPECT_TRUE(IsValidUtf8Prefix(kUtf8Heading));
  EXPECT_TRUE(IsValidUtf8Prefix("abc\xC3"));  // cut by the end of the body
  EXPECT_FALSE(IsValidUtf8Prefix(kCp1252Heading));
  EXPECT_FALSE(IsValidUtf8Prefix("\xC0\x80"));          // overlong
  EXPECT_FALSE(IsValidUtf8Prefix("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8Prefix("\xF4\x90\x80\x80"));  // beyond U+10FFFF
}

TEST(TranscodeToUtf8, Windows1252AndInvalidBytes) {
  EXPECT_EQ(TranscodeToUtf8(kCp1252Heading, "windows-1252"), kUtf8Heading);
  EXPECT_EQ(TranscodeToUtf8("\x80 \x9C", "windows-1252"), "\xE2\x82\xAC \xC5\x93");  // € œ
  // 0x81 has no character in glibc's CP1252: U+FFFD, and the rest goes on.
  EXPECT_EQ(TranscodeToUtf8("a\x81"
                            "b",
                            "windows-1252"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(TranscodeToUtf8(std::string("\xFF\xFE"
                                        "a\0b\0",
                                        6),
                            "UTF-16LE"),
            "ab");
  EXPECT_EQ(TranscodeToUtf8(std::string("\0a\0", 3), "UTF-16BE"), "a\xEF\xBF\xBD");
  EXPECT_EQ(TranscodeToUtf8("\x82\xA0", "Shift_JIS"), "\xE3\x81\x82");  // あ
  EXPECT_EQ(TranscodeToUtf8("abc", "unknown"), "abc");
}

TEST(NeedsTranscoding, OnlyNonUtf8WithNonAsciiBytes) {
  EXPECT_FALSE(NeedsTranscoding(kUtf8Heading, "UTF-8"));
  EXPECT_FALSE(NeedsTranscoding("<p>ascii</p>", "windows-1252"));
  EXPECT_TRUE(NeedsTranscoding(kCp1252Heading, "windows-1252"));
  EXPECT_TRUE(NeedsTranscoding("<p>ascii</p>", "UTF-16LE"));
}

// The regression of issue 10: a windows-1252 page's accented related
// heading is found once the page is transcoded.
TEST(TranscodeToUtf8, Windows1252RelatedHeadingIsRecognised) {
  const std::string page =
      "<article><p>Texte.</p><section><h2>Sur le m\xEAme sujet</h2>"
      "<ul><li><a href=/a>Un titre d'article assez long</a></li></ul></section></article>";
  const PageLinks as_bytes = ExtractLinks(page);
  ASSERT_EQ(as_bytes.links.size(), 1u);
  EXPECT_EQ(as_bytes.links[0].role, LinkRole::kHeadline);  // "m\xEAme" is not "même"
  const PageLinks transcoded = ExtractLinks(TranscodeToUtf8(page, "windows-1252"));
  ASSERT_EQ(transcoded.links.size(), 1u);
  EXPECT_EQ(transcoded.links[0].role, LinkRole::kRelated);
}

}  // namespace
}  // namespace nc
