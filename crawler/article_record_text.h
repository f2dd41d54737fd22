#pragma once
// An article paragraph stored as references into the page body the crawl
// stores beside it (crawler/article_record.h, version 3): the paragraph's
// text is the page's own text with tags dropped, entities decoded and
// whitespace collapsed, so most of it is runs of the body's bytes. A
// paragraph is written as pieces, each a copy of body bytes or literal
// bytes (what differs: a decoded entity, a collapsed space):
//
//   varint piece count, then per piece varint (length << 1 | is_copy),
//   then a copy's zigzag varint offset in the body relative to where the
//   record's previous copy ended (0 before the first), or a literal's bytes.
//
// The encoder never searches the body from its start: it follows the body
// from where the paragraph's text begins (Article::paragraph_offsets) and
// skips what the text leaves out (a tag, whitespace, an entity), looking a
// bounded window ahead when neither side explains a difference, under a
// per-record search budget; what it cannot match is literal. Whatever it
// chooses, decoding gives the paragraph exactly.
//
// Reading checks every count, length and offset against the input and the
// body: a damaged value fails (false), never reads outside the body.
// Pure; any thread.

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/codec.h"

namespace nc::article_text {

struct Encoder {
  std::string_view body;
  uint64_t previous_copy_end = 0;  // offsets are written relative to it
  uint64_t search_budget = 0;      // body bytes the lookahead may still scan
};

// Appends `paragraph` as pieces against encoder.body, starting the match
// at body offset `hint` (out of range: all literal). `verbatim`: the caller
// knows that the paragraph is the body's bytes at `hint` as they are
// (Article's kVerbatimParagraph), so it is written as the one copy the
// match would find, without comparing (the same bytes).
void PutParagraph(std::string* dst, std::string_view paragraph, uint64_t hint, Encoder& encoder,
                  bool verbatim = false);

struct Decoder {
  std::string_view body;
  uint64_t previous_copy_end = 0;
  uint64_t output_left = 0;  // cap on the bytes all paragraphs may expand to
};

// Reads one paragraph written by PutParagraph into `out`; false when the
// input is damaged (out of bounds, a count beyond the input, over the cap).
bool ReadParagraph(storage::codec::Decoder& in, Decoder& decoder, std::string& out);

}  // namespace nc::article_text
