#pragma once
// A fixed set of lower-case ASCII words, looked up case-insensitively: path
// segments and host labels against the service, front-page and tag words of
// the link classifier (url_shape.cc, link_href_roles.cc). Words are bucketed
// by length, so a lookup compares a text with the few words of its length
// only: these lookups run for every segment of every link of a page.
//
// Built once (static); lookups are const and safe from any thread.

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace nc {

class WordSet {
 public:
  template <size_t N>
  explicit WordSet(const std::string_view (&words)[N]) {
    for (std::string_view w : words) {
      if (w.size() < kMaxLength) by_length_[w.size()].push_back(w);
    }
  }

  bool Contains(std::string_view text) const {
    if (text.size() >= kMaxLength) return false;
    for (std::string_view w : by_length_[text.size()]) {
      if (EqualsLower(text, w)) return true;
    }
    return false;
  }

 private:
  static constexpr size_t kMaxLength = 24;  // longer than every word

  // `text` with ASCII upper case lowered equals `lower_word`.
  static bool EqualsLower(std::string_view text, std::string_view lower_word) {
    for (size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c) != lower_word[i]) return false;
    }
    return true;
  }

  std::array<std::vector<std::string_view>, kMaxLength> by_length_;
};

}  // namespace nc
