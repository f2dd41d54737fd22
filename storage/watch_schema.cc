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

// Each value's fields in order, for both directions (codec::EncodeFields);
// `v` is const when encoding. Format 2 appends one kind byte after them.
constexpr auto kWatchFields = [](auto& io, auto& v) {
  io.String(v.host_key);
  io.Unsigned(v.depth);
  io.Signed(v.interval_ms);
  io.Signed(v.next_poll_ms);
  io.Signed(v.last_fetch_ms);
  io.Unsigned(v.pending_seq);
  io.Unsigned(v.polls);
  io.Unsigned(v.not_modified);
  io.Unsigned(v.changes);
  io.Unsigned(v.new_links);
  io.String(v.etag);
  io.String(v.last_modified);
  io.String(v.body_hash);
};

constexpr auto kFirstSeenFields = [](auto& io, auto& v) {
  io.Signed(v.first_seen_ms);
  io.Unsigned(v.announcer_id);
};

}  // namespace

std::string EncodeWatchValue(const WatchValue& v) {
  if (!v.article) return codec::EncodeFields(v, kWatchFields, kWatchFormat);
  std::string out = codec::EncodeFields(v, kWatchFields, kWatchFormatWithKind);
  out.push_back(static_cast<char>(kKindArticle));
  return out;
}

Result<WatchValue> DecodeWatchValue(std::string_view bytes) {
  if (bytes.empty() || static_cast<uint8_t>(bytes[0]) != kWatchFormatWithKind) {
    return codec::DecodeFields<WatchValue>(bytes, "watch value", kWatchFields, kWatchFormat);
  }
  // Format 2: the format-1 fields, then the kind byte.
  if (bytes.size() < 2) return MakeError("store.corrupt", "watch value: truncated");
  const uint8_t kind = static_cast<uint8_t>(bytes.back());
  Result<WatchValue> v = codec::DecodeFields<WatchValue>(bytes.substr(0, bytes.size() - 1),
                                                         "watch value", kWatchFields,
                                                         kWatchFormatWithKind);
  if (!v) return v;
  if (kind != kKindArticle) {
    return MakeError("store.corrupt", "watch value: unknown kind " + std::to_string(kind));
  }
  v->article = true;
  return v;
}

std::string EncodeFirstSeenValue(const FirstSeenValue& v) {
  return codec::EncodeFields(v, kFirstSeenFields);
}

Result<FirstSeenValue> DecodeFirstSeenValue(std::string_view bytes) {
  return codec::DecodeFields<FirstSeenValue>(bytes, "first_seen value", kFirstSeenFields);
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
