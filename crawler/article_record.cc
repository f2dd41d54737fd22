#include "crawler/article_record.h"

#include "crawler/article_record_text.h"
#include "storage/body_codec.h"
#include "storage/codec.h"

namespace nc {
namespace {

namespace codec = storage::codec;

constexpr uint8_t kVersionRaw = 1;
constexpr uint8_t kVersionZstd = 2;
constexpr uint8_t kVersionBodyText = 3;
// An article holds at most the page text cap (article_dom.h) plus short
// metadata; a frame claiming more is damage, not an allocation.
constexpr uint64_t kMaxFieldsBytes = 64 << 20;
// The lookahead of version 3's encoder may scan 4 body bytes per text byte
// plus this, then writes what is left as literals.
constexpr uint64_t kSearchBudgetBase = 64 << 10;
constexpr uint64_t kHasPublished = 1;
constexpr uint64_t kHasModified = 2;
constexpr uint8_t kOffsetKnown = 1;
constexpr uint8_t kHasTime = 2;
// An offset beyond a day is no time zone (and would not fit an int anyway).
constexpr int64_t kMaxOffsetMinutes = 24 * 60;

void PutStrings(std::string* dst, const std::vector<std::string>& strings) {
  codec::PutVarint64(dst, strings.size());
  for (const std::string& s : strings) codec::PutLengthPrefixed(dst, s);
}

void PutDate(std::string* dst, const ArticleDate& date) {
  codec::PutSignedVarint64(dst, date.time.local_seconds);
  const uint8_t bits = (date.time.utc_offset_minutes ? kOffsetKnown : 0) |
                       (date.time.has_time ? kHasTime : 0);
  dst->push_back(static_cast<char>(bits));
  if (date.time.utc_offset_minutes) codec::PutSignedVarint64(dst, *date.time.utc_offset_minutes);
  codec::PutLengthPrefixed(dst, date.source);
}

// A count read from the value: each entry takes at least one byte, so a
// count above the bytes left is damage (and never a huge reserve).
bool ReadCount(codec::Decoder& in, uint64_t& count) {
  count = in.Varint64();
  return in.ok() && count <= in.remaining();
}

bool ReadStrings(codec::Decoder& in, std::vector<std::string>& out) {
  uint64_t count = 0;
  if (!ReadCount(in, count)) return false;
  out.reserve(count);
  for (uint64_t i = 0; i < count && in.ok(); ++i) out.emplace_back(in.LengthPrefixed());
  return in.ok();
}

bool ReadDate(codec::Decoder& in, std::optional<ArticleDate>& out) {
  ArticleDate date;
  date.time.local_seconds = in.SignedVarint64();
  const uint8_t bits = in.Byte();
  if (!in.ok() || (bits & ~(kOffsetKnown | kHasTime)) != 0) return false;
  date.time.has_time = bits & kHasTime;
  if (bits & kOffsetKnown) {
    const int64_t offset = in.SignedVarint64();
    if (!in.ok() || offset < -kMaxOffsetMinutes || offset > kMaxOffsetMinutes) return false;
    date.time.utc_offset_minutes = static_cast<int>(offset);
  }
  date.source = std::string(in.LengthPrefixed());
  out = std::move(date);
  return in.ok();
}

Error Damaged(std::string_view why) {
  return MakeError("store.corrupt", "article value: " + std::string(why));
}

// The version-1 fields after the version byte, appended to `out`; with
// `text`, the paragraphs as references into its body (version 3).
void PutFields(std::string& out, const Article& a, article_text::Encoder* text = nullptr) {
  // With `text` a paragraph is a few references into the page body, not its
  // text: reserving for the text left ~35 KB spare in a ~1.5 KB record (B1),
  // held while the record waited for the writer.
  size_t estimate = 64 + a.url.size() + a.canonical_url.size() + a.title.size();
  for (const std::string& p : a.paragraphs) estimate += text ? 8 : p.size() + 3;
  out.reserve(out.size() + estimate);
  codec::PutVarint64(&out, (a.published ? kHasPublished : 0) | (a.modified ? kHasModified : 0));
  for (const std::string* s :
       {&a.url, &a.canonical_url, &a.title, &a.language, &a.section, &a.date_line}) {
    codec::PutLengthPrefixed(&out, *s);
  }
  PutStrings(&out, a.authors);
  if (a.published) PutDate(&out, *a.published);
  if (a.modified) PutDate(&out, *a.modified);
  if (text) {
    codec::PutVarint64(&out, a.paragraphs.size());
    for (size_t i = 0; i < a.paragraphs.size(); ++i) {
      const uint32_t offset = a.paragraph_offsets[i];
      const bool verbatim = offset != kNoParagraphOffset && (offset & kVerbatimParagraph);
      article_text::PutParagraph(&out, a.paragraphs[i],
                                 verbatim ? offset & ~kVerbatimParagraph : offset, *text, verbatim);
    }
  } else {
    PutStrings(&out, a.paragraphs);
  }
  codec::PutVarint64(&out, a.related.size());
  for (const RelatedHeadline& r : a.related) {
    codec::PutLengthPrefixed(&out, r.title);
    codec::PutLengthPrefixed(&out, r.url);
  }
  PutStrings(&out, a.problems);
}

bool ReadParagraphs(codec::Decoder& in, article_text::Decoder* text,
                    std::vector<std::string>& out) {
  if (!text) return ReadStrings(in, out);
  uint64_t count = 0;
  if (!ReadCount(in, count)) return false;
  out.resize(count);
  for (std::string& p : out) {
    if (!article_text::ReadParagraph(in, *text, p)) return false;
  }
  return true;
}

Result<Article> DecodeFields(std::string_view bytes, article_text::Decoder* text = nullptr) {
  codec::Decoder in(bytes);
  Article a;
  const uint64_t fields = in.Varint64();
  if (in.ok() && (fields & ~(kHasPublished | kHasModified)) != 0) return Damaged("unknown fields");
  for (std::string* s : {&a.url, &a.canonical_url, &a.title, &a.language, &a.section,
                         &a.date_line}) {
    *s = std::string(in.LengthPrefixed());
  }
  bool ok = in.ok() && ReadStrings(in, a.authors);
  if (ok && (fields & kHasPublished)) ok = ReadDate(in, a.published);
  if (ok && (fields & kHasModified)) ok = ReadDate(in, a.modified);
  ok = ok && ReadParagraphs(in, text, a.paragraphs);
  uint64_t related = 0;
  ok = ok && ReadCount(in, related);
  if (ok) {
    a.related.reserve(related);
    for (uint64_t i = 0; i < related && in.ok(); ++i) {
      RelatedHeadline r;
      r.title = std::string(in.LengthPrefixed());
      r.url = std::string(in.LengthPrefixed());
      a.related.push_back(std::move(r));
    }
  }
  ok = ok && in.ok() && ReadStrings(in, a.problems);
  if (Status s = in.Finish("article value"); !s) return s.error();
  if (!ok) return Damaged("malformed date or count");
  return a;
}

}  // namespace

std::string EncodeArticleRecordV1(const Article& a) {
  std::string out(1, static_cast<char>(kVersionRaw));
  PutFields(out, a);
  return out;
}

std::string EncodeArticleRecord(const Article& a, int zstd_level, std::string_view page_body) {
  if (!page_body.empty() && a.paragraph_offsets.size() == a.paragraphs.size()) {
    size_t text_bytes = 0;
    for (const std::string& p : a.paragraphs) text_bytes += p.size();
    article_text::Encoder text{page_body, 0, 4 * text_bytes + kSearchBudgetBase};
    std::string out(1, static_cast<char>(kVersionBodyText));
    PutFields(out, a, &text);
    return out;
  }
  // The fields go to a per-thread buffer (the worker threads encode one
  // article per page), then only the frame is allocated.
  thread_local std::string fields;
  fields.clear();
  PutFields(fields, a);
  std::string frame = storage::CompressBody(fields, zstd_level);
  if (fields.capacity() > (size_t{4} << 20)) std::string().swap(fields);  // a huge one
  std::string out;
  out.reserve(1 + frame.size());
  out.push_back(static_cast<char>(kVersionZstd));
  out.append(frame);
  return out;
}

bool ArticleRecordReadsPageBody(std::string_view bytes) {
  return !bytes.empty() && static_cast<uint8_t>(bytes.front()) == kVersionBodyText;
}

Result<Article> DecodeArticleRecord(std::string_view bytes, std::string_view page_body) {
  if (bytes.empty()) return Damaged("empty");
  const auto version = static_cast<uint8_t>(bytes.front());
  bytes.remove_prefix(1);
  if (version == kVersionRaw) return DecodeFields(bytes);
  if (version == kVersionBodyText) {
    article_text::Decoder text{page_body, 0, kMaxFieldsBytes};
    Result<Article> a = DecodeFields(bytes, &text);
    if (!a && page_body.empty()) {
      return Damaged("its paragraphs are in the page body, and the page has no body");
    }
    return a;
  }
  if (version != kVersionZstd) {
    return Damaged("version " + std::to_string(version) + ", this newscrawl reads 1 to " +
                   std::to_string(kArticleRecordVersion));
  }
  // An empty article still has its field bits: an empty frame is damage.
  if (bytes.empty()) return Damaged("no zstd frame");
  Result<std::string> fields = storage::DecompressBody(bytes, kMaxFieldsBytes);
  if (!fields) return Damaged(fields.error().message);
  return DecodeFields(*fields);
}

}  // namespace nc
