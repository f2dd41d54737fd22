// RobotsKindOfStatus: the one table from a robots.txt fetch status to its
// RFC 9309 2.3.1 outcome, used for live fetches and recorded ones alike.
#include <gtest/gtest.h>

#include "frontier/scheduler.h"

namespace nc {
namespace {

using Kind = RobotsOutcome::Kind;

TEST(RobotsKindOfStatus, Rfc9309_2xxIsParsed) {
  for (int status : {200, 204, 299}) EXPECT_EQ(RobotsKindOfStatus(status), Kind::kParsed) << status;
}

TEST(RobotsKindOfStatus, Rfc9309_4xxAndLeftoverRedirectsAreUnavailable) {
  for (int status : {100, 301, 399, 400, 403, 404, 499}) {
    EXPECT_EQ(RobotsKindOfStatus(status), Kind::kUnavailable) << status;
  }
}

TEST(RobotsKindOfStatus, Rfc9309_5xx429AndNoResponseAreUnreachable) {
  for (int status : {0, 42, 99, 429, 500, 503, 599, 999}) {
    EXPECT_EQ(RobotsKindOfStatus(status), Kind::kUnreachable) << status;
  }
}

}  // namespace
}  // namespace nc
