#include "storage/watch_schema.h"

#include <openssl/evp.h>

#include "storage/codec.h"

namespace nc::storage::schema {
namespace {
constexpr uint8_t kWatchFormat = 1;

// Each value's fields in order, for both directions (codec::EncodeFields);
// `v` is const when encoding.
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
  return codec::EncodeFields(v, kWatchFields, kWatchFormat);
}

Result<WatchValue> DecodeWatchValue(std::string_view bytes) {
  return codec::DecodeFields<WatchValue>(bytes, "watch value", kWatchFields, kWatchFormat);
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
