// IsPriceOrFixtureText's prices: digits, then a currency sign or code at the
// very end. Since session 11 (issue 16) each sign is compared only when the
// text's last byte is the sign's last byte; every sign must still be found,
// whatever bytes it shares with the others.
#include <gtest/gtest.h>

#include <string_view>

#include "crawler/extract/link_features.h"

namespace nc {
namespace {

constexpr std::string_view kPrices[] = {
    "Casque audio 129,99 \u20ac",
    "Casque audio 129,99\u00a0\u20ac",
    "Headphones 129$",
    "Headphones 99 \u00a3",
    "Kopfh\u00f6rer 129 EUR",
    "Headphones 129 USD  ",
    "Kopfh\u00f6rer 129 CHF",
    "Headphones 99 GBP",
};

// No digits before the sign, no sign, or a byte of one alone ("\u00ac" ends
// like the euro sign).
constexpr std::string_view kNotPrices[] = {
    "Le prix en \u20ac", "Tout sur l'EUR", "Champions League 2026", "129 EURO", "129 \u00ac", "$",
};

TEST(PriceText, EverySignAndCodeAfterDigits) {
  for (std::string_view text : kPrices) EXPECT_TRUE(IsPriceOrFixtureText(text)) << text;
  for (std::string_view text : kNotPrices) EXPECT_FALSE(IsPriceOrFixtureText(text)) << text;
}

}  // namespace
}  // namespace nc
