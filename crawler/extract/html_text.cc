#include "crawler/extract/html_text.h"

#include <array>

namespace nc {
namespace {

// Bytes that may start whitespace: ASCII whitespace, and 0xC2 (U+00A0 is C2 A0).
constexpr std::array<bool, 256> kMayBreak = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {' ', '\n', '\t', '\f', '\r'}) t[c] = true;
  t[0xC2] = true;
  return t;
}();

// Base letters of U+00C0..U+00FF (second byte 0x80..0xBF after 0xC3);
// "" for the two signs (multiplication, division) that are not letters.
constexpr std::array<std::string_view, 64> kLatin1Fold = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

}  // namespace

void CollapsedText::Append(std::string_view utf8) {
  const char* p = utf8.data();
  const char* end = p + utf8.size();
  while (p < end && !full_) {
    // Copy a run at once; it may hold single spaces between words, which
    // need no collapsing.
    const char* run = p;
    while (p < end) {
      const auto c = static_cast<unsigned char>(*p);
      // One branch per kind of byte the run keeps, each with its own reason;
      // merged into one condition they would read worse.
      // NOLINTNEXTLINE(bugprone-branch-clone)
      if (!kMayBreak[c]) {
        ++p;
      } else if (c == ' ' && p > run && p + 1 < end &&
                 !kMayBreak[static_cast<unsigned char>(p[1])]) {
        ++p;
      } else if (c == 0xC2 && !(p + 1 < end && p[1] == '\xA0')) {
        ++p;  // another Latin-1 supplement character, not a no-break space
      } else {
        break;
      }
    }
    if (p > run) {
      if (pending_space_ && !text_.empty()) text_.push_back(' ');
      pending_space_ = false;
      text_.append(run, p);
      if (text_.size() > cap_) {
        size_t cut = cap_;
        while (cut > 0 && (static_cast<unsigned char>(text_[cut]) & 0xC0) == 0x80) --cut;
        text_.resize(cut);
        while (!text_.empty() && text_.back() == ' ') text_.pop_back();
        full_ = true;
        return;
      }
    }
    if (p < end) {  // ASCII whitespace or a no-break space
      pending_space_ = true;
      p += (*p == '\xC2') ? 2 : 1;
    }
  }
}

std::string CollapsedText::Take() {
  std::string out = std::move(text_);
  Clear();
  return out;
}

void CollapsedText::Clear() {
  text_.clear();
  pending_space_ = false;
  full_ = false;
}

namespace {

// ASCII bytes as FoldForMatch writes them: letters lower-cased, digits
// kept, 0 for everything else (a word separator).
constexpr std::array<char, 128> kAsciiFold = [] {
  std::array<char, 128> t{};
  for (char c = 'a'; c <= 'z'; ++c) t[static_cast<unsigned char>(c)] = c;
  for (char c = 'A'; c <= 'Z'; ++c) t[static_cast<unsigned char>(c)] = static_cast<char>(c + 32);
  for (char c = '0'; c <= '9'; ++c) t[static_cast<unsigned char>(c)] = c;
  return t;
}();

}  // namespace

// Runs for every heading and class value of a page: it writes into the
// output's own buffer (never longer than the input: every folded letter
// replaces at least as many bytes, and a space replaces a separator).
void FoldForMatch(std::string_view text, std::string& out) {
  out.resize(text.size());
  char* const begin = out.data();
  char* w = begin;
  bool space = false;
  auto put = [&](char letter) {
    if (space && w != begin) *w++ = ' ';
    space = false;
    *w++ = letter;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (const char folded = kAsciiFold[c]) {
        put(folded);
      } else {
        space = true;
      }
    } else if (c == 0xC3 && i + 1 < text.size() &&
               (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      const std::string_view base = kLatin1Fold[static_cast<unsigned char>(text[i + 1]) - 0x80];
      ++i;
      if (base.empty()) {
        space = true;
      } else {
        put(base[0]);
        if (base.size() > 1) *w++ = base[1];
      }
    } else if (c == 0xC5 && i + 1 < text.size() &&
               (text[i + 1] == '\x92' || text[i + 1] == '\x93')) {
      put('o');
      *w++ = 'e';
      ++i;
    } else {
      space = true;
      // Skip the rest of a multi-byte character.
      while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) ++i;
    }
  }
  out.resize(static_cast<size_t>(w - begin));
}

bool ContainsPhrase(std::string_view words, std::string_view phrase) {
  for (size_t at = words.find(phrase); at != std::string_view::npos;
       at = words.find(phrase, at + 1)) {
    const bool starts = at == 0 || words[at - 1] == ' ';
    const size_t end = at + phrase.size();
    const bool ends = end == words.size() || words[end] == ' ';
    if (starts && ends) return true;
  }
  return false;
}

size_t Utf8Length(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace nc
