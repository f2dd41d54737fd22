#pragma once
// The records the crawler hands to the store: what a batch commits
// (BatchRecord, one of four kinds), the outlinks they carry, the host state
// that rides along, and what a committed batch reports back. How each kind
// is written is in storage/README.md, "Transactions".
//
// Plain values: built on any thread (page records on the crawler's worker
// threads), moved to the BatchWriter, read by Store::CommitBatch.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "common/failure_reason.h"
#include "frontier/frontier_source.h"
#include "frontier/link.h"

namespace nc::storage {

// An outlink of a fetched page, as decided by the crawler's follow policy.
struct OutlinkRecord {
  std::string target;        // canonical key (absolute URL)
  std::string host_key;      // of the target
  std::string anchor_text;
  LinkRole role = LinkRole::kOther;
  bool follow = false;       // policy wants it fetched (enqueued unless already known-queued)
  SkipReason reason = SkipReason::kNone;  // why not, when !follow
  uint32_t depth = 0;        // depth the target gets if enqueued
  uint32_t redirects = 0;    // redirect hops the target gets if enqueued
  RedirectChain redirect_chain = {};  // and the chain that led to it (frontier/redirect_chain.h)
};

enum class FetchKind : uint8_t {
  kFetched = 0,        // an HTTP response was received (any status)
  kFailed = 1,         // network/TLS/protocol error: `error` says which
  kRobotsDenied = 2,   // not fetched: robots.txt disallows it
};

// The failure reason of a stored page: `stored`, or for pages stored before
// reasons were kept (page formats 1 and 2), the one its kind and status give.
inline FailureReason FailureOf(FetchKind kind, uint16_t http_status, FailureReason stored) {
  if (stored != FailureReason::kNone) return stored;
  switch (kind) {
    case FetchKind::kRobotsDenied: return FailureReason::kRobotsDenied;
    case FetchKind::kFailed: return FailureReason::kConnectionLost;
    case FetchKind::kFetched: return FailureReasonForHttpStatus(http_status);
  }
  return FailureReason::kNone;
}

// The outcome of one frontier entry, stored in `pages`: written with its
// edges, its new URLs and the removal of its frontier entry in one
// transaction.
struct PageRecord {
  std::string url;          // canonical key
  std::string host_key;
  uint64_t frontier_seq = 0;
  uint32_t depth = 0;
  uint32_t redirects = 0;   // redirect hops that led to this URL
  RedirectChain redirect_chain = {};  // the URLs of those hops (kept when the URL is retried)
  FetchKind kind = FetchKind::kFetched;
  uint16_t http_status = 0;
  std::string error;        // for kFailed: "timeout: read", "tls: certificate verify failed", ...
  // Why the URL failed (common/failure_reason.h): set for kFailed and
  // kRobotsDenied, and for kFetched pages that are no use (4xx/5xx, a body
  // that does not decode, a redirect not followed as a loop or past
  // max_redirects); kNone for a good page.
  FailureReason reason = FailureReason::kNone;
  uint32_t attempts = 1;    // fetches of the URL, this one included
  int64_t fetch_start_ms = 0;  // wall clock
  int64_t fetch_end_ms = 0;
  std::string content_type;
  // Encoding of an HTML body (WHATWG name: "UTF-8", "windows-1252", ...),
  // as crawler/extract/charset.h found it; "" for other bodies. The body
  // itself is stored as served, never transcoded.
  std::string charset;
  std::string response_headers;  // raw header block
  uint64_t body_size = 0;        // decoded size
  std::string body_zstd;         // zstd frame of the decoded body ("" when no body)
  bool body_truncated = false;
  std::vector<OutlinkRecord> links;
  // Validators of the response (ETag, Last-Modified; "" when absent): a
  // watched page's next poll sends them back (If-None-Match,
  // If-Modified-Since).
  std::string etag;
  std::string last_modified;
  // Cluster jobs (crawl --cluster, docs/scale-out.md): false records the
  // followed links as followed edges without admitting them to this store's
  // frontier; they were published to the job's stream and come back, to
  // whichever node owns their host, as that node's intake.
  bool admit_followed = true;
  // The exchange as it happened (page format 4), so that export --format
  // warc rebuilds it exactly: the request bytes as sent, the address
  // connected to, and the body as received (de-chunked, its
  // Content-Encoding kept) when that differs from the decoded body above;
  // when it does not, received_body stays empty and body_zstd serves both.
  std::string request;
  std::string peer_address;
  bool received_body_differs = false;
  std::string received_body;
  // The page's article, as the crawler extracted it ([extract] articles),
  // in crawler/article_record.h's encoding; "" when the page is not an
  // article. Written to `articles` in the page's own transaction.
  std::string article;
};

// A fetch that failed transiently (timeout, connection error, 429, 5xx) and
// may be tried again: instead of recording the page, the commit replaces
// its frontier entry by a new one (new seq, attempts + 1), so the URL is
// fetched again later, after the host's back-off. Only the final outcome
// of a URL is stored as its page. When the URL is not in state queued in
// the store, `page` is committed as a PageRecord instead.
struct RetryLater {
  PageRecord page;        // url, host_key, frontier_seq, depth, redirects name the entry
  uint32_t attempts = 0;  // of the URL before this fetch (QueuedUrl::attempts)
};

// Not a fetch result: only `url`'s outlinks are recorded, with their new
// frontier entries, as for a page; no page record is written, no frontier
// entry is removed, and `url` keeps its state (known when new). For links
// found outside a page fetch. They replace earlier edges of `url` (none:
// the earlier edges are removed). Not counted in CommitReport::pages.
struct LinksOnly {
  std::string url;  // canonical key of the source
  std::vector<OutlinkRecord> links;
  // False on a cluster node: followed links are recorded as known, not
  // queued here, and reported in CommitReport::job_links for the node to
  // publish to the job (crawler/crawl_cluster.cc).
  bool admit_followed = true;
};

// A robots.txt fetch: its answer goes to `hosts` as Store::PutRobots would
// write it, and its Sitemap: lines are the links-only edges of the
// robots.txt URL, in the same transaction. A resume that uses the stored
// robots.txt instead of fetching it again therefore always finds its
// sitemaps queued too. With no sitemap links the URL's earlier edges stay.
// Not counted in CommitReport::pages.
struct RobotsAnswer {
  std::string origin;   // scheme://host[:port]
  int http_status = 0;  // 0: no usable answer (network error, undecodable body)
  std::string body;
  int64_t fetched_ms = 0;  // wall clock
  LinksOnly sitemaps;      // url: the robots.txt URL
};

// Watch mode: a watched page is due; queue it for fetching again (a new
// frontier entry under its host key, reported in CommitReport::enqueued).
// Nothing happens when the page is not watched, is still queued, or its
// earlier re-poll entry is still pending: a re-poll is never queued twice,
// even when the engine asks again after a crash. Not counted in
// CommitReport::pages.
struct Repoll {
  std::string url;  // canonical key of a watched page
};

// One record of a batch (BatchWriter::Submit, Store::CommitBatch).
using BatchRecord = std::variant<PageRecord, RetryLater, LinksOnly, RobotsAnswer, Repoll>;

// The state of a watched page (storage/README.md, "watch"), as committed.
struct WatchedPage {
  std::string url;           // canonical key (not stored in the value: the key's id names it)
  std::string host_key;      // politeness key (re-polls are queued under it)
  uint32_t depth = 0;        // depth its re-polls are queued with
  int64_t interval_ms = 0;   // current revisit interval; 0: none yet
  int64_t next_poll_ms = 0;  // wall clock; 0: as soon as watching starts
  int64_t last_fetch_ms = 0; // wall clock of the last fetch; 0: never fetched
  uint64_t pending_seq = 0;  // frontier entry of a fetch not committed yet; 0: none
  uint64_t polls = 0;        // fetches after the first (re-polls)
  uint64_t not_modified = 0; // re-polls answered 304
  uint64_t changes = 0;      // re-polls that stored a new version
  uint64_t new_links = 0;    // URLs the last fetch queued
  std::string etag;          // validators of the last stored version
  std::string last_modified;
  std::string body_hash;     // SHA-256 of the stored version's zstd frame, or ""
  // An article re-fetched every crawl.revisit_articles_after (a fixed
  // interval), not a seed, section page or feed (an adaptive one).
  bool article = false;
  bool operator==(const WatchedPage&) const = default;
};

// What a committed batch changed, for the scheduler.
struct CommitReport {
  struct Enqueued {
    std::string host_key;
    QueuedUrl url;
  };
  std::vector<Enqueued> enqueued;  // new frontier entries, in seq order
  // PageRecords and RetryLaters committed: the fetches the crawl engine
  // counts as on their way to the store (LinksOnly, RobotsAnswer are not).
  uint64_t pages = 0;
  // Canonical keys of the PageRecords this batch recorded as the URL's
  // outcome (not the requeued RetryLaters): a cluster node acknowledges
  // their hand-off messages after the commit.
  std::vector<std::string> done_urls;
  // Followed links of LinksOnly records with admit_followed false (a
  // cluster node's robots.txt sitemaps): the job's, to publish.
  std::vector<OutlinkRecord> job_links;
  // Watched pages this batch marked or whose fetch it recorded (their new
  // state), and the Repoll records it committed.
  std::vector<WatchedPage> watched;
  // Of `watched`: how many entries record a re-poll (a fetch after the first).
  uint64_t repolls_fetched = 0;
  uint64_t repolls = 0;
  // How long the write transaction took (set by BatchWriter, for metrics).
  double commit_seconds = 0;
};

// A host's politeness state to persist with a batch (see BatchWriter).
struct HostStateRecord {
  std::string host_key;
  PersistedHostState state;  // a healthy state deletes the host's record
};

}  // namespace nc::storage
