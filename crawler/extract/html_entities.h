#pragma once
// HTML character references (&amp; &#233; &#xE9; &eacute;) decoded as the
// HTML5 tokenizer does, for text and for attribute values. Pure functions,
// safe from any thread.
//
// Named references are the full WHATWG list (2,125 names, some mapping to two
// code points), generated into html_entities_table.inc by
// scripts/gen_html_entities.py; the 106 legacy names (amp, lt, nbsp, all of
// Latin-1...) are also recognised without ';'. An unknown name is left as
// written, like any unmatched '&'.

#include <string>
#include <string_view>

namespace nc {

// Appends `raw` to `out` with character references replaced by UTF-8.
// In attribute values (`in_attribute`), a legacy name without ';' followed
// by '=' or an alphanumeric stays as written ("?a=1&copy=2" keeps "&copy").
void AppendDecodedHtml(std::string_view raw, bool in_attribute, std::string& out);

// Appends code point `cp` as UTF-8 (U+FFFD for surrogates and values above
// U+10FFFF).
void AppendUtf8(char32_t cp, std::string& out);

}  // namespace nc
