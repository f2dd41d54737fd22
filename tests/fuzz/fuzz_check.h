// What every fuzz target shares: the input bytes as text, and checks that
// abort, which libFuzzer reports as a crash (and the replay driver of
// replay_main.cc as a failed test). Header-only: each target is one binary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/result.h"

namespace nc::fuzz {

inline std::string_view InputText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline void Check(bool condition) {
  if (!condition) std::abort();
}

// For a decoder of outside input: true when `result` decoded; false when it
// failed with `expected_code`, the one error its header promises; any other
// error aborts.
template <typename T>
bool DecodedOrFailedWith(const Result<T>& result, std::string_view expected_code) {
  if (result.ok()) return true;
  Check(result.error().code == expected_code);
  return false;
}

}  // namespace nc::fuzz
