#include "storage/schema.h"

#include <algorithm>
#include <cmath>

#include <openssl/evp.h>

#include "storage/codec.h"

namespace nc::storage::schema {
namespace {

// Format 2 added `charset`, 3 the failure reason and attempts, 4 the
// exchange as it happened (request, peer address, body as received);
// values of every earlier format still read.
constexpr uint8_t kPageFormat = 4;
constexpr uint8_t kPageFormatWithoutExchange = 3;
constexpr uint8_t kPageFormatWithoutReason = 2;
constexpr uint8_t kPageFormatWithoutCharset = 1;
constexpr uint8_t kPageTruncatedFlag = 1;
constexpr uint8_t kLinkFollowedFlag = 1;
constexpr uint8_t kMaxFetchKind = static_cast<uint8_t>(FetchKind::kRobotsDenied);
constexpr uint8_t kMaxUrlState = static_cast<uint8_t>(UrlState::kDone);

// Field lists, for both directions (codec::EncodeFields); `v` is const when
// encoding. Fields outside a list (format bytes, optional or checked fields)
// are read and written beside it.

// frontier: `attempts` is optional and follows.
constexpr auto kFrontierFields = [](auto& io, auto& v) {
  io.Unsigned(v.url_id);
  io.Unsigned(v.depth);
  io.Unsigned(v.redirects);
};

// host_state: the delay and the reasons follow.
constexpr auto kHostStateFields = [](auto& io, auto& v) {
  io.Unsigned(v.consecutive_failures);
  io.Unsigned(v.times_parked);
  io.Signed(v.backoff_until_ms);
  io.Signed(v.parked_until_ms);
};

constexpr auto kCounterFields = [](auto& io, auto& c) {
  io.Unsigned(c.next_seq);
  io.Unsigned(c.next_url_id);
  for (auto& n : c.pages_by_status_class) io.Unsigned(n);
  io.Unsigned(c.robots_denied);
  io.Unsigned(c.body_bytes);
  io.Unsigned(c.stored_bytes);
  io.Unsigned(c.edges);
};

constexpr auto kHostCountFields = [](auto& io, auto& counts) { io.Unsigned(counts.admitted); };

}  // namespace

std::string_view UrlIdKey(std::string_view url, std::string* buffer) {
  if (url.size() <= kInlineUrlKeyMax && url.find('\0') == std::string_view::npos) return url;
  // A prefix keeps related long URLs near each other; the NUL can never occur
  // in an inline key, so the two forms cannot collide.
  buffer->assign(url.substr(0, kInlineUrlKeyMax));
  buffer->push_back('\0');
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  EVP_Digest(url.data(), url.size(), digest, &digest_len, EVP_sha256(), nullptr);
  buffer->append(reinterpret_cast<const char*>(digest), digest_len);
  return *buffer;
}

std::string UrlIdKey(std::string_view url) {
  std::string buffer;
  return std::string(UrlIdKey(url, &buffer));
}

bool IsHashedUrlIdKey(std::string_view key) { return key.find('\0') != std::string_view::npos; }

std::string IdKey(uint64_t id) {
  std::string key;
  codec::PutFixed64BE(&key, id);
  return key;
}

uint64_t DecodeIdKey(std::string_view key) { return codec::DecodeFixed64BE(key.data()); }

std::string FrontierPrefix(std::string_view host_key) {
  std::string key;
  key.reserve(host_key.size() + 9);
  key.append(host_key);
  key.push_back('\0');
  return key;
}

std::string FrontierKey(std::string_view host_key, uint64_t seq) {
  std::string key = FrontierPrefix(host_key);
  codec::PutFixed64BE(&key, seq);
  return key;
}

// --- url_ids ---

std::string EncodeUrlIdValue(const UrlIdValue& v) {
  std::string out;
  out.push_back(static_cast<char>(v.state));
  codec::PutVarint64(&out, v.id);
  return out;
}

Result<UrlIdValue> DecodeUrlIdValue(std::string_view bytes) {
  codec::Decoder d(bytes);
  uint8_t state = d.Byte();
  UrlIdValue v;
  v.id = d.Varint64();
  if (Status s = d.Finish("url_ids value"); !s) return s.error();
  if (state > kMaxUrlState) {
    return MakeError("store.corrupt", "url_ids value: unknown url state " + std::to_string(state));
  }
  if (v.id == 0) return MakeError("store.corrupt", "url_ids value: url id 0");
  v.state = static_cast<UrlState>(state);
  return v;
}

// --- frontier ---

std::string EncodeFrontierValue(const FrontierValue& v) {
  std::string out;
  codec::FieldWriter writer(&out);
  kFrontierFields(writer, v);
  if (v.attempts != 0) codec::PutVarint64(&out, v.attempts);
  return out;
}

Result<FrontierValue> DecodeFrontierValue(std::string_view bytes) {
  codec::Decoder d(bytes);
  FrontierValue v;
  codec::FieldReader reader(&d);
  kFrontierFields(reader, v);
  if (d.ok() && d.remaining() > 0) v.attempts = d.Varint32();
  if (Status s = d.Finish("frontier value"); !s) return s.error();
  return v;
}

// --- pages ---

void EncodePageHeader(const PageHeader& h, std::string* dst) {
  dst->push_back(static_cast<char>(kPageFormat));
  dst->push_back(static_cast<char>(h.kind));
  dst->push_back(static_cast<char>(h.body_truncated ? kPageTruncatedFlag : 0));
  codec::PutVarint64(dst, h.http_status);
  codec::PutVarint64(dst, h.depth);
  codec::PutSignedVarint64(dst, h.fetch_start_ms);
  codec::PutSignedVarint64(dst, h.fetch_end_ms);
  codec::PutVarint64(dst, h.body_size);
  codec::PutLengthPrefixed(dst, h.error);
  codec::PutLengthPrefixed(dst, h.content_type);
  codec::PutLengthPrefixed(dst, h.response_headers);
  codec::PutLengthPrefixed(dst, h.charset);
  dst->push_back(static_cast<char>(h.reason));
  codec::PutVarint64(dst, h.attempts);
  codec::PutLengthPrefixed(dst, h.request);
  codec::PutLengthPrefixed(dst, h.peer_address);
  dst->push_back(static_cast<char>(h.received_body_differs ? 1 : 0));
  if (h.received_body_differs) codec::PutLengthPrefixed(dst, h.received_body);
}

Result<DecodedPage> DecodePage(std::string_view bytes) {
  codec::Decoder d(bytes);
  uint8_t format = d.Byte();
  uint8_t kind = d.Byte();
  uint8_t flags = d.Byte();
  DecodedPage page;
  PageHeader& h = page.header;
  uint64_t status = d.Varint64();
  h.depth = d.Varint32();
  h.fetch_start_ms = d.SignedVarint64();
  h.fetch_end_ms = d.SignedVarint64();
  h.body_size = d.Varint64();
  h.error = d.LengthPrefixed();
  h.content_type = d.LengthPrefixed();
  h.response_headers = d.LengthPrefixed();
  if (format >= kPageFormatWithoutReason) h.charset = d.LengthPrefixed();
  uint8_t reason = 0;
  if (format >= kPageFormatWithoutExchange) {
    reason = d.Byte();
    h.attempts = d.Varint32();
  }
  uint8_t received = 0;
  if (format >= kPageFormat) {
    h.exchange_recorded = true;
    h.request = d.LengthPrefixed();
    h.peer_address = d.LengthPrefixed();
    received = d.Byte();
    if (received == 1) h.received_body = d.LengthPrefixed();
  }
  page.body_zstd = d.Rest();
  if (Status s = d.Finish("pages value"); !s) return s.error();
  if (format != kPageFormat && format != kPageFormatWithoutExchange &&
      format != kPageFormatWithoutReason && format != kPageFormatWithoutCharset) {
    return MakeError("store.corrupt", "pages value: unknown format " + std::to_string(format));
  }
  if (received > 1) {
    return MakeError("store.corrupt",
                     "pages value: unknown received-body flag " + std::to_string(received));
  }
  h.received_body_differs = received == 1;
  if (kind > kMaxFetchKind) {
    return MakeError("store.corrupt", "pages value: unknown fetch kind " + std::to_string(kind));
  }
  if (status > UINT16_MAX) {
    return MakeError("store.corrupt", "pages value: http status " + std::to_string(status));
  }
  const std::optional<FailureReason> known_reason = FailureReasonFromByte(reason);
  if (!known_reason) {
    return MakeError("store.corrupt",
                     "pages value: unknown failure reason " + std::to_string(reason));
  }
  h.reason = *known_reason;
  h.kind = static_cast<FetchKind>(kind);
  h.body_truncated = (flags & kPageTruncatedFlag) != 0;
  h.http_status = static_cast<uint16_t>(status);
  return page;
}

// --- links ---

// target id (>= 1 byte), role, reason, flags, anchor length (>= 1 byte).
constexpr uint64_t kMinEdgeBytes = 5;

void AppendEdgeCount(uint64_t count, std::string* dst) { codec::PutVarint64(dst, count); }

void AppendEdge(const EdgeRecord& edge, std::string* dst) {
  codec::PutVarint64(dst, edge.target_id);
  dst->push_back(static_cast<char>(edge.role));
  dst->push_back(static_cast<char>(edge.reason));
  dst->push_back(static_cast<char>(edge.followed ? kLinkFollowedFlag : 0));
  codec::PutLengthPrefixed(dst, edge.anchor_text);
}

EdgeReader::EdgeReader(std::string_view value) : decoder_(value) {
  count_ = decoder_.Varint64();
  // A damaged count must not make callers trust (or reserve for) billions.
  if (decoder_.ok() && count_ > decoder_.remaining() / kMinEdgeBytes) {
    error_ = "edge count larger than the value";
    count_ = 0;
  }
}

bool EdgeReader::Next(EdgeRecord* edge) {
  if (error_ != nullptr || !decoder_.ok() || read_ == count_) return false;
  edge->target_id = decoder_.Varint64();
  // Roles and reasons are append-only enums: an unknown byte is kept and
  // shown as "unknown" rather than failing a whole export.
  edge->role = static_cast<LinkRole>(decoder_.Byte());
  edge->reason = static_cast<SkipReason>(decoder_.Byte());
  edge->followed = (decoder_.Byte() & kLinkFollowedFlag) != 0;
  edge->anchor_text = decoder_.LengthPrefixed();
  if (!decoder_.ok()) return false;
  if (edge->target_id == 0) {
    error_ = "target url id 0";
    return false;
  }
  ++read_;
  return true;
}

Status EdgeReader::Finish() const {
  if (error_ != nullptr) return MakeError("store.corrupt", std::string("links value: ") + error_);
  if (!decoder_.ok() || read_ == count_) return decoder_.Finish("links value");
  return MakeError("store.corrupt", "links value: " + std::to_string(count_ - read_) + " of " +
                                        std::to_string(count_) + " edges not read");
}

// --- hosts ---

std::string EncodeHostValue(const HostValue& v) {
  std::string out;
  codec::PutSignedVarint64(&out, v.robots_http_status);
  codec::PutSignedVarint64(&out, v.robots_fetched_ms);
  out.append(v.robots_body);
  return out;
}

Result<HostValue> DecodeHostValue(std::string_view bytes) {
  codec::Decoder d(bytes);
  HostValue v;
  int64_t status = d.SignedVarint64();
  v.robots_fetched_ms = d.SignedVarint64();
  v.robots_body = d.Rest();
  if (Status s = d.Finish("hosts value"); !s) return s.error();
  if (status < INT32_MIN || status > INT32_MAX) {
    return MakeError("store.corrupt", "hosts value: http status " + std::to_string(status));
  }
  v.robots_http_status = static_cast<int32_t>(status);
  return v;
}

// --- host_state ---

namespace {
constexpr uint8_t kHostStateFormat = 1;
constexpr uint64_t kMaxDelayMs = 1'000'000'000'000;  // ~31 years, the scheduler's cap
}  // namespace

std::string EncodeHostStateValue(const PersistedHostState& v) {
  std::string out;
  out.push_back(static_cast<char>(kHostStateFormat));
  codec::FieldWriter writer(&out);
  kHostStateFields(writer, v);
  // Milliseconds: the delay is shown and restored, never compared exactly.
  const double ms = std::isfinite(v.last_delay_seconds) ? v.last_delay_seconds * 1000.0 : 0.0;
  codec::PutVarint64(&out, ms <= 0                                  ? 0
                           : ms >= static_cast<double>(kMaxDelayMs) ? kMaxDelayMs
                                                                    : static_cast<uint64_t>(std::llround(ms)));
  out.push_back(static_cast<char>(v.last_delay_reason));
  out.append(v.park_reason);
  return out;
}

Result<PersistedHostState> DecodeHostStateValue(std::string_view bytes) {
  codec::Decoder d(bytes);
  PersistedHostState v;
  const uint8_t format = d.Byte();
  codec::FieldReader reader(&d);
  kHostStateFields(reader, v);
  const uint64_t delay_ms = d.Varint64();
  const uint8_t reason = d.Byte();
  v.park_reason = std::string(d.Rest());
  if (Status s = d.Finish("host_state value"); !s) return s.error();
  if (format != kHostStateFormat) {
    return MakeError("store.corrupt", "host_state value: unknown format " + std::to_string(format));
  }
  if (reason > kMaxDelayReason) {
    return MakeError("store.corrupt",
                     "host_state value: unknown delay reason " + std::to_string(reason));
  }
  v.last_delay_seconds = static_cast<double>(std::min(delay_ms, kMaxDelayMs)) / 1000.0;
  v.last_delay_reason = static_cast<DelayReason>(reason);
  return v;
}

// --- counters ---

std::string EncodeCounters(const Counters& c) { return codec::EncodeFields(c, kCounterFields); }

Result<Counters> DecodeCounters(std::string_view bytes) {
  Result<Counters> decoded =
      codec::DecodeFields<Counters>(bytes, "meta counters value", kCounterFields);
  if (!decoded) return decoded;
  const Counters& c = *decoded;
  if (c.next_seq == 0 || c.next_url_id == 0) {
    return MakeError("store.corrupt", "meta counters value: sequence counter at 0");
  }
  return decoded;
}

// --- host_counts ---

std::string EncodeHostCounts(const HostCounts& counts) {
  return codec::EncodeFields(counts, kHostCountFields);
}

Result<HostCounts> DecodeHostCounts(std::string_view bytes) {
  return codec::DecodeFields<HostCounts>(bytes, "value", kHostCountFields);
}

}  // namespace nc::storage::schema
