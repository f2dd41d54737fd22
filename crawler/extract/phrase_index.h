// PhraseIndex: a fixed list of folded phrases (FoldForMatch output: lower
// case, no accents or punctuation) bucketed by first letter, for the heading
// and label checks of link roles and article extraction. Every heading of a
// page is checked against lists of 50-70 phrases, and most headings start
// with a letter only a few of them start with, so a bucket lookup replaces a
// scan of the whole list. Built once at start-up; const afterwards, so any
// thread may use it.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace nc {

// True when `folded` opens with `phrase` followed by a word boundary.
inline bool StartsWithPhrase(std::string_view folded, std::string_view phrase) {
  return folded.starts_with(phrase) &&
         (folded.size() == phrase.size() || folded[phrase.size()] == ' ');
}

class PhraseIndex {
 public:
  template <size_t N>
  explicit PhraseIndex(const std::string_view (&phrases)[N]) {
    for (std::string_view p : phrases) {
      entries_.push_back({p, p.find(' ') != std::string_view::npos});
    }
    std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
      return Bucket(a.phrase[0]) < Bucket(b.phrase[0]);
    });
    size_t i = 0;
    for (size_t bucket = 0; bucket <= kBuckets; ++bucket) {
      while (i < entries_.size() && Bucket(entries_[i].phrase[0]) < bucket) ++i;
      begin_[bucket] = static_cast<uint16_t>(i);
    }
  }

  // True when a phrase starts at `at` in `folded` and ends at a word boundary.
  bool MatchAt(std::string_view folded, size_t at) const {
    const std::string_view rest = folded.substr(at);
    for (const Entry& e : Candidates(rest)) {
      if (StartsWithPhrase(rest, e.phrase)) return true;
    }
    return false;
  }

  // True when `folded` is one of the phrases, or starts with one of several
  // words (a single word must be the whole text).
  bool MatchWholeOrLongPrefix(std::string_view folded) const {
    for (const Entry& e : Candidates(folded)) {
      if (folded == e.phrase || (e.several_words && StartsWithPhrase(folded, e.phrase))) {
        return true;
      }
    }
    return false;
  }

  // True when `folded` opens with a phrase, or (texts of at most `max_words`
  // words) holds one starting at any word.
  bool MatchOpeningOrInShortText(std::string_view folded, size_t max_words) const {
    if (folded.empty()) return false;
    const size_t words = std::count(folded.begin(), folded.end(), ' ') + 1;
    size_t at = 0;
    while (true) {
      if (MatchAt(folded, at)) return true;
      if (words > max_words) return false;
      at = folded.find(' ', at);
      if (at == std::string_view::npos) return false;
      ++at;
    }
  }

 private:
  struct Entry {
    std::string_view phrase;
    bool several_words;
  };
  static constexpr size_t kBuckets = 27;  // a..z, then everything else
  static size_t Bucket(char c) { return c >= 'a' && c <= 'z' ? c - 'a' : 26; }
  std::span<const Entry> Candidates(std::string_view text) const {
    if (text.empty()) return {};
    const size_t bucket = Bucket(text[0]);
    return std::span<const Entry>(entries_).subspan(begin_[bucket],
                                                    begin_[bucket + 1] - begin_[bucket]);
  }

  std::vector<Entry> entries_;
  std::array<uint16_t, kBuckets + 1> begin_{};
};

}  // namespace nc
