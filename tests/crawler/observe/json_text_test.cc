// JsonQuote and JsonNumber (crawler/observe/json_text.h): the escaping of
// RFC 8259 with runs of plain bytes appended whole, and numbers exactly as
// printf's "%.*f" writes them, which events.jsonl and the status JSON
// always had.
#include "crawler/observe/json_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>

namespace nc::observe {
namespace {

TEST(JsonTextTest, QuoteEscapesOnlyWhatJsonForbidsWhereverItIs) {
  EXPECT_EQ(JsonQuote(""), "\"\"");
  EXPECT_EQ(JsonQuote("https://www.news.test/a?b=1&c=é"), "\"https://www.news.test/a?b=1&c=é\"");
  // At the start, in the middle, at the end, and two in a row.
  EXPECT_EQ(JsonQuote("\"a\\b\"\""), "\"\\\"a\\\\b\\\"\\\"\"");
  EXPECT_EQ(JsonQuote("line\nnext\r\tend"), "\"line\\nnext\\r\\tend\"");
  EXPECT_EQ(JsonQuote(std::string("\x01x\x1f", 3)), "\"\\u0001x\\u001f\"");
  EXPECT_EQ(JsonQuote(std::string("a\0b", 3)), "\"a\\u0000b\"");
  EXPECT_EQ(JsonQuote("\x7f"), "\"\x7f\"");  // DEL is allowed as it is
}

TEST(JsonTextTest, AppendQuotedAppendsAfterWhatIsThere) {
  std::string out = "{\"url\":";
  AppendJsonQuoted(out, "a\"b");
  EXPECT_EQ(out, "{\"url\":\"a\\\"b\"");
}

// Every byte alone and between plain ones: the one-pass escape against the
// byte-by-byte rule it replaced.
TEST(JsonTextTest, QuoteOfEveryByteMatchesTheByteByByteRule) {
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    std::string expected;
    switch (c) {
      case '"':
        expected = "\\\"";
        break;
      case '\\':
        expected = "\\\\";
        break;
      case '\n':
        expected = "\\n";
        break;
      case '\r':
        expected = "\\r";
        break;
      case '\t':
        expected = "\\t";
        break;
      default:
        if (b < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(b));
          expected = buf;
        } else {
          expected = std::string(1, c);
        }
    }
    EXPECT_EQ(JsonQuote(std::string("ab") + c + "cd"), "\"ab" + expected + "cd\"") << b;
  }
}

TEST(JsonTextTest, NumberIsWhatPrintfWrites) {
  std::mt19937_64 random(16);
  std::uniform_real_distribution<double> milliseconds(0, 60'000);
  std::uniform_int_distribution<int> exponent(-12, 15);
  for (int i = 0; i < 20'000; ++i) {
    const double value = i % 2 == 0
                             ? milliseconds(random)
                             : (milliseconds(random) - 30'000) * std::pow(10.0, exponent(random));
    for (int decimals : {0, 1, 3}) {
      char buf[400];
      std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
      ASSERT_EQ(JsonNumber(value, decimals), buf) << value << " " << decimals;
    }
  }
  // Halfway cases round as printf does (the exact binary value decides).
  for (double value : {0.5, 1.5, 2.5, 0.125, 0.375, 1.0005, 2.675, 1e21, -0.0004}) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", value);
    EXPECT_EQ(JsonNumber(value, 2), buf) << value;
  }
  EXPECT_EQ(JsonNumber(std::nan(""), 1), "0.0");
  EXPECT_EQ(JsonNumber(-INFINITY, 0), "0");
  std::string out = "\"ms\":";
  AppendJsonNumber(out, 12.345, 1);
  EXPECT_EQ(out, "\"ms\":12.3");
}

}  // namespace
}  // namespace nc::observe
