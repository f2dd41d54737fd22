#include "common/enum_table.h"

#include <string_view>

#include <gtest/gtest.h>

namespace nc {

// Out of the anonymous namespace and in it: the compilers spell the two
// differently ("(anonymous namespace)::", "<unnamed>::").
enum class Colour : uint8_t { kRed, kGreen, kBlue };

namespace {

enum class Level { kLow, kHigh };

constexpr auto kColourNames = MakeEnumNames<Colour>(
    {{Colour::kRed, "red"}, {Colour::kGreen, "green"}, {Colour::kBlue, "blue"}});

TEST(EnumTableTest, NamesEachValue) {
  EXPECT_STREQ(kColourNames.Get(Colour::kRed, "?"), "red");
  EXPECT_STREQ(kColourNames.Get(Colour::kGreen, "?"), "green");
  EXPECT_STREQ(kColourNames.Get(Colour::kBlue, "?"), "blue");
}

TEST(EnumTableTest, ValueOfNoEnumeratorGetsTheFallback) {
  EXPECT_STREQ(kColourNames.Get(static_cast<Colour>(3), "?"), "?");
  EXPECT_STREQ(kColourNames.Get(static_cast<Colour>(255), "?"), "?");
}

TEST(EnumTableTest, HoldsAnyType) {
  constexpr auto kRank = MakeEnumTable<Level, int>({{Level::kLow, 10}, {Level::kHigh, 20}});
  static_assert(kRank.Get(Level::kHigh, 0) == 20);
  EXPECT_EQ(kRank.Get(Level::kLow, 0), 10);
  EXPECT_EQ(kRank.Get(static_cast<Level>(-1), 0), 0);
}

// What makes a table fail to build (the static_assert in EnumTable and the
// order check in its constructor), asked directly: a build cannot be a test.
TEST(EnumTableTest, TableWithAnEntryMissingIsRejected) {
  EXPECT_TRUE((EnumHasValues<Colour, 3>()));
  EXPECT_FALSE((EnumHasValues<Colour, 2>()));  // kBlue added without a name
  EXPECT_TRUE((EnumHasValues<Level, 2>()));
  EXPECT_FALSE((EnumHasValues<Level, 1>()));
}

TEST(EnumTableTest, TableWithAnEntryTooManyIsRejected) {
  EXPECT_FALSE((EnumHasValues<Colour, 4>()));
  EXPECT_FALSE((EnumHasValues<Level, 3>()));
}

TEST(EnumTableTest, TableOutOfOrderIsRejected) {
  constexpr EnumEntry<Colour, int> kInOrder[] = {
      {Colour::kRed, 0}, {Colour::kGreen, 0}, {Colour::kBlue, 0}};
  constexpr EnumEntry<Colour, int> kSwapped[] = {
      {Colour::kRed, 0}, {Colour::kBlue, 0}, {Colour::kGreen, 0}};
  EXPECT_TRUE(InEnumOrder(kInOrder));
  EXPECT_FALSE(InEnumOrder(kSwapped));
}

}  // namespace
}  // namespace nc
