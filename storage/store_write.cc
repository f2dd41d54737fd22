// Store: the write side. Seeds, batches of finished fetches and robots.txt
// records, each in one write transaction (see "Transactions" in README.md).

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "frontier/follow_policy.h"
#include "storage/article_log.h"
#include "storage/fault_injection.h"
#include "storage/store_impl.h"
#include "storage/watch_writes.h"

namespace nc::storage {
namespace {

using schema::UrlState;

int StatusClass(FetchKind kind, uint16_t http_status) {
  if (kind != FetchKind::kFetched) return 0;
  int c = http_status / 100;
  return c >= 1 && c <= 5 ? c : 0;
}

uint64_t SaturatingSub(uint64_t a, uint64_t b) { return a > b ? a - b : 0; }

// The outcome of a page fetch (stored or requeued), not links found elsewhere.
bool IsFetch(const BatchRecord& record) {
  return std::holds_alternative<PageRecord>(record) || std::holds_alternative<RetryLater>(record);
}

// Adds (sign +1) or removes (-1) a page's share of the counters.
void CountPage(schema::Counters& c, FetchKind kind, uint16_t http_status, uint64_t body_size,
               uint64_t stored_size, int sign) {
  auto apply = [sign](uint64_t& counter, uint64_t n) {
    counter = sign > 0 ? counter + n : SaturatingSub(counter, n);
  };
  if (kind == FetchKind::kRobotsDenied) {
    apply(c.robots_denied, 1);
  } else {
    apply(c.pages_by_status_class[StatusClass(kind, http_status)], 1);
  }
  apply(c.body_bytes, body_size);
  apply(c.stored_bytes, stored_size);
}

// The hosts record of a robots.txt fetch (PutRobots, and RobotsAnswer
// records of a batch). An unreachable answer does not replace usable rules: they stay
// the fallback of the next unreachable refresh (RFC 9309 2.4).
Status PutRobotsRecord(StoreCore& core, lmdb::Txn& txn, std::string_view origin, int http_status,
                       std::string_view body, int64_t fetched_ms) {
  if (origin.empty() || origin.size() > schema::kMaxKeyBytes) {
    return MakeError("store.invalid", core.prefix + "origin must be 1 to 511 bytes");
  }
  const auto unreachable = [](int64_t status) {
    return status < 100 || status == 429 || status >= 500;
  };
  if (unreachable(http_status)) {
    Result<std::optional<std::string_view>> old = core.dbs.hosts.Get(txn, origin);
    if (!old) return old.error();
    if (*old) {
      // A damaged old value is replaced; a usable one is kept.
      Result<schema::HostValue> decoded = schema::DecodeHostValue(**old);
      if (decoded && !unreachable(decoded->robots_http_status)) return Status::Ok();
    }
  }
  return core.dbs.hosts.Put(txn, origin, schema::EncodeHostValue({http_status, fetched_ms, body}));
}

// The writes of one transaction: the counters it advances, the report it
// builds, and what it learnt about URLs.
//
// url_ids entries read or written go through the store's UrlIdCache
// (storage/url_id_cache.h): pages share most of their links (navigation,
// headlines), within a batch and across batches, so a hash lookup replaces
// most B-tree searches. The transaction writes through it; StoreCore::Write
// clears it when the transaction does not commit, so it never disagrees
// with the store.
class WriteSession final : public FrontierFacts {
 public:
  WriteSession(StoreCore& impl, lmdb::Txn& txn, schema::Counters& counters, CommitReport& report)
      : impl_(impl),
        dbs_(impl.dbs),
        txn_(txn),
        counters_(counters),
        report_(report),
        watch_(impl, txn, report, impl.watch_schedule),
        articles_(impl, txn) {}

  // Seeds: the time their first sighting is recorded with.
  void SetSeenTime(int64_t seen_ms) { seen_ms_ = seen_ms; }
  // Whether the seeds of this session become watched pages (AddSeeds: yes;
  // a cluster node's intake, AddClusterUrls: no, they are the job's URLs).
  void SetSeedsWatched(bool watched) { seeds_watched_ = watched; }

  // How an outlink with a host key the frontier cannot hold is handled.
  enum class BadHostKey {
    kFail,      // seeds: the user gave them, say what is wrong
    kNotFollow  // links found on pages: record the edge as not followed
  };

  // Records `edge` as known; enqueues it when `follow` is set and it is
  // neither queued nor done. Fills the edge's target id, followed flag
  // (enqueued now or earlier) and reason. With `admit` false (a cluster
  // node's page, PageRecord::admit_followed) a followed link stays followed
  // but is only recorded as known.
  Status ResolveOutlink(const OutlinkRecord& link, BadHostKey bad_host_key,
                        schema::EdgeRecord* edge, bool admit = true) {
    if (link.target.empty()) return Invalid("outlink with an empty URL");
    Result<std::optional<schema::UrlIdValue>> known = Lookup(link.target);
    if (!known) return known.error();
    bool follow = link.follow;
    bool enqueue = false;
    edge->reason = link.reason;
    if (follow && admit) {
      const bool queued_or_done = *known && (*known)->state != UrlState::kKnown;
      Result<Admission> admission = AdmitFollowedLink(
          link.host_key, queued_or_done, impl_.max_urls_per_host.load(std::memory_order_relaxed),
          *this);
      if (!admission) return admission.error();
      if (admission->reason == SkipReason::kInvalid && bad_host_key == BadHostKey::kFail) {
        return CheckHostKey(link.host_key, link.target);
      }
      follow = admission->follow;
      enqueue = admission->enqueue;
      if (!follow) edge->reason = admission->reason;
      if (enqueue) CountAdmitted(link.host_key);
    }
    const UrlState state = enqueue ? UrlState::kQueued : UrlState::kKnown;
    Result<uint64_t> id = KnownOrNewId(*known, link.target, state);
    if (!id) return id.error();
    edge->target_id = *id;
    if (*known && enqueue) {
      if (Status s = PutUrlState(link.target, edge->target_id, state); !s) return s;
    }
    edge->followed = follow;  // with follow set, the target is now queued or done
    // A link not admitted here (a cluster node's page) is not watched here
    // either: whichever node owns its host fetches it.
    const bool watch = follow && (bad_host_key == BadHostKey::kFail ? seeds_watched_
                                                                    : admit && IsWatchedRole(link.role));
    if (!enqueue) {
      if (!watch) return Status::Ok();
      return watch_.Mark(edge->target_id, link.target, link.host_key, link.depth, 0);
    }
    Result<uint64_t> seq = PutFrontierEntry(
        link.host_key, edge->target_id,
        QueuedUrl{0, link.target, link.depth, link.redirects, 0, link.redirect_chain});
    if (!seq) return seq.error();
    if (!watch) return Status::Ok();
    return watch_.Mark(edge->target_id, link.target, link.host_key, link.depth, *seq);
  }

  // One record of a batch (README.md, "Transactions").
  Status CommitRecord(const BatchRecord& record) {
    return std::visit([this](const auto& r) { return Commit(r); }, record);
  }

  // Writes the per-host counters this transaction changed (once per host,
  // not once per URL).
  Status PutHostCounts() {
    for (const auto& [host_key, admitted] : admitted_) {
      if (!admitted.changed) continue;
      if (Status s = dbs_.host_counts.Put(txn_, host_key,
                                          schema::EncodeHostCounts({admitted.count}));
          !s) {
        return s;
      }
    }
    return Status::Ok();
  }

 private:
  Status Commit(const PageRecord& page) { return CommitPage(page, std::nullopt); }
  Status Commit(const RetryLater& retry) { return CommitPage(retry.page, retry.attempts); }
  Status Commit(const LinksOnly& record) {
    if (record.url.empty()) return Invalid("page record with an empty URL");
    return CommitLinksOnly(record);
  }
  Status Commit(const Repoll& repoll) { return CommitRepoll(repoll); }
  Status Commit(const RobotsAnswer& robots) {
    if (robots.sitemaps.url.empty()) return Invalid("page record with an empty URL");
    seen_ms_ = robots.fetched_ms;
    if (Status s = PutRobotsRecord(impl_, txn_, robots.origin, robots.http_status, robots.body,
                                   robots.fetched_ms);
        !s) {
      return s;
    }
    // No Sitemap: lines leaves the edges an earlier fetch recorded.
    if (robots.sitemaps.links.empty()) return Status::Ok();
    return CommitLinksOnly(robots.sitemaps);
  }

  // The page of a frontier entry. With `retry_attempts` (a RetryLater) and
  // the URL queued, the URL is queued again instead and no page is stored.
  Status CommitPage(const PageRecord& page, std::optional<uint32_t> retry_attempts) {
    if (page.url.empty()) return Invalid("page record with an empty URL");
    Result<std::optional<schema::UrlIdValue>> known = Lookup(page.url);
    if (!known) return known.error();
    // Checked before the URL is marked done: a requeued URL stays queued, so
    // its next transient failure may be retried too (max_retries counts).
    if (retry_attempts && (*known) && (*known)->state == UrlState::kQueued) {
      return RequeueForRetry(page, (*known)->id, *retry_attempts);
    }
    seen_ms_ = page.fetch_end_ms;
    announcer_id_ = 0;
    // The fetch is this URL's outcome, watched page or not.
    report_.done_urls.push_back(page.url);
    Result<uint64_t> url_id = KnownOrNewId(*known, page.url, UrlState::kDone);
    if (!url_id) return url_id.error();
    const uint64_t id = *url_id;
    bool had_edges = false;
    if (*known) {
      // (A transient failure of a queued URL is retried below, watched or not.)
      if (!retry_attempts || (*known)->state != UrlState::kQueued) {
        Result<std::optional<WatchedPage>> watched = watch_.Get(id);
        if (!watched) return watched.error();
        if (*watched) return CommitWatchedPage(page, id, **known, std::move(**watched));
      }
      Result<bool> forgot = MarkDoneForgettingOldPage(page, id, (*known)->state);
      if (!forgot) return forgot.error();
      had_edges = *forgot;
    }
    if (Status s = RemoveFrontierEntry(page, id); !s) return s;
    if (Status s = PutPage(page, id); !s) return s;
    if (Status s = watch_.WatchArticle(id, page); !s) return s;
    announcer_id_ = id;
    return PutEdges(page.links, id, had_edges, page.admit_followed);
  }

  // A fetch of a watched page (storage/README.md, "watch"). A re-poll that
  // brought no new version (304, an error, a 4xx/5xx) is a visit: the stored
  // page and its edges stay, the frontier entry goes, the visit is recorded.
  // Anything else is written as any page, then its watch entry is updated.
  Status CommitWatchedPage(const PageRecord& page, uint64_t id, const schema::UrlIdValue& known,
                           WatchedPage entry) {
    const bool fetched_before = known.state == UrlState::kDone;
    const bool visit_only = fetched_before && (page.kind != FetchKind::kFetched ||
                                               page.http_status == 304 || page.http_status >= 400);
    if (visit_only) {
      if (Status s = RemoveFrontierEntry(page, id); !s) return s;
      return watch_.RecordFetch(id, std::move(entry), page, false, 0);
    }
    Result<bool> had_edges = MarkDoneForgettingOldPage(page, id, known.state);
    if (!had_edges) return had_edges.error();
    if (Status s = RemoveFrontierEntry(page, id); !s) return s;
    if (Status s = PutPage(page, id); !s) return s;
    announcer_id_ = id;
    const size_t enqueued_before = report_.enqueued.size();
    if (Status s = PutEdges(page.links, id, *had_edges, page.admit_followed); !s) return s;
    return watch_.RecordFetch(id, std::move(entry), page, true,
                              report_.enqueued.size() - enqueued_before);
  }

  // Before a known URL's new fetch is written: a URL fetched before loses
  // its old page and edges (ForgetPage), any other becomes done. Returns
  // whether an old page had edges.
  Result<bool> MarkDoneForgettingOldPage(const PageRecord& page, uint64_t id, UrlState state) {
    if (state == UrlState::kDone) return ForgetPage(id);
    if (Status s = PutUrlState(page.url, id, UrlState::kDone); !s) return s.error();
    return false;
  }

  // Queues a due watched page again, unless it is queued already (see
  // records.h, Repoll).
  Status CommitRepoll(const Repoll& repoll) {
    ++report_.repolls;
    if (repoll.url.empty()) return Invalid("re-poll of an empty URL");
    Result<std::optional<schema::UrlIdValue>> known = Lookup(repoll.url);
    if (!known) return known.error();
    if (!*known || (*known)->state != UrlState::kDone) return Status::Ok();
    const uint64_t id = (*known)->id;
    Result<std::optional<WatchedPage>> watched = watch_.Get(id);
    if (!watched) return watched.error();
    if (!*watched) return Status::Ok();
    WatchedPage& entry = **watched;
    entry.url = repoll.url;
    if (entry.pending_seq != 0) {
      Result<std::optional<std::string_view>> pending =
          dbs_.frontier.Get(txn_, schema::FrontierKey(entry.host_key, entry.pending_seq));
      if (!pending) return pending.error();
      if (*pending) return watch_.Put(id, entry);  // still waiting: report it again
    }
    if (Status s = CheckHostKey(entry.host_key, repoll.url); !s) return s;
    const uint64_t seq = counters_.next_seq++;
    schema::FrontierValue fv{id, entry.depth, 0};
    if (Status s = dbs_.frontier.Put(txn_, schema::FrontierKey(entry.host_key, seq),
                                     schema::EncodeFrontierValue(fv));
        !s) {
      return s;
    }
    report_.enqueued.push_back(
        CommitReport::Enqueued{entry.host_key, QueuedUrl{seq, repoll.url, entry.depth, 0}});
    entry.pending_seq = seq;
    return watch_.Put(id, entry);
  }

  // Links whose targets are watched when followed: section pages (nav,
  // within section_depth by the follow policy), feeds and sitemaps. Seeds
  // are watched too (AddSeeds).
  static bool IsWatchedRole(LinkRole role) {
    return role == LinkRole::kNav || role == LinkRole::kFeed;
  }

  // The edges of a URL that is not a fetched page (robots.txt Sitemap:
  // lines): the URL becomes known if it is new, its state and any page
  // record are left alone, and its edges replace the previous ones.
  Status CommitLinksOnly(const LinksOnly& record) {
    Result<std::optional<schema::UrlIdValue>> known = Lookup(record.url);
    if (!known) return known.error();
    Result<uint64_t> id = KnownOrNewId(*known, record.url, UrlState::kKnown);
    if (!id) return id.error();
    Result<bool> had_edges = *known ? ForgetEdges(schema::IdKey(*id)) : false;
    if (!had_edges) return had_edges.error();
    announcer_id_ = *id;
    if (!record.admit_followed) {
      for (const OutlinkRecord& link : record.links) {
        if (link.follow) report_.job_links.push_back(link);
      }
    }
    return PutEdges(record.links, *id, *had_edges, record.admit_followed);
  }

  // FrontierFacts, for the follow policy's commit-time half.
  bool HostKeyFits(std::string_view host_key) const override { return ValidHostKey(host_key); }

  // URLs admitted under `host_key`: the host_counts entry, read once per
  // transaction.
  Result<uint64_t> AdmittedUrls(std::string_view host_key) override {
    auto it = admitted_.find(host_key);
    if (it == admitted_.end()) {
      Result<std::optional<std::string_view>> stored = dbs_.host_counts.Get(txn_, host_key);
      if (!stored) return stored.error();
      schema::HostCounts counts;
      if (*stored) {
        Result<schema::HostCounts> decoded = schema::DecodeHostCounts(**stored);
        if (!decoded) {
          return impl_.Corrupt("host_counts value of '" + std::string(host_key) + "'",
                               decoded.error());
        }
        counts = *decoded;
      }
      it = admitted_.emplace(host_key, Admitted{counts.admitted, false}).first;
    }
    return it->second.count;
  }

  // One more URL admitted under `host_key`, whose count AdmittedUrls loaded.
  void CountAdmitted(std::string_view host_key) {
    Admitted& admitted = admitted_.find(host_key)->second;
    ++admitted.count;
    admitted.changed = true;
  }

  // The page is done before its links are resolved, so a self-link is not
  // enqueued again.
  Status PutEdges(const std::vector<OutlinkRecord>& links, uint64_t id, bool had_edges,
                  bool admit = true) {
    if (links.empty()) {
      if (!had_edges) return Status::Ok();
      Result<bool> deleted = dbs_.links.Del(txn_, schema::IdKey(id));
      return deleted ? Status::Ok() : Status(deleted.error());
    }
    edges_.clear();
    schema::AppendEdgeCount(links.size(), &edges_);
    for (const OutlinkRecord& link : links) {
      schema::EdgeRecord edge{0, link.role, link.reason, false, link.anchor_text};
      if (Status s = ResolveOutlink(link, BadHostKey::kNotFollow, &edge, admit); !s) return s;
      schema::AppendEdge(edge, &edges_);
    }
    counters_.edges += links.size();
    return dbs_.links.Put(txn_, schema::IdKey(id), edges_);
  }

  Result<std::optional<schema::UrlIdValue>> Lookup(const std::string& url) {
    if (const schema::UrlIdValue* cached = impl_.url_cache.Find(url)) {
      return std::optional<schema::UrlIdValue>(*cached);
    }
    Result<std::optional<schema::UrlIdValue>> known =
        impl_.LookupUrl(txn_, url, schema::UrlIdKey(url, &key_buffer_));
    if (known && *known) impl_.url_cache.Put(url, **known);
    return known;
  }

  Status Invalid(std::string_view what) const {
    return MakeError("store.invalid", impl_.prefix + std::string(what));
  }

  static bool ValidHostKey(std::string_view host_key) {
    return !host_key.empty() && host_key.size() <= schema::kMaxHostKeyBytes &&
           host_key.find('\0') == std::string_view::npos;
  }

  Status CheckHostKey(std::string_view host_key, std::string_view url) const {
    if (!ValidHostKey(host_key)) {
      return Invalid("invalid host key '" + std::string(host_key.substr(0, 80)) + "' for " +
                     std::string(url.substr(0, 200)));
    }
    return Status::Ok();
  }

  // The id of `url`: the one it is `known` by, or a new one with `state`.
  Result<uint64_t> KnownOrNewId(const std::optional<schema::UrlIdValue>& known,
                                const std::string& url, UrlState state) {
    if (known) return known->id;
    return NewUrl(url, state);
  }

  Result<uint64_t> NewUrl(const std::string& url, UrlState state) {
    uint64_t id = counters_.next_url_id++;
    // Ids only grow, so MDB_APPEND skips the tree search; a damaged counter
    // makes it fail with MDB_KEYEXIST instead of overwriting another URL.
    if (Status s = dbs_.urls.Put(txn_, schema::IdKey(id), url, MDB_APPEND); !s) return s.error();
    if (Status s = PutUrlState(url, id, state); !s) return s.error();
    if (Status s = watch_.FirstSeen(id, seen_ms_, announcer_id_); !s) return s.error();
    return id;
  }

  Status PutUrlState(const std::string& url, uint64_t id, UrlState state) {
    schema::UrlIdValue value{state, id};
    if (Status s = dbs_.url_ids.Put(txn_, schema::UrlIdKey(url, &key_buffer_),
                                    schema::EncodeUrlIdValue(value));
        !s) {
      return s;
    }
    impl_.url_cache.Put(url, value);
    return Status::Ok();
  }

  // A page written again (a fetch redone after a crash): its previous record
  // and edges leave the counters. A damaged old record is simply replaced.
  // Returns whether the page had edges.
  Result<bool> ForgetPage(uint64_t id) {
    const std::string key = schema::IdKey(id);
    Result<std::optional<std::string_view>> old = dbs_.pages.Get(txn_, key);
    if (!old) return old.error();
    if (*old) {
      Result<schema::DecodedPage> page = schema::DecodePage(**old);
      if (page) {
        const schema::PageHeader& h = page->header;
        CountPage(counters_, h.kind, h.http_status, h.body_size,
                  page->body_zstd.size() + h.received_body.size(), -1);
      }
    }
    if (Status s = articles_.Del(id); !s) return s.error();
    return ForgetEdges(key);
  }

  // The stored edges of the URL with id key `key`, which are about to be
  // replaced, leave the edge counter. Returns whether there were any.
  Result<bool> ForgetEdges(const std::string& key) {
    Result<std::optional<std::string_view>> edges = dbs_.links.Get(txn_, key);
    if (!edges) return edges.error();
    if (!*edges) return false;
    counters_.edges = SaturatingSub(counters_.edges, schema::EdgeReader(**edges).count());
    return true;
  }

  // Queues URL `url_id` under `host_key` with the next seq: its frontier
  // entry, and its line in the commit report. Returns the seq.
  Result<uint64_t> PutFrontierEntry(const std::string& host_key, uint64_t url_id,
                                    QueuedUrl queued) {
    queued.seq = counters_.next_seq++;
    const schema::FrontierValue fv{url_id, queued.depth, queued.redirects, queued.attempts,
                                   queued.redirect_chain};
    if (Status s = dbs_.frontier.Put(txn_, schema::FrontierKey(host_key, queued.seq),
                                     schema::EncodeFrontierValue(fv));
        !s) {
      return s.error();
    }
    const uint64_t seq = queued.seq;
    report_.enqueued.push_back(CommitReport::Enqueued{host_key, std::move(queued)});
    return seq;
  }

  // A transient failure: the URL stays queued under a new seq, so the
  // scheduler meets it again after the host's back-off; nothing else changes.
  Status RequeueForRetry(const PageRecord& page, uint64_t id, uint32_t attempts) {
    if (Status s = RemoveFrontierEntry(page, id); !s) return s;
    if (Status s = CheckHostKey(page.host_key, page.url); !s) return s;
    Result<uint64_t> seq = PutFrontierEntry(
        page.host_key, id,
        QueuedUrl{0, page.url, page.depth, page.redirects, attempts + 1, page.redirect_chain});
    if (!seq) return seq.error();
    return Status::Ok();
  }

  Status RemoveFrontierEntry(const PageRecord& page, uint64_t id) {
    if (page.frontier_seq == 0 || page.host_key.empty() ||
        page.host_key.find('\0') != std::string::npos) {
      return Status::Ok();  // not from the frontier (or not under a valid key)
    }
    std::string key = schema::FrontierKey(page.host_key, page.frontier_seq);
    Result<std::optional<std::string_view>> entry = dbs_.frontier.Get(txn_, key);
    if (!entry) return entry.error();
    if (!*entry) return Status::Ok();  // already removed by an earlier commit
    Result<schema::FrontierValue> fv = schema::DecodeFrontierValue(**entry);
    // Only the page's own entry goes: a mismatch means the caller passed a
    // wrong seq, and deleting another URL's entry would lose it.
    if (fv && fv->url_id != id) return Status::Ok();
    Result<bool> deleted = dbs_.frontier.Del(txn_, key);
    if (!deleted) return deleted.error();
    return Status::Ok();
  }

  Status PutPage(const PageRecord& page, uint64_t id) {
    schema::PageHeader h;
    h.kind = page.kind;
    h.body_truncated = page.body_truncated;
    h.http_status = page.http_status;
    h.depth = page.depth;
    h.fetch_start_ms = page.fetch_start_ms;
    h.fetch_end_ms = page.fetch_end_ms;
    h.body_size = page.body_size;
    h.error = page.error;
    h.content_type = page.content_type;
    h.response_headers = page.response_headers;
    h.charset = page.charset;
    h.reason = page.reason;
    h.attempts = page.attempts;
    h.request = page.request;
    h.peer_address = page.peer_address;
    h.received_body_differs = page.received_body_differs;
    h.received_body = page.received_body;
    scratch_.clear();
    schema::EncodePageHeader(h, &scratch_);
    // The body is copied once, from the record straight into its page.
    Result<char*> dst =
        dbs_.pages.Reserve(txn_, schema::IdKey(id), scratch_.size() + page.body_zstd.size());
    if (!dst) return dst.error();
    std::memcpy(*dst, scratch_.data(), scratch_.size());
    if (!page.body_zstd.empty()) {
      std::memcpy(*dst + scratch_.size(), page.body_zstd.data(), page.body_zstd.size());
    }
    CountPage(counters_, page.kind, page.http_status, page.body_size,
              page.body_zstd.size() + (page.received_body_differs ? page.received_body.size() : 0),
              +1);
    // The article rides in the page's transaction: a crash loses both or
    // neither, and a redone fetch replaces it (ForgetPage dropped the old).
    if (!page.article.empty()) {
      if (!dbs_.has_article_log) return Invalid("store has no article_log database");
      if (Status s = articles_.Put(id, page.article); !s) return s;
    }
    return Status::Ok();
  }

  StoreCore& impl_;
  const Dbs& dbs_;
  lmdb::Txn& txn_;
  schema::Counters& counters_;
  CommitReport& report_;
  WatchWrites watch_;
  article_log::Writer articles_;
  // The record being committed: when its new URLs are seen, and by whom
  // (the page whose edges are being written; 0: a seed or no page).
  int64_t seen_ms_ = 0;
  bool seeds_watched_ = true;
  uint64_t announcer_id_ = 0;
  std::string scratch_;     // page header being encoded
  std::string edges_;       // links value being encoded
  std::string key_buffer_;  // hashed url_ids key, when a URL needs one
  // host_counts entries read or changed by this transaction (hosts of the
  // batch's links: bounded by the batch, like urls_). Keys view host keys
  // of the records being committed.
  struct Admitted {
    uint64_t count;
    bool changed;
  };
  std::unordered_map<std::string_view, Admitted> admitted_;
};

}  // namespace

Result<CommitReport> Store::AddSeeds(std::span<const OutlinkRecord> seeds, int64_t now_ms) {
  return AddToFrontier(seeds, now_ms, /*watched=*/true);
}

Result<CommitReport> Store::AddClusterUrls(std::span<const OutlinkRecord> urls, int64_t now_ms) {
  return AddToFrontier(urls, now_ms, /*watched=*/false);
}

Result<CommitReport> Store::AddToFrontier(std::span<const OutlinkRecord> seeds, int64_t now_ms,
                                          bool watched) {
  CommitReport report;
  Status status = impl_->Write([&](lmdb::Txn& txn) -> Status {
    report = CommitReport{};
    Result<schema::Counters> counters = impl_->LoadCounters(txn);
    if (!counters) return counters.error();
    WriteSession session(*impl_, txn, *counters, report);
    session.SetSeenTime(now_ms);
    session.SetSeedsWatched(watched);
    for (const OutlinkRecord& seed : seeds) {
      schema::EdgeRecord unused;
      if (Status s = session.ResolveOutlink(seed, WriteSession::BadHostKey::kFail, &unused); !s) {
        return s;
      }
    }
    if (Status s = session.PutHostCounts(); !s) return s;
    return impl_->dbs.meta.Put(txn, schema::kCountersKey, schema::EncodeCounters(*counters));
  });
  if (!status) return status.error();
  return report;
}

Result<CommitReport> Store::CommitBatch(std::span<const BatchRecord> batch,
                                        std::span<const HostStateRecord> host_states) {
  for (const HostStateRecord& record : host_states) {
    if (record.host_key.empty() || record.host_key.size() > schema::kMaxKeyBytes) {
      return MakeError("store.invalid", impl_->prefix + "host state of a host key of " +
                                            std::to_string(record.host_key.size()) +
                                            " bytes (must be 1 to 511)");
    }
  }
  CommitReport report;
  Status status = impl_->Write([&](lmdb::Txn& txn) -> Status {
    report = CommitReport{};  // a retry after map growth starts over
    Result<schema::Counters> counters = impl_->LoadCounters(txn);
    if (!counters) return counters.error();
    WriteSession session(*impl_, txn, *counters, report);
    for (const BatchRecord& record : batch) {
      if (Status s = session.CommitRecord(record); !s) return s;
    }
    for (const HostStateRecord& record : host_states) {
      if (record.state.Healthy()) {
        Result<bool> deleted = impl_->dbs.host_state.Del(txn, record.host_key);
        if (!deleted) return deleted.error();
      } else if (Status s = impl_->dbs.host_state.Put(txn, record.host_key,
                                                      schema::EncodeHostStateValue(record.state));
                 !s) {
        return s;
      }
    }
    // Only fetches: the engine counts pages in flight to the store.
    report.pages = static_cast<uint64_t>(std::count_if(batch.begin(), batch.end(), IsFetch));
    if (Status s = session.PutHostCounts(); !s) return s;
    Status counted = impl_->dbs.meta.Put(txn, schema::kCountersKey, schema::EncodeCounters(*counters));
    MaybeKillInCommit();
    return counted;
  });
  if (!status) return status.error();
  return report;
}

void Store::SetMaxUrlsPerHost(uint64_t max) {
  impl_->max_urls_per_host.store(max, std::memory_order_relaxed);
}

Result<uint64_t> Store::AdmittedUrls(std::string_view host_key) const {
  if (host_key.empty() || host_key.size() > schema::kMaxKeyBytes) return uint64_t{0};
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  Result<std::optional<std::string_view>> stored = impl_->dbs.host_counts.Get(read->txn, host_key);
  if (!stored) return impl_->Context(stored.error());
  if (!*stored) return uint64_t{0};
  Result<schema::HostCounts> counts = schema::DecodeHostCounts(**stored);
  if (!counts) {
    return impl_->Corrupt("host_counts value of '" + std::string(host_key) + "'", counts.error());
  }
  return counts->admitted;
}

Status Store::PutRobots(std::string_view origin, int http_status, std::string_view body,
                        int64_t fetched_ms) {
  return impl_->Write([&](lmdb::Txn& txn) -> Status {
    return PutRobotsRecord(*impl_, txn, origin, http_status, body, fetched_ms);
  });
}

}  // namespace nc::storage
