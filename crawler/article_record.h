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
// Version 3 (written by the crawl since session 8 when the stored page body
// is the HTML the article was extracted from, i.e. UTF-8 as served): byte
// 3, then the version-1 fields below, uncompressed, except the paragraphs:
// varint count, then each paragraph as pieces copied from the page body or
// literal (crawler/article_record_text.h). The paragraphs are most of an
// article and the page body already holds them (compressed at [storage]
// zstd_level), so they are not compressed a second time: on 48 KB article
// pages this took the record from ~0.6 M instructions (a zstd frame of
// ~43 KB of text) to ~0.07 M, and its size from ~4.0 KB to ~1.4 KB
// (tests/bench/README.md). Reading it needs the page's decoded body.
// Pages that were transcoded to UTF-8 for extraction keep version 2.
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

inline constexpr uint8_t kArticleRecordVersion = 3;

// Version 3 when `page_body` is given (the decoded body stored with the
// page, which must be the `html` the article was extracted from, so that
// Article::paragraph_offsets point into it), else version 2 at zstd
// `zstd_level` (the crawl passes [storage] zstd_level).
std::string EncodeArticleRecord(const Article& article, int zstd_level = 3,
                                std::string_view page_body = {});
// Version 1, uncompressed: what stores written before version 2 hold
// (kept for the tests and fuzz seeds of the older format).
std::string EncodeArticleRecordV1(const Article& article);
// Whether `bytes` is a version-3 record, whose reader must pass the page body.
bool ArticleRecordReadsPageBody(std::string_view bytes);
// Reads versions 1 to 3; `page_body` is the page's decoded body (read only
// by version 3).
Result<Article> DecodeArticleRecord(std::string_view bytes, std::string_view page_body = {});

}  // namespace nc
