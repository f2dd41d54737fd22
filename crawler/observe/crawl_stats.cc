#include "crawler/observe/crawl_stats.h"

#include <algorithm>

#include "common/str_append.h"
#include "crawler/observe/event_log.h"
#include "crawler/observe/json_text.h"

namespace nc::observe {
namespace {

constexpr size_t kRecentErrors = 20;
// Host entries kept after the scheduler dropped their host ("done" rows),
// so a finished host still shows in the table; beyond this they go first.
constexpr size_t kMaxHostEntries = 5000;

size_t StatusClass(int http_status) {
  if (http_status < 100 || http_status > 599) return 0;
  return static_cast<size_t>(http_status / 100);
}

bool ParkHolds(const HostSnapshot& h, SteadyTime now) {
  return !h.parked_reason.empty() && h.parked_until > now;
}

std::string HostState(const HostSnapshot& h, SteadyTime now) {
  if (!h.held) return "done";
  if (ParkHolds(h, now)) return "parked";
  if (h.in_flight > 0) return "active";
  if (h.queued_in_memory > 0 || h.store_may_have_more) return "waiting";
  return "idle";
}

}  // namespace

void Histogram::Observe(double seconds) {
  size_t i = 0;
  while (i < kLatencyBucketBounds.size() && seconds > kLatencyBucketBounds[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  const double micros = std::max(0.0, seconds) * 1e6;
  sum_micros_.fetch_add(static_cast<uint64_t>(micros), std::memory_order_relaxed);
}

void Histogram::CopyTo(HistogramCounts& out) const {
  for (size_t i = 0; i < buckets_.size(); ++i) {
    out.buckets[i] = buckets_[i].load(std::memory_order_relaxed);
  }
  // Count as the sum of the buckets, so the exposition stays consistent
  // (+Inf bucket == count) even while other threads observe.
  out.count = 0;
  for (uint64_t n : out.buckets) out.count += n;
  out.sum_seconds = static_cast<double>(sum_micros_.load(std::memory_order_relaxed)) / 1e6;
}

namespace {

// "12.3 KB": a body size for the -v echo.
std::string ReadableBytes(uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) return JsonNumber(static_cast<double>(bytes) / 1024, 1) + " KB";
  return JsonNumber(static_cast<double>(bytes) / (1024 * 1024), 1) + " MB";
}

// "failed http://a.test/y: connect-refused (connect: connection refused)".
std::string FailedProse(std::string_view url, std::string_view kind, std::string_view reason) {
  std::string prose = "failed " + std::string(url) + ": " + std::string(kind);
  if (!reason.empty() && reason != kind) prose += " (" + std::string(reason) + ")";
  return prose;
}

}  // namespace

CrawlStats::CrawlStats(const Clock& clock) : clock_(clock), started_(clock.Now()) {}

void CrawlStats::OnRunStarted(bool resumed, uint64_t pages_before, uint64_t queued_before) {
  resumed_.store(resumed, std::memory_order_relaxed);
  if (resumed && event_log_ != nullptr) {
    event_log_->Write(clock_.WallMillis(), "resumed",
                      "\"pages_before\":" + std::to_string(pages_before) +
                          ",\"queued\":" + std::to_string(queued_before),
                      /*notable=*/true,
                      "resumed: " + std::to_string(pages_before) + " pages fetched before, " +
                          std::to_string(queued_before) + " URLs queued");
  }
}

void CrawlStats::OnPageFetched(std::string_view url, std::string_view host_key, int http_status,
                               uint64_t bytes, double seconds, std::string_view reason_kind,
                               std::string_view reason_text) {
  const size_t status_class = StatusClass(http_status);
  pages_by_class_[status_class].fetch_add(1, std::memory_order_relaxed);
  bytes_.fetch_add(bytes, std::memory_order_relaxed);
  fetch_latency_.Observe(seconds);
  {
    std::lock_guard lock(mutex_);
    auto it = hosts_.find(host_key);
    if (it != hosts_.end()) {
      ++it->second.fetched;
      if (status_class == 0) ++it->second.failed;
    }
    if (status_class == 0) {
      auto reason = errors_by_reason_.find(reason_kind);
      if (reason == errors_by_reason_.end()) {
        reason = errors_by_reason_.emplace(std::string(reason_kind), 0).first;
      }
      ++reason->second;
    }
  }
  if (status_class == 0) AddRecentError(url, host_key, reason_text);
  if (event_log_ == nullptr) return;
  // Built in one string: this runs on the network thread for every page.
  std::string members;
  members.reserve(url.size() + host_key.size() + 64);
  members += "\"url\":";
  AppendJsonQuoted(members, url);
  members += ",\"host\":";
  AppendJsonQuoted(members, host_key);
  if (status_class == 0) {
    members += ",\"reason\":" + JsonQuote(reason_text) + ",\"kind\":" + JsonQuote(reason_kind);
    event_log_->Write(clock_.WallMillis(), "failed", members, /*notable=*/true,
                      event_log_->Echoes(true) ? FailedProse(url, reason_kind, reason_text) : "");
    return;
  }
  StrAppend(members, ",\"status\":", std::to_string(http_status), ",\"bytes\":",
            std::to_string(bytes), ",\"ms\":");
  AppendJsonNumber(members, seconds * 1000, 1);
  std::string prose;
  if (event_log_->Echoes(false)) {
    prose = "fetched " + std::to_string(http_status) + " " + std::string(url) + " (" +
            ReadableBytes(bytes) + " in " + JsonNumber(seconds * 1000, 0) + " ms)";
  }
  event_log_->Write(clock_.WallMillis(), "fetched", members, /*notable=*/false, prose);
}

void CrawlStats::OnRobotsFetched(int http_status, uint64_t bytes, double seconds) {
  robots_requests_.fetch_add(1, std::memory_order_relaxed);
  bytes_.fetch_add(bytes, std::memory_order_relaxed);
  fetch_latency_.Observe(seconds);
}

void CrawlStats::OnRobotsDenied(std::string_view url, std::string_view host_key,
                                std::string_view reason_text) {
  if (!reason_text.empty()) {
    // robots.txt could not be fetched: a failure of the URL, with its reason.
    pages_by_class_[0].fetch_add(1, std::memory_order_relaxed);
    {
      std::lock_guard lock(mutex_);
      ++errors_by_reason_["robots-unreachable"];
    }
    AddRecentError(url, host_key, reason_text);
    if (event_log_ != nullptr) {
      event_log_->Write(clock_.WallMillis(), "failed",
                        "\"url\":" + JsonQuote(url) + ",\"host\":" + JsonQuote(host_key) +
                            ",\"reason\":" + JsonQuote(reason_text) +
                            ",\"kind\":\"robots-unreachable\"",
                        /*notable=*/true,
                        event_log_->Echoes(true)
                            ? FailedProse(url, "robots-unreachable", reason_text)
                            : "");
    }
    return;
  }
  robots_denied_.fetch_add(1, std::memory_order_relaxed);
  if (event_log_ != nullptr) {
    event_log_->Write(clock_.WallMillis(), "robots-denied",
                      "\"url\":" + JsonQuote(url) + ",\"host\":" + JsonQuote(host_key),
                      /*notable=*/true, "robots.txt denies " + std::string(url));
  }
}

void CrawlStats::OnCommit(uint64_t pages, uint64_t enqueued, double seconds) {
  committed_.fetch_add(pages, std::memory_order_relaxed);
  enqueued_.fetch_add(enqueued, std::memory_order_relaxed);
  commits_.fetch_add(1, std::memory_order_relaxed);
  commit_latency_.Observe(seconds);
}

void CrawlStats::OnHostSnapshot(const HostSnapshot& host) {
  const SteadyTime now = clock_.Now();
  bool park_began = false;
  {
    std::lock_guard lock(mutex_);
    auto it = hosts_.find(host.host_key);
    if (it == hosts_.end()) {
      // Forget a finished host (a scan, but only once the table is full and
      // when one is finished: with 10,000 hosts all held, a scan per new
      // host was 8% of the crawl's CPU while robots.txt were fetched).
      if (hosts_.size() >= kMaxHostEntries && finished_entries_ > 0) {
        auto done = std::find_if(hosts_.begin(), hosts_.end(),
                                 [](const auto& entry) { return !entry.second.last.held; });
        if (done != hosts_.end()) {
          hosts_.erase(done);
          --finished_entries_;
        }
      }
      it = hosts_.emplace(host.host_key, HostEntry{}).first;
    }
    park_began = ParkHolds(host, now) && !ParkHolds(it->second.last, now);
    if (it->second.last.held && !host.held) ++finished_entries_;
    if (!it->second.last.held && host.held) --finished_entries_;
    it->second.last = host;
  }
  if (park_began && event_log_ != nullptr) {
    event_log_->Write(
        clock_.WallMillis(), "parked",
        "\"host\":" + JsonQuote(host.host_key) + ",\"reason\":" + JsonQuote(host.parked_reason),
        /*notable=*/true,
        "parked " + host.host_key + (host.parked_reason.empty() ? "" : ": " + host.parked_reason));
  }
}

void CrawlStats::SetGauges(const Gauges& g) {
  in_flight_.store(g.in_flight, std::memory_order_relaxed);
  queued_now_.store(g.queued_now, std::memory_order_relaxed);
  stored_pages_.store(g.stored_pages, std::memory_order_relaxed);
  stored_bytes_.store(g.stored_bytes, std::memory_order_relaxed);
  hosts_in_memory_.store(g.hosts_in_memory, std::memory_order_relaxed);
}

void CrawlStats::AddRecentError(std::string_view url, std::string_view host,
                                std::string_view reason) {
  RecentError e{clock_.WallMillis(), std::string(url), std::string(host), std::string(reason)};
  std::lock_guard lock(mutex_);
  recent_errors_.push_back(std::move(e));
  if (recent_errors_.size() > kRecentErrors) recent_errors_.pop_front();
}

StatsSnapshot CrawlStats::Snapshot(size_t max_hosts) const {
  StatsSnapshot s;
  const SteadyTime now = clock_.Now();
  s.wall_ms = clock_.WallMillis();
  s.elapsed_seconds = ToSeconds(now - started_);
  s.resumed = resumed_.load(std::memory_order_relaxed);
  for (size_t i = 0; i < pages_by_class_.size(); ++i) {
    s.pages_by_class[i] = pages_by_class_[i].load(std::memory_order_relaxed);
  }
  s.robots_requests = robots_requests_.load(std::memory_order_relaxed);
  s.robots_denied = robots_denied_.load(std::memory_order_relaxed);
  s.bytes = bytes_.load(std::memory_order_relaxed);
  s.committed = committed_.load(std::memory_order_relaxed);
  s.enqueued = enqueued_.load(std::memory_order_relaxed);
  s.commits = commits_.load(std::memory_order_relaxed);
  fetch_latency_.CopyTo(s.fetch_latency);
  commit_latency_.CopyTo(s.commit_latency);
  s.in_flight = in_flight_.load(std::memory_order_relaxed);
  s.queued_now = queued_now_.load(std::memory_order_relaxed);
  s.stored_pages = stored_pages_.load(std::memory_order_relaxed);
  s.stored_bytes = stored_bytes_.load(std::memory_order_relaxed);
  s.hosts_in_memory = hosts_in_memory_.load(std::memory_order_relaxed);

  std::lock_guard lock(mutex_);
  s.errors_by_reason.insert(errors_by_reason_.begin(), errors_by_reason_.end());
  s.recent_errors.assign(recent_errors_.begin(), recent_errors_.end());
  std::vector<HostRow> rows;
  rows.reserve(hosts_.size());
  for (const auto& [key, entry] : hosts_) {
    const HostSnapshot& h = entry.last;
    HostRow row;
    row.host = key;
    row.state = HostState(h, now);
    row.queued = h.queued_in_memory;
    row.more_in_store = h.store_may_have_more;
    row.fetched = entry.fetched;
    row.failed = entry.failed;
    row.delay_seconds = h.delay_seconds;
    row.delay_reason = h.delay_reason;
    row.robots_state = h.robots_state;
    if (h.held) {
      row.next_allowed_in_seconds = std::max(0.0, ToSeconds(h.next_allowed - now));
      if (ParkHolds(h, now)) row.parked_reason = h.parked_reason;
      if (row.state == "active") ++s.hosts_active;
      if (row.state == "waiting") ++s.hosts_waiting;
      if (row.state == "parked") ++s.hosts_parked;
      s.max_delay_seconds = std::max(s.max_delay_seconds, h.delay_seconds);
      ++s.hosts_by_delay_reason[h.delay_reason];
    }
    rows.push_back(std::move(row));
  }
  // Hosts the scheduler still holds first, then by fetches; the table is bounded.
  std::sort(rows.begin(), rows.end(), [](const HostRow& a, const HostRow& b) {
    const bool a_done = a.state == "done", b_done = b.state == "done";
    if (a_done != b_done) return !a_done;
    if (a.fetched != b.fetched) return a.fetched > b.fetched;
    return a.host < b.host;
  });
  if (rows.size() > max_hosts) rows.resize(max_hosts);
  s.hosts = std::move(rows);
  return s;
}

}  // namespace nc::observe
