// Checks a yes/no classifier of text (a URL shape, a name, a content type)
// on the inputs it must accept and those it must refuse, one list each, so a
// case is one line of input rather than one more assertion. Header-only so
// that every test folder can use it.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string_view>

namespace nc::testing {

// Expects `holds(input)` for every input of `accepted` and not for any of
// `refused`; a failure names the input and the list it stands in.
template <class Predicate>
void ExpectHoldsExactlyFor(Predicate holds, std::initializer_list<std::string_view> accepted,
                           std::initializer_list<std::string_view> refused) {
  for (std::string_view input : accepted) EXPECT_TRUE(holds(input)) << "should accept: " << input;
  for (std::string_view input : refused) EXPECT_FALSE(holds(input)) << "should refuse: " << input;
}

}  // namespace nc::testing
