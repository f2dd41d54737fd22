#pragma once
// The stored form of an extracted article: the value of the store's
// `articles` database (storage/schema.h, kArticlesDb), written by the
// crawl's worker threads into PageRecord::article and read back by
// `cat --article` and `export --format articles`.
//
// Encoding, version 2 (written since session 6): byte 2, then one zstd
// frame (storage/body_codec.h, with a checksum) of the version-1 fields
// below without their version byte. Article text is most of a news page's
// text, so stored raw it cost ~37 KB per page; compressed like the bodies
// it costs a fraction of that.
//
// Version 1 (still read; storage/codec.h primitives):
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

inline constexpr uint8_t kArticleRecordVersion = 2;

// Version 2 at zstd `zstd_level` (the crawl passes [storage] zstd_level).
std::string EncodeArticleRecord(const Article& article, int zstd_level = 3);
// Version 1, uncompressed: what stores written before version 2 hold
// (kept for the tests and fuzz seeds of the older format).
std::string EncodeArticleRecordV1(const Article& article);
// Reads versions 1 and 2.
Result<Article> DecodeArticleRecord(std::string_view bytes);

}  // namespace nc
