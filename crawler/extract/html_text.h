#pragma once
// Text helpers for link extraction: collecting element text the way it is
// shown (whitespace collapsed, trimmed, capped at a UTF-8 boundary) and
// folding text for case- and accent-insensitive matching of French and
// English labels. Pure, safe from any thread.

#include <cstddef>
#include <string>
#include <string_view>

namespace nc {

// Utf8Length and CountCommas of a text (CountCharsAndCommas below).
struct TextCounts {
  size_t chars = 0;
  size_t commas = 0;
};

// Accumulates decoded text: runs of whitespace (ASCII and U+00A0) become one
// space, leading and trailing space is dropped, and the text stops growing at
// `cap` bytes, cut at a UTF-8 character boundary.
class CollapsedText {
 public:
  // `count`: keep counts() while the text is written. Body scoring reads
  // them for every block of an article page; taken in the copy loop, where
  // each 16-byte chunk is loaded anyway, they cost no second pass. Also
  // keeps verbatim().
  explicit CollapsedText(size_t cap, bool count = false) : cap_(cap), count_(count) {}

  void Append(std::string_view utf8);
  // A boundary between blocks (<br>, </div>...): separates words like a space.
  void Break() { pending_space_ = true; }
  bool full() const { return full_; }
  bool empty() const { return size_ == 0; }
  // The text so far (never with leading or trailing space).
  std::string_view view() const { return {buffer_.data(), size_}; }
  // CountCharsAndCommas(view()); made while appending when `count` is set.
  TextCounts counts() const;
  // With `count`: the text is the start of what was appended, byte for
  // byte (nothing collapsed, dropped, replaced or inserted; a trailing
  // space left pending or a cut at the cap keep it a prefix). The article
  // scan tells the stored record so from it (a paragraph that is one run of
  // the page's bytes is written without comparing them). False without
  // `count`.
  bool verbatim() const { return count_ && verbatim_; }
  // The text (a copy: the buffer stays for the next text), then Clear().
  std::string Take();
  void Clear();

 private:
  template <bool kCount>
  void AppendImpl(std::string_view utf8);

  // The text is buffer_[0, size_). buffer_ only grows and is kept across
  // Take() and Clear(): a block's text costs one copy out, not a buffer
  // grown from empty and zero-filled by resize() at every Append.
  std::string buffer_;
  size_t size_ = 0;
  const size_t cap_;
  const bool count_;
  bool pending_space_ = false;
  bool full_ = false;
  // With count_: UTF-8 continuation bytes and ',' in the text, and its largest
  // byte (the wide commas' lead bytes are all >= 0xD8).
  size_t continuation_ = 0;
  size_t ascii_commas_ = 0;
  unsigned char high_ = 0;
  // With count_: no byte was changed, dropped or inserted since Clear().
  bool verbatim_ = true;
};

// Writes `text` as lower-case ASCII words separated by single spaces:
// Latin-1 and French accented letters lose their accent (é -> e, Œ -> oe),
// every other character (punctuation, other scripts, '-', '_') separates
// words. "À lire aussi :" -> "a lire aussi"; "related_articles" ->
// "related articles".
void FoldForMatch(std::string_view text, std::string& out);

// True when `words` (FoldForMatch output) contains `phrase` (single-space
// separated words) starting and ending at word boundaries.
bool ContainsPhrase(std::string_view words, std::string_view phrase);

// Number of UTF-8 characters in `text` (continuation bytes not counted).
size_t Utf8Length(std::string_view text);

// Commas in `text` as readability counts them for body scoring: ',' and
// the multi-byte U+060C, U+3001 and U+FF0C.
size_t CountCommas(std::string_view text);

// Utf8Length and CountCommas of `text` in one pass over it.
TextCounts CountCharsAndCommas(std::string_view text);

}  // namespace nc
