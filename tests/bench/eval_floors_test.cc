// The floors of the evaluation tools' ctest entries (eval_common.h): a floor
// check that never failed would let every regression through.
#include <gtest/gtest.h>

#include "tests/bench/eval_common.h"

namespace nc::bench {
namespace {

TEST(EvalFloorsTest, AFigureUnderItsFloorSaysSoAndFails) {
  Floors floors;
  testing::internal::CaptureStdout();
  floors.Check("title", 0.95, 0.9);
  floors.Check("body F1", 0.8, 0.9);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "body F1 0.800 is below the floor 0.900\n");
  EXPECT_EQ(floors.ExitCode(), 1);
}

TEST(EvalFloorsTest, FiguresAtOrOverTheirFloorsPass) {
  Floors floors;
  testing::internal::CaptureStdout();
  floors.Check("title", 0.9, 0.9);
  floors.Check("authors", 0.7 + 0.2, 0.9);  // 0.8999999999999999: equal but for rounding
  floors.Check("F1", 0.5, 0);               // no floor given
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
  EXPECT_EQ(floors.ExitCode(), 0);
}

TEST(EvalFloorsTest, TallyRateIsRightOverTotalAndOneWhenEmpty) {
  Tally tally;
  EXPECT_DOUBLE_EQ(tally.Rate(), 1.0);
  tally.Add(true);
  tally.Add(false);
  tally.Add(true);
  tally.Add(true);
  EXPECT_EQ(tally.right, 3);
  EXPECT_EQ(tally.total, 4);
  EXPECT_DOUBLE_EQ(tally.Rate(), 0.75);
}

}  // namespace
}  // namespace nc::bench
