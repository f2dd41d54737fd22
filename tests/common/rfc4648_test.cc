// common/rfc4648.h against the test vectors of RFC 4648 section 10.
#include "common/rfc4648.h"

#include <gtest/gtest.h>

namespace nc::rfc4648 {
namespace {

struct Vector {
  std::string_view bytes;
  std::string_view base32;  // padded, as the RFC writes it
  std::string_view base64;
};

constexpr Vector kRfcVectors[] = {
    {"", "", ""},
    {"f", "MY======", "Zg=="},
    {"fo", "MZXQ====", "Zm8="},
    {"foo", "MZXW6===", "Zm9v"},
    {"foob", "MZXW6YQ=", "Zm9vYg=="},
    {"fooba", "MZXW6YTB", "Zm9vYmE="},
    {"foobar", "MZXW6YTBOI======", "Zm9vYmFy"},
};

std::string_view WithoutPadding(std::string_view text) {
  return text.substr(0, text.find('='));
}

TEST(Rfc4648, GivesTheRfcTestVectorsWithAndWithoutPadding) {
  for (const Vector& v : kRfcVectors) {
    SCOPED_TRACE(v.bytes);
    EXPECT_EQ(Base32(v.bytes, Padding::kPad), v.base32);
    EXPECT_EQ(Base32(v.bytes, Padding::kNone), WithoutPadding(v.base32));
    // These inputs use no letter where base64 and base64url differ.
    EXPECT_EQ(Base64Url(v.bytes, Padding::kPad), v.base64);
    EXPECT_EQ(Base64Url(v.bytes, Padding::kNone), WithoutPadding(v.base64));
  }
}

TEST(Rfc4648, Base64UrlWritesItsOwnTwoLetters) {
  // 0xfb 0xff: '+' and '/' in base64 are '-' and '_' in base64url.
  EXPECT_EQ(Base64Url("\xfb\xff", Padding::kNone), "-_8");
}

}  // namespace
}  // namespace nc::rfc4648
