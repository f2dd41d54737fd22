// common/rfc4648.h against the test vectors of RFC 4648 section 10.
#include "common/rfc4648.h"

#include <gtest/gtest.h>

namespace nc::rfc4648 {
namespace {

// RFC 4648 section 10 encodes the prefixes of "foobar", padded.
constexpr std::string_view kFoobar = "foobar";
constexpr std::string_view kBase32OfPrefixes[] = {
    "", "MY======", "MZXQ====", "MZXW6===", "MZXW6YQ=", "MZXW6YTB", "MZXW6YTBOI======"};
constexpr std::string_view kBase64OfPrefixes[] = {"",         "Zg==",     "Zm8=",    "Zm9v",
                                                  "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};

std::string_view WithoutPadding(std::string_view text) { return text.substr(0, text.find('=')); }

TEST(Rfc4648, GivesTheRfcTestVectorsWithAndWithoutPadding) {
  for (size_t n = 0; n <= kFoobar.size(); ++n) {
    const std::string_view bytes = kFoobar.substr(0, n);
    SCOPED_TRACE(bytes);
    EXPECT_EQ(Base32(bytes, Padding::kPad), kBase32OfPrefixes[n]);
    EXPECT_EQ(Base32(bytes, Padding::kNone), WithoutPadding(kBase32OfPrefixes[n]));
    // These inputs use no letter where base64 and base64url differ.
    EXPECT_EQ(Base64Url(bytes, Padding::kPad), kBase64OfPrefixes[n]);
    EXPECT_EQ(Base64Url(bytes, Padding::kNone), WithoutPadding(kBase64OfPrefixes[n]));
  }
}

TEST(Rfc4648, Base64UrlWritesItsOwnTwoLetters) {
  // 0xfb 0xff: '+' and '/' in base64 are '-' and '_' in base64url.
  EXPECT_EQ(Base64Url("\xfb\xff", Padding::kNone), "-_8");
}

}  // namespace
}  // namespace nc::rfc4648
