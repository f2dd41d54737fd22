#pragma once
// The on-disk schema: names of the LMDB databases, their key builders, and
// the encoders/decoders of their values. storage/README.md is the prose
// version of this file; keep the two in step and bump kSchemaVersion
// (storage/store.h) on any incompatible change.
//
// Decoders take untrusted bytes and return an Error ("store.corrupt") rather
// than trusting lengths or enum values. Pure functions, safe from any thread.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "frontier/frontier_source.h"
#include "frontier/link.h"
#include "storage/codec.h"
#include "storage/records.h"

namespace nc::storage::schema {

// Named databases.
inline constexpr const char* kMetaDb = "meta";
inline constexpr const char* kUrlIdsDb = "url_ids";
inline constexpr const char* kUrlsDb = "urls";
inline constexpr const char* kFrontierDb = "frontier";
inline constexpr const char* kPagesDb = "pages";
inline constexpr const char* kLinksDb = "links";
inline constexpr const char* kHostsDb = "hosts";
// Schema 2 added these two (a store of schema 1 is refused by Open).
inline constexpr const char* kHostStateDb = "host_state";
inline constexpr const char* kHostCountsDb = "host_counts";
// Watch mode's (their layouts: storage/watch_schema.h). Added after schema 2
// without a bump: a writable open creates them, a read-only open of an
// older store finds none.
inline constexpr const char* kWatchDb = "watch";
inline constexpr const char* kFirstSeenDb = "first_seen";
inline constexpr const char* kVersionsDb = "versions";
inline constexpr const char* kBodiesDb = "bodies";
// Articles extracted in the crawl: url id -> the encoded article
// (crawler/article_record.h). Opened like the watch databases: a read-only
// open of a store made before it finds none.
inline constexpr const char* kArticlesDb = "articles";
// Room for more databases than the ones named above: LMDB fixes the number
// when the environment opens.
inline constexpr unsigned kMaxDbs = 16;

// Keys of `meta` written by the store itself (PutMeta refuses them).
inline constexpr std::string_view kSchemaKey = "newscrawl-schema";
inline constexpr std::string_view kCountersKey = "counters";
// Keys written by the crawler through PutMeta: the job's identity
// (crawler/crawl_job.h writes config and host_key, the engine job_state and
// host_snapshot). Named here, beside the store's own keys, because they are
// part of the on-disk format (storage/README.md, meta) and Stats reads
// job_state; every reader and writer uses these names.
inline constexpr std::string_view kJobStateKey = "job_state";          // kJobState* below
inline constexpr std::string_view kConfigKey = "config";               // ConfigToToml text
inline constexpr std::string_view kHostKeyModeKey = "host_key";        // "host" | "domain" | "ip"
inline constexpr std::string_view kHostSnapshotKey = "host_snapshot";  // `status --hosts` rows
// Values of job_state; absent means the job never ran.
inline constexpr std::string_view kJobStateRunning = "running";
inline constexpr std::string_view kJobStateInterrupted = "interrupted";
inline constexpr std::string_view kJobStateFinished = "finished";

// LMDB's default maximum key size.
inline constexpr size_t kMaxKeyBytes = 511;
// URLs up to this size are their own url_ids key; longer ones (or ones with a
// NUL byte) become prefix + NUL + SHA-256, which keeps keys < kMaxKeyBytes.
inline constexpr size_t kInlineUrlKeyMax = 448;
inline constexpr size_t kMaxHostKeyBytes = 400;

enum class UrlState : uint8_t {
  kKnown = 0,   // seen as a link that was not followed
  kQueued = 1,  // has (or had) a frontier entry, not fetched yet
  kDone = 2,    // a page record was committed
};

// --- keys ---
std::string UrlIdKey(std::string_view url);
// The same key without a copy for the common inline case: returns `url`
// itself, or the hashed key built in `*buffer`.
std::string_view UrlIdKey(std::string_view url, std::string* buffer);
bool IsHashedUrlIdKey(std::string_view key);
std::string IdKey(uint64_t id);              // urls, pages: 8-byte big-endian
uint64_t DecodeIdKey(std::string_view key);  // callers check size() == 8
// frontier: host_key NUL seq(8, big-endian). Host keys must not contain NUL.
std::string FrontierPrefix(std::string_view host_key);
std::string FrontierKey(std::string_view host_key, uint64_t seq);

// --- values ---
struct UrlIdValue {
  UrlState state = UrlState::kKnown;
  uint64_t id = 0;
};
std::string EncodeUrlIdValue(const UrlIdValue& v);
Result<UrlIdValue> DecodeUrlIdValue(std::string_view bytes);

struct FrontierValue {
  uint64_t url_id = 0;
  uint32_t depth = 0;
  uint32_t redirects = 0;
  uint32_t attempts = 0;  // earlier transient failures (optional field: absent = 0)
  // Fingerprints of the redirect chain that led here (optional: absent =
  // none; when present, attempts is written too).
  RedirectChain redirect_chain = {};
};
std::string EncodeFrontierValue(const FrontierValue& v);
Result<FrontierValue> DecodeFrontierValue(std::string_view bytes);

// Everything of a page record but its body, which follows the header in the
// same value (so it can be written straight into the map with MDB_RESERVE).
struct PageHeader {
  FetchKind kind = FetchKind::kFetched;
  bool body_truncated = false;
  uint16_t http_status = 0;
  uint32_t depth = 0;
  int64_t fetch_start_ms = 0;
  int64_t fetch_end_ms = 0;
  uint64_t body_size = 0;  // decoded
  std::string_view error;
  std::string_view content_type;
  std::string_view response_headers;
  std::string_view charset;  // "" in format-1 values
  FailureReason reason = FailureReason::kNone;  // kNone in format-1 and -2 values
  uint32_t attempts = 0;                        // 0 (unknown) in format-1 and -2 values
  // The exchange as it happened (format 4; PageRecord::request...). In
  // older values exchange_recorded is false and these are empty.
  bool exchange_recorded = false;
  std::string_view request;
  std::string_view peer_address;
  bool received_body_differs = false;  // else the body as received is the decoded body
  std::string_view received_body;
};
// Appends the header to `dst`; the value is the header followed by body_zstd.
void EncodePageHeader(const PageHeader& h, std::string* dst);
struct DecodedPage {
  PageHeader header;           // views into the value
  std::string_view body_zstd;  // rest of the value
};
Result<DecodedPage> DecodePage(std::string_view bytes);

// links: every outlink of one page in one value (key: IdKey(source id)),
// so a page's edges cost one put, not one per link.
struct EdgeRecord {
  uint64_t target_id = 0;
  LinkRole role = LinkRole::kOther;
  SkipReason reason = SkipReason::kNone;
  bool followed = false;
  std::string_view anchor_text;
};
// A links value is the edge count then the edges.
void AppendEdgeCount(uint64_t count, std::string* dst);
void AppendEdge(const EdgeRecord& edge, std::string* dst);

// Reads a links value edge by edge, without copying.
class EdgeReader {
 public:
  explicit EdgeReader(std::string_view value);
  uint64_t count() const { return count_; }
  // false after the last edge or at the first damaged byte (see Finish).
  bool Next(EdgeRecord* edge);
  // OK when every edge decoded and nothing trails them.
  Status Finish() const;

 private:
  codec::Decoder decoder_;
  uint64_t count_ = 0;
  uint64_t read_ = 0;
  const char* error_ = nullptr;
};

struct HostValue {
  int32_t robots_http_status = 0;
  int64_t robots_fetched_ms = 0;
  std::string_view robots_body;
};
std::string EncodeHostValue(const HostValue& v);
Result<HostValue> DecodeHostValue(std::string_view bytes);

// host_state: the PersistedHostState of a host key that is not healthy.
std::string EncodeHostStateValue(const PersistedHostState& v);
Result<PersistedHostState> DecodeHostStateValue(std::string_view bytes);

// Store-wide counters, one `meta` value updated in each write transaction.
struct Counters {
  uint64_t next_seq = 1;  // frontier sequence numbers start at 1 (after_seq 0 = all)
  uint64_t next_url_id = 1;
  uint64_t pages_by_status_class[6] = {};
  uint64_t robots_denied = 0;
  uint64_t body_bytes = 0;
  uint64_t stored_bytes = 0;
  uint64_t edges = 0;
};
std::string EncodeCounters(const Counters& c);
Result<Counters> DecodeCounters(std::string_view bytes);

// --- host_counts: host_key -> per-host counters kept by the writer ---
struct HostCounts {
  uint64_t admitted = 0;  // URLs that got a frontier entry under this host key
};
std::string EncodeHostCounts(const HostCounts& counts);
Result<HostCounts> DecodeHostCounts(std::string_view bytes);

}  // namespace nc::storage::schema
