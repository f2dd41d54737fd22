#include "common/failure_reason.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

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

// The names are written to stores, JSON and the events log: pin them.
TEST(FailureReasonTest, NamesAreStable) {
  EXPECT_EQ(FailureReasonName(FailureReason::kDns), "dns");
  EXPECT_EQ(FailureReasonName(FailureReason::kConnectRefused), "connect-refused");
  EXPECT_EQ(FailureReasonName(FailureReason::kFirstByteTimeout), "first-byte-timeout");
  EXPECT_EQ(FailureReasonName(FailureReason::kDecompressionBomb), "decompression-bomb");
  EXPECT_EQ(FailureReasonName(FailureReason::kPrivateAddress), "private-address");
  EXPECT_EQ(FailureReasonName(FailureReason::kInternal), "internal");
  EXPECT_EQ(FailureReasonName(FailureReason::kNone), "");
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
