// Checks a function of text (a charset label, a URL's path) against a table
// of inputs and the output each must give, so that a case is one row of the
// table rather than one more assertion; the sibling of predicate_cases.h for
// functions that return text. Header-only so that every test folder can use it.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string_view>
#include <utility>

namespace nc::testing {

// One row: the input and the output expected of it.
using MappingCase = std::pair<std::string_view, std::string_view>;

// Expects `f(input) == output` for every row; a failure names the input.
template <class Function>
void ExpectMapsEach(Function f, std::initializer_list<MappingCase> cases) {
  for (const auto& [input, output] : cases) EXPECT_EQ(f(input), output) << "input: " << input;
}

}  // namespace nc::testing
