#pragma once
// The stored form of an extracted article: the value of the store's
// `articles` database (storage/schema.h, kArticlesDb), written by the
// crawl's worker threads into PageRecord::article and read back by
// `cat --article` and `export --format articles`.
//
// Encoding (storage/codec.h primitives), version 1:
//   byte 1 (the version); varint field bits (1: published, 2: modified);
//   length-prefixed url, canonical_url, title, language, section, date_line;
//   varint count + length-prefixed authors;
//   per date present: zigzag local_seconds, byte (bit 0 offset known,
//   bit 1 has a time of day), [zigzag offset minutes], length-prefixed source;
//   varint count + length-prefixed paragraphs;
//   varint count + (length-prefixed title, url) related headlines;
//   varint count + length-prefixed problems.
// A later version adds fields after these or bumps the version byte; the
// decoder refuses versions it does not know.
//
// The decoder reads store files (untrusted): every length and count is
// bounds-checked and a damaged value is an Error ("store.corrupt"), never a
// crash (fuzzed: tests/fuzz/fuzz_article_record.cc). Pure; any thread.

#include <string>
#include <string_view>

#include "common/result.h"
#include "crawler/extract/article.h"

namespace nc {

inline constexpr uint8_t kArticleRecordVersion = 1;

std::string EncodeArticleRecord(const Article& article);
Result<Article> DecodeArticleRecord(std::string_view bytes);

}  // namespace nc
