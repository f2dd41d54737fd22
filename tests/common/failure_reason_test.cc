#include "common/failure_reason.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "tests/common/enum_names.h"

namespace nc {
namespace {

TEST(FailureReasonTest, EveryReasonHasAUniqueNameThatRoundTrips) {
  std::set<std::string_view> names;
  for (uint8_t i = 1; i <= kMaxFailureReason; ++i) {
    const FailureReason reason = *FailureReasonFromByte(i);
    const std::string_view name = FailureReasonName(reason);
    EXPECT_FALSE(name.empty()) << int(i);
    EXPECT_FALSE(FailureReasonText(reason).empty()) << int(i);
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_EQ(FailureReasonFromName(name), reason) << name;
  }
}

// The names are written to stores, JSON and the events log: pin them, every
// one, in the enum's order ("" for kNone).
TEST(FailureReasonTest, NamesAreStable) {
  testing::ExpectNamesInValueOrder<FailureReason>(
      FailureReasonName,
      {"", "dns", "connect-refused", "connect-timeout", "connect-error", "tls",
       "first-byte-timeout", "idle-timeout", "total-timeout", "too-large", "protocol-error",
       "connection-lost", "decode-error", "decompression-bomb", "redirect-loop",
       "too-many-redirects", "http-4xx", "http-5xx", "robots-denied", "robots-unreachable",
       "private-address", "invalid-url", "cancelled", "internal"});
}

TEST(FailureReasonTest, UnknownBytesAndNamesAreRefused) {
  EXPECT_EQ(FailureReasonFromByte(kMaxFailureReason + 1), std::nullopt);
  EXPECT_EQ(FailureReasonFromName("no-such-reason"), std::nullopt);
  EXPECT_EQ(FailureReasonFromName(""), std::nullopt);
}

TEST(FailureReasonTest, HttpStatusGivesTheReasonAndTheLabelCarriesTheCode) {
  EXPECT_EQ(FailureReasonForHttpStatus(404), FailureReason::kHttpClientError);
  EXPECT_EQ(FailureReasonForHttpStatus(503), FailureReason::kHttpServerError);
  EXPECT_EQ(FailureReasonForHttpStatus(200), FailureReason::kNone);
  EXPECT_EQ(FailureReasonForHttpStatus(301), FailureReason::kNone);
  EXPECT_EQ(FailureLabel(FailureReason::kHttpClientError, 404), "http-404");
  EXPECT_EQ(FailureLabel(FailureReason::kHttpServerError, 503), "http-503");
  EXPECT_EQ(FailureLabel(FailureReason::kDns, 0), "dns");
}

}  // namespace
}  // namespace nc
