// Parsing a URL a test spells out itself, shared by the frontier tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "frontier/url.h"

namespace nc::testing {

// The parsed `text`; a failed parse fails the test and gives an empty Url.
inline Url U(const std::string& text) {
  auto url = ParseUrl(text);
  EXPECT_TRUE(url.ok()) << text;
  return url.ok() ? *url : Url{};
}

}  // namespace nc::testing
