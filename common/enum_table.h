#pragma once
// A constant table with one entry for each value of an enum, in place of a
// switch per enum (`const char* XName(X x) { switch (x) { case ...` written
// again for every enum). Each entry names its enumerator, and the build
// fails unless the entries are the enum's values in order and no enumerator
// is missing: the check -Wswitch gave the switches, made an error. Pure,
// any thread.
//
//   constexpr auto kNames = MakeEnumNames<Coding>({
//       {Coding::kIdentity, "identity"}, {Coding::kGzip, "gzip"}, ...});
//   const char* CodingName(Coding c) { return kNames.Get(c, "identity"); }
//
// For enums whose enumerators are 0, 1, ... N-1 (the default numbering).

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

namespace nc {
namespace enum_table_internal {

// Whether V is a named enumerator of its enum, read from how the compiler
// spells the template argument in __PRETTY_FUNCTION__: GCC and Clang write a
// named value as "nc::E::kName" and any other as a cast, "(nc::E)5" (the
// technique of the magic_enum library). A compiler that spelled both alike
// would fail every table's check below, not pass a wrong one.
template <auto V>
constexpr bool IsEnumerator() {
  constexpr std::string_view kSignature = __PRETTY_FUNCTION__;
  constexpr size_t kStart = kSignature.find("V = ");
  if (kStart == std::string_view::npos) return false;
  const std::string_view value = kSignature.substr(kStart + 4);
  // A cast ends "...)<digits>": its last ')' is followed by a digit or '-'.
  // An enumerator in an anonymous namespace, "(anonymous namespace)::kX",
  // has ':' there.
  const size_t close = value.rfind(')');
  if (close == std::string_view::npos || close + 1 >= value.size()) return true;
  const char next = value[close + 1];
  return !(next == '-' || (next >= '0' && next <= '9'));
}

}  // namespace enum_table_internal

// Whether E's enumerators are exactly the values 0 .. N-1: each of them is
// named, and N is not (an enumerator added at the end makes this false).
template <class E, size_t N>
constexpr bool EnumHasValues() {
  static_assert(std::is_enum_v<E> && !std::is_convertible_v<E, int>,
                "an enum class: its values outside the enumerators are still valid casts");
  return []<size_t... I>(std::index_sequence<I...>) {
    return (enum_table_internal::IsEnumerator<static_cast<E>(I)>() && ...) &&
           !enum_table_internal::IsEnumerator<static_cast<E>(N)>();
  }(std::make_index_sequence<N>{});
}

template <class E, class T>
struct EnumEntry {
  E value;
  T data;
};

// Whether entry i is the one of the enumerator with value i, for every i.
template <class E, class T, size_t N>
constexpr bool InEnumOrder(const EnumEntry<E, T> (&entries)[N]) {
  for (size_t i = 0; i < N; ++i) {
    if (static_cast<size_t>(entries[i].value) != i) return false;
  }
  return true;
}

template <class E, class T, size_t N>
class EnumTable {
  static_assert(EnumHasValues<E, N>(),
                "the table must have one entry for each enumerator, in the enum's order");

 public:
  consteval explicit EnumTable(const EnumEntry<E, T> (&entries)[N]) {
    // Not a constant expression, so a misplaced entry fails the build.
    if (!InEnumOrder(entries)) EntryOutOfOrder();
    for (size_t i = 0; i < N; ++i) data_[i] = entries[i].data;
  }

  // The entry of `value`; `fallback` for a value no enumerator has (an
  // integer cast to E).
  constexpr T Get(E value, T fallback) const {
    const auto i = static_cast<size_t>(value);
    return i < N ? data_[i] : fallback;
  }

 private:
  static void EntryOutOfOrder() {}

  std::array<T, N> data_{};
};

// The table of `entries`: {E::kFirst, data}, {E::kSecond, data}, ...
template <class E, class T, size_t N>
consteval EnumTable<E, T, N> MakeEnumTable(const EnumEntry<E, T> (&entries)[N]) {
  return EnumTable<E, T, N>(entries);
}

// The names of E's values: {E::kFirst, "first"}, ...
template <class E, size_t N>
consteval EnumTable<E, const char*, N> MakeEnumNames(
    const EnumEntry<E, const char*> (&entries)[N]) {
  return EnumTable<E, const char*, N>(entries);
}

}  // namespace nc
