#pragma once
// The pieces the random CollapsedText tests (html_text_test,
// collapsed_text_counts_test, collapsed_text_verbatim_test) build their text
// from: ASCII and Unicode white space (NBSP alone and cut in half), commas
// of several scripts, multi-byte letters, an emoji, stray lead and
// continuation bytes, and prose runs long enough for the 8-, 16- and 32-byte
// copy paths. One list, so that a piece added for one test tries all three.
#include <string>
#include <vector>

namespace nc::test {

inline const std::vector<std::string>& CollapsedTextAtoms() {
  static const std::vector<std::string> atoms = {
      "a",
      "Z",
      ",",
      ",,",
      " ",
      "  ",
      "\n",
      "\t",
      "\r\n",
      "\f",
      "\xC2\xA0",  // NBSP
      "\xC2",
      "\xA0",              // NBSP cut in two
      "\xC3\xA9",          // é
      "\xD8\x8C",          // Arabic comma
      "\xE3\x80\x81",      // ideographic comma
      "\xEF\xBC\x8C",      // fullwidth comma
      "\xE2\x80\x99",      // typographic apostrophe
      "\xF0\x9F\x98\x80",  // an emoji
      "\xD8",
      "\xEF\xBC",  // lead bytes without their continuation
      "\xC2\xAB",  // «
      "mot",
      "anticonstitutionnellement",
      "un mot puis un autre ",
      "un mot, puis un autre ",
      "d\xC3\xA9j\xC3\xA0 vu, ni ",
      "anticonstitutionnellement,anticonstitutionnellement",
      "anticonstitutionnellement anticonstitutionnellement, et la suite du texte"};
  return atoms;
}

}  // namespace nc::test
