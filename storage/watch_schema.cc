#include "storage/watch_schema.h"

#include <openssl/evp.h>

#include "storage/codec.h"

namespace nc::storage::schema {
namespace {
// 1: a seed, section page or feed; 2: the same fields and a kind byte
// (1: an article, crawl.revisit_articles_after). Pages are still written
// as format 1, so stores without articles watched read as before.
constexpr uint8_t kWatchFormat = 1;
constexpr uint8_t kWatchFormatWithKind = 2;
constexpr uint8_t kKindArticle = 1;
}  // namespace

std::string EncodeWatchValue(const WatchValue& v) {
  std::string out;
  out.push_back(static_cast<char>(v.article ? kWatchFormatWithKind : kWatchFormat));
  codec::PutLengthPrefixed(&out, v.host_key);
  codec::PutVarint64(&out, v.depth);
  codec::PutSignedVarint64(&out, v.interval_ms);
  codec::PutSignedVarint64(&out, v.next_poll_ms);
  codec::PutSignedVarint64(&out, v.last_fetch_ms);
  codec::PutVarint64(&out, v.pending_seq);
  codec::PutVarint64(&out, v.polls);
  codec::PutVarint64(&out, v.not_modified);
  codec::PutVarint64(&out, v.changes);
  codec::PutVarint64(&out, v.new_links);
  codec::PutLengthPrefixed(&out, v.etag);
  codec::PutLengthPrefixed(&out, v.last_modified);
  codec::PutLengthPrefixed(&out, v.body_hash);
  if (v.article) out.push_back(static_cast<char>(kKindArticle));
  return out;
}

Result<WatchValue> DecodeWatchValue(std::string_view bytes) {
  codec::Decoder d(bytes);
  WatchValue v;
  const uint8_t format = d.Byte();
  v.host_key = std::string(d.LengthPrefixed());
  v.depth = d.Varint32();
  v.interval_ms = d.SignedVarint64();
  v.next_poll_ms = d.SignedVarint64();
  v.last_fetch_ms = d.SignedVarint64();
  v.pending_seq = d.Varint64();
  v.polls = d.Varint64();
  v.not_modified = d.Varint64();
  v.changes = d.Varint64();
  v.new_links = d.Varint64();
  v.etag = std::string(d.LengthPrefixed());
  v.last_modified = std::string(d.LengthPrefixed());
  v.body_hash = std::string(d.LengthPrefixed());
  if (format == kWatchFormatWithKind) {
    const uint8_t kind = d.Byte();
    if (d.ok() && kind != kKindArticle) {
      return MakeError("store.corrupt", "watch value: unknown kind " + std::to_string(kind));
    }
    v.article = true;
  }
  if (Status s = d.Finish("watch value"); !s) return s.error();
  if (format != kWatchFormat && format != kWatchFormatWithKind) {
    return MakeError("store.corrupt", "watch value: unknown format " + std::to_string(format));
  }
  return v;
}

std::string EncodeFirstSeenValue(const FirstSeenValue& v) {
  std::string out;
  codec::PutSignedVarint64(&out, v.first_seen_ms);
  codec::PutVarint64(&out, v.announcer_id);
  return out;
}

Result<FirstSeenValue> DecodeFirstSeenValue(std::string_view bytes) {
  codec::Decoder d(bytes);
  FirstSeenValue v;
  v.first_seen_ms = d.SignedVarint64();
  v.announcer_id = d.Varint64();
  if (Status s = d.Finish("first_seen value"); !s) return s.error();
  return v;
}

std::string VersionKey(uint64_t id, int64_t fetch_ms) {
  std::string key;
  codec::PutFixed64BE(&key, id);
  codec::PutFixed64BE(&key, static_cast<uint64_t>(fetch_ms));
  return key;
}

std::string EncodeVersionValue(const VersionValue& v) {
  std::string out;
  codec::PutVarint64(&out, v.http_status);
  codec::PutLengthPrefixed(&out, v.body_hash);
  return out;
}

Result<VersionValue> DecodeVersionValue(std::string_view bytes) {
  codec::Decoder d(bytes);
  VersionValue v;
  const uint64_t status = d.Varint64();
  v.body_hash = std::string(d.LengthPrefixed());
  if (Status s = d.Finish("versions value"); !s) return s.error();
  if (status > 999) {
    return MakeError("store.corrupt", "versions value: status " + std::to_string(status));
  }
  v.http_status = static_cast<uint16_t>(status);
  return v;
}

std::string BodyHash(std::string_view body_zstd) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  EVP_Digest(body_zstd.data(), body_zstd.size(), digest, &digest_len, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), digest_len);
}

}  // namespace nc::storage::schema
