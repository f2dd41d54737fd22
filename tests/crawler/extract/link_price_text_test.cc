// IsPriceOrFixtureText's prices: digits, then a currency sign or code at the
// very end. Since session 11 (issue 16) each sign is compared only when the
// text's last byte is the sign's last byte; every sign must still be found,
// whatever bytes it shares with the others.
#include <gtest/gtest.h>

#include "crawler/extract/link_features.h"

namespace nc {
namespace {

TEST(PriceText, EverySignAndCodeAfterDigits) {
  EXPECT_TRUE(IsPriceOrFixtureText("Casque audio 129,99 \u20ac"));
  EXPECT_TRUE(IsPriceOrFixtureText("Casque audio 129,99\u00a0\u20ac"));
  EXPECT_TRUE(IsPriceOrFixtureText("Headphones 129$"));
  EXPECT_TRUE(IsPriceOrFixtureText("Headphones 99 \u00a3"));
  EXPECT_TRUE(IsPriceOrFixtureText("Kopfhörer 129 EUR"));
  EXPECT_TRUE(IsPriceOrFixtureText("Headphones 129 USD  "));
  EXPECT_TRUE(IsPriceOrFixtureText("Kopfhörer 129 CHF"));
  EXPECT_TRUE(IsPriceOrFixtureText("Headphones 99 GBP"));
}

TEST(PriceText, NoDigitsOrNoSignIsNoPrice) {
  EXPECT_FALSE(IsPriceOrFixtureText("Le prix en \u20ac"));
  EXPECT_FALSE(IsPriceOrFixtureText("Tout sur l'EUR"));
  EXPECT_FALSE(IsPriceOrFixtureText("Champions League 2026"));
  EXPECT_FALSE(IsPriceOrFixtureText("129 EURO"));
  EXPECT_FALSE(IsPriceOrFixtureText("129 \u00ac"));  // the euro sign's last byte alone
  EXPECT_FALSE(IsPriceOrFixtureText("$"));
}

}  // namespace
}  // namespace nc
