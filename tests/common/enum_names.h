// Pins the stable names of an enum whose values run 0, 1, 2, ...: stores,
// JSON, exports and logs carry these names, so a renamed or reordered value
// must fail a test. Header-only so that every test folder can use it.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string_view>
#include <type_traits>

namespace nc::testing {

// Expects name_of(Enum(i)) == names[i] for every i; a failure names the value.
// name_of may return std::string_view or a C string (checked non-null first).
template <class Enum, class NameOf>
void ExpectNamesInValueOrder(NameOf name_of, std::initializer_list<std::string_view> names) {
  int value = 0;
  for (std::string_view want : names) {
    SCOPED_TRACE(::testing::Message() << "value " << value << ", named \"" << want << "\"");
    const auto name = name_of(static_cast<Enum>(value));
    if constexpr (std::is_pointer_v<decltype(name)>) {
      ASSERT_NE(name, nullptr);
    }
    EXPECT_EQ(std::string_view(name), want);
    ++value;
  }
}

}  // namespace nc::testing
