// `newscrawl status` and `cat`: read-only views of a store (export: export_command.cc).
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "crawler/cli/cli.h"
#include "crawler/cli/commands.h"
#include "crawler/cli/watch_status.h"
#include "common/ascii.h"
#include "common/clock.h"
#include "crawler/cli/status_file.h"
#include "crawler/article_record.h"
#include "crawler/extract/article.h"
#include "crawler/extract/charset.h"
#include "crawler/crawl_job.h"
#include "crawler/host_snapshot_text.h"
#include "crawler/name_resolver.h"
#include "frontier/host_keyer.h"
#include "frontier/url.h"
#include "storage/export_edges.h"
#include "storage/schema.h"
#include "storage/store.h"

namespace nc {
namespace {

Result<std::unique_ptr<storage::Store>> OpenForReading(const std::string& dir) {
  storage::OpenOptions options;
  options.read_only = true;
  return storage::Store::Open(dir, storage::OpenMode::kOpenExisting, options);
}

std::string JsonEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

struct HostCounts {
  uint64_t fetched = 0;      // records with an HTTP response
  uint64_t no_response = 0;  // network errors and robots-denied URLs
  uint64_t queued = 0;
};

// Per-host counts by scanning the store: a tool command, so a full pass over
// page URLs and pending URLs is acceptable; memory grows with hosts only.
// `job` is the job's recorded config.
Status CountPerHost(storage::Store& store, const CrawlConfig& job,
                    std::map<std::string, HostCounts>& hosts) {
  // Pages count under the job's politeness key (host_key), as queued URLs
  // and the scheduler's rows do. In ip mode that resolves each host name
  // not in --resolve once (a tool command, not the crawl).
  const HostKeyer keyer(HostKeyerOptions::FromConfig(job, SystemNameLookup));
  Status scanned = store.ForEachPageUrl([&](std::string_view url, uint16_t status) {
    auto parsed = ParseUrl(url);
    HostCounts& c = hosts[parsed.ok() ? keyer.Key(*parsed) : std::string("(unparsable)")];
    ++(status != 0 ? c.fetched : c.no_response);
    return true;
  });
  if (!scanned.ok()) return scanned;
  auto pending = store.PendingHosts();
  if (!pending.ok()) return pending.error();
  constexpr size_t kPage = 4096;
  for (const std::string& host : *pending) {
    uint64_t after = 0;
    for (;;) {
      auto urls = store.LoadPending(host, after, kPage);
      if (!urls.ok()) return urls.error();
      hosts[host].queued += urls->size();
      if (urls->size() < kPage) break;
      after = urls->back().seq;
    }
  }
  return Status::Ok();
}

// Everything `status --hosts` knows of one host: counts from the store,
// the crawler's last snapshot row, and the persisted back-off/park state.
struct HostReport {
  HostCounts counts;
  const HostSnapshotRow* row = nullptr;            // null: never in a snapshot
  std::optional<PersistedHostState> persisted;     // troubled hosts only
};

struct HostsReport {
  int64_t written_ms = 0;  // of the snapshot; 0: none yet
  std::map<std::string, HostSnapshotRow> rows;
  std::map<std::string, HostReport> hosts;
};

HostsReport CollectHosts(storage::Store& store, const CrawlConfig& job) {
  HostsReport report;
  std::map<std::string, HostCounts> counts;
  if (Status s = CountPerHost(store, job, counts); !s.ok()) {
    std::cerr << "newscrawl: counting per host: " << s.error().message << "\n";
  }
  for (auto& [host, c] : counts) report.hosts[host].counts = c;
  auto meta = store.GetMeta(storage::schema::kHostSnapshotKey);
  if (meta.ok() && *meta) {
    for (HostSnapshotRow& row : DecodeHostSnapshot(**meta, &report.written_ms)) {
      std::string key = row.host.host_key;
      report.rows.emplace(std::move(key), std::move(row));
    }
  }
  for (const auto& [host, row] : report.rows) report.hosts[host].row = &row;
  Status states = store.ForEachHostState([&](std::string_view host, const PersistedHostState& p) {
    report.hosts[std::string(host)].persisted = p;
    return true;
  });
  if (!states.ok()) std::cerr << "newscrawl: reading host state: " << states.error().message << "\n";
  return report;
}

void PrintHosts(const HostsReport& report) {
  std::printf("\nhosts (politeness state recorded by the crawler%s):\n",
              report.written_ms == 0 ? ": none yet" : "");
  // state: "active" when the scheduler held the host at the last snapshot;
  // "done" when it had dropped it (no work left): delay, robots.txt and
  // parked are then as last seen. "-": never seen by a snapshot (a host
  // of a store written by an older newscrawl, or beyond the row limit).
  std::printf("%-32s %8s %8s %8s  %-6s %-8s %-12s %-28s %s\n", "host", "fetched", "no-resp",
              "queued", "state", "delay", "why", "robots.txt", "parked");
  auto u = [](uint64_t v) { return static_cast<unsigned long long>(v); };
  for (const auto& [host, h] : report.hosts) {
    const HostCounts& c = h.counts;
    if (h.row == nullptr) {
      std::printf("%-32s %8llu %8llu %8llu  %-6s %-8s %-12s %-28s %s\n", host.c_str(), u(c.fetched),
                  u(c.no_response), u(c.queued), "-", "-", "-", "-", "-");
      continue;
    }
    const HostSnapshot& s = h.row->host;
    char delay[32];
    std::snprintf(delay, sizeof delay, "%.2fs", s.delay_seconds);
    std::string why = s.delay_reason;
    if (s.consecutive_failures > 0) {
      why += " (" + std::to_string(s.consecutive_failures) + " failures)";
    }
    std::printf("%-32s %8llu %8llu %8llu  %-6s %-8s %-12s %-28s %s\n", host.c_str(), u(c.fetched),
                u(c.no_response), u(c.queued), h.row->active ? "active" : "done", delay,
                why.c_str(), s.robots_state.c_str(),
                s.parked_reason.empty() ? "-" : s.parked_reason.c_str());
  }
}

std::string JsonString(std::string_view text) { return "\"" + JsonEscape(text) + "\""; }

std::string JsonNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", std::isfinite(value) ? value : 0.0);
  return buffer;
}

// The rows of PrintHosts as a JSON array: the snapshot fields are null for
// a host never in a snapshot; `stored_state` is the persisted back-off/park
// state (null for healthy hosts).
std::string HostsJson(const HostsReport& report) {
  std::string out = "[";
  bool first = true;
  for (const auto& [host, h] : report.hosts) {
    out += first ? "" : ",";
    first = false;
    const HostCounts& c = h.counts;
    out += "{\"host\":" + JsonString(host) + ",\"fetched\":" + std::to_string(c.fetched) +
           ",\"no_response\":" + std::to_string(c.no_response) +
           ",\"queued\":" + std::to_string(c.queued);
    if (h.row == nullptr) {
      out += ",\"state\":null,\"in_flight\":null,\"wait_seconds\":null,\"delay_seconds\":null,"
             "\"delay_reason\":null,\"consecutive_failures\":null,\"parked_reason\":null,"
             "\"robots_state\":null";
    } else {
      const HostSnapshot& s = h.row->host;
      out += ",\"state\":" + JsonString(h.row->active ? "active" : "done") +
             ",\"in_flight\":" + std::to_string(s.in_flight) +
             ",\"wait_seconds\":" + JsonNumber(h.row->wait_seconds) +
             ",\"delay_seconds\":" + JsonNumber(s.delay_seconds) +
             ",\"delay_reason\":" + JsonString(s.delay_reason) +
             ",\"consecutive_failures\":" + std::to_string(s.consecutive_failures) +
             ",\"parked_reason\":" + (s.parked_reason.empty() ? "null" : JsonString(s.parked_reason)) +
             ",\"robots_state\":" + JsonString(s.robots_state);
    }
    if (!h.persisted) {
      out += ",\"stored_state\":null}";
      continue;
    }
    const PersistedHostState& p = *h.persisted;
    out += ",\"stored_state\":{\"consecutive_failures\":" + std::to_string(p.consecutive_failures) +
           ",\"times_parked\":" + std::to_string(p.times_parked) +
           ",\"backoff_until_ms\":" + std::to_string(p.backoff_until_ms) +
           ",\"parked_until_ms\":" + std::to_string(p.parked_until_ms) +
           ",\"park_reason\":" + (p.park_reason.empty() ? "null" : JsonString(p.park_reason)) +
           ",\"last_delay_seconds\":" + JsonNumber(p.last_delay_seconds) +
           ",\"last_delay_reason\":" + JsonString(DelayReasonName(p.last_delay_reason)) + "}}";
  }
  return out + "]";
}

}  // namespace

int RunStatus(const std::string& store_dir, bool json, bool hosts, bool failed) {
  auto store = OpenForReading(store_dir);
  if (!store.ok()) {
    std::cerr << "newscrawl: " << store.error().message << "\n";
    return kExitFailure;
  }
  if (failed) return RunStatusFailed(**store, store_dir, json);
  auto stats = (*store)->Stats();
  if (!stats.ok()) {
    std::cerr << "newscrawl: " << stats.error().message << "\n";
    return kExitFailure;
  }
  // --hosts keys pages by the job's host key mode: a recorded config that
  // does not parse is an error, not a silent fall back to the defaults.
  CrawlConfig job;
  if (hosts) {
    auto recorded = ReadJobConfig(**store, store_dir);
    if (!recorded.ok()) {
      std::cerr << "newscrawl: " << recorded.error().message << "\n";
      return kExitFailure;
    }
    if (*recorded) job = std::move(**recorded);
  }
  const storage::StoreStats& s = *stats;
  // A job recorded as running but not locked by any process was killed.
  std::string state = s.job_state;
  if (state == storage::schema::kJobStateRunning && !s.locked_by_other_process) {
    state = storage::schema::kJobStateInterrupted;
  }
  const bool running = state == storage::schema::kJobStateRunning;
  uint64_t pages = 0;
  for (uint64_t n : s.pages_by_status_class) pages += n;
  auto u = [](uint64_t v) { return static_cast<unsigned long long>(v); };
  if (json) {
    std::printf(
        "{\"store\":\"%s\",\"state\":\"%s\",\"pages\":%llu,\"pages_by_status\":{\"error\":%llu,"
        "\"1xx\":%llu,\"2xx\":%llu,\"3xx\":%llu,\"4xx\":%llu,\"5xx\":%llu},\"robots_denied\":%llu,"
        "\"urls_queued\":%llu,\"urls_known\":%llu,\"hosts\":%llu,\"edges\":%llu,"
        "\"body_bytes\":%llu,\"stored_bytes\":%llu",
        JsonEscape(store_dir).c_str(), state.c_str(), u(pages), u(s.pages_by_status_class[0]),
        u(s.pages_by_status_class[1]), u(s.pages_by_status_class[2]), u(s.pages_by_status_class[3]),
        u(s.pages_by_status_class[4]), u(s.pages_by_status_class[5]), u(s.robots_denied),
        u(s.urls_queued), u(s.urls_known), u(s.hosts), u(s.edges), u(s.body_bytes),
        u(s.stored_bytes));
    // The figures of the run's progress line (status file): "live" while
    // the job runs, else those of its last run.
    if (auto live = ReadStatusFile(store_dir)) {
      std::printf(",\"%s\":%s", running ? "live" : "last_run", live->json.c_str());
    }
    if (hosts) {
      const HostsReport report = CollectHosts(**store, job);
      std::printf(",\"snapshot_written_ms\":%lld,\"per_host\":%s",
                  static_cast<long long>(report.written_ms), HostsJson(report).c_str());
    }
    std::printf("%s}\n", WatchedJsonField(**store).c_str());
  } else {
    std::printf("store:   %s\nstate:   %s\n", store_dir.c_str(), state.c_str());
    std::printf("pages:   %llu (2xx %llu, 3xx %llu, 4xx %llu, 5xx %llu, errors %llu), robots-denied %llu\n",
                u(pages), u(s.pages_by_status_class[2]), u(s.pages_by_status_class[3]),
                u(s.pages_by_status_class[4]), u(s.pages_by_status_class[5]),
                u(s.pages_by_status_class[0]), u(s.robots_denied));
    std::printf("urls:    %llu queued, %llu known\nhosts:   %llu\nedges:   %llu\n", u(s.urls_queued),
                u(s.urls_known), u(s.hosts), u(s.edges));
    std::printf("bodies:  %.2f MB decoded, %.2f MB stored\n", static_cast<double>(s.body_bytes) / 1e6,
                static_cast<double>(s.stored_bytes) / 1e6);
    PrintWatched(**store, SystemClock().WallMillis());
    if (auto live = ReadStatusFile(store_dir)) {
      const time_t written = static_cast<time_t>(live->wall_ms / 1000);
      char when[32];
      std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", std::localtime(&written));
      std::printf("%s %s (at %s)\n", running ? "now:     " : "last run:", live->progress_line.c_str(),
                  when);
    }
    if (hosts) PrintHosts(CollectHosts(**store, job));
  }
  return kExitOk;
}

namespace {

// The content or transfer codings a stored header block names ("gzip",
// "chunked", ...), as "Content-Encoding: gzip, Transfer-Encoding: chunked";
// "" when the body was received as it is stored.
std::string CodingsOf(std::string_view headers) {
  std::string codings;
  for (std::string_view rest = headers; !rest.empty();) {
    const size_t eol = rest.find("\r\n");
    const std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 2);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string name = ascii::ToLower(line.substr(0, colon));
    if (name != "content-encoding" && name != "transfer-encoding") continue;
    const std::string_view value = ascii::TrimHttpSpace(line.substr(colon + 1));
    if (value.empty() || value == "identity") continue;
    if (!codings.empty()) codings += ", ";
    codings += name == "content-encoding" ? "Content-Encoding: " : "Transfer-Encoding: ";
    codings += value;
  }
  return codings;
}

bool IsRobotsTxt(const Url& url) { return url.target == "/robots.txt"; }

// `cat` of a robots.txt URL: the robots.txt stored for its origin (only
// its status and body are kept, so neither --headers nor --raw apply).
int CatRobots(storage::Store& store, const std::string& url, const Url& parsed, bool headers,
              bool raw) {
  auto robots = store.LoadRobots(Origin(parsed));
  if (!robots.ok()) {
    std::cerr << "newscrawl: " << robots.error().message << "\n";
    return kExitFailure;
  }
  if (!*robots) {
    std::cerr << "newscrawl: " << url << ": not fetched in this store\n";
    return kExitFailure;
  }
  if (headers || raw) {
    std::cerr << "newscrawl: " << url << ": robots.txt is stored as its status and decoded "
              << "body only: no headers, no bytes as received\n";
    return kExitUsage;
  }
  if ((*robots)->http_status == 0) {
    std::cerr << "newscrawl: " << url << ": robots.txt had no usable answer (network error or "
              << "undecodable body): the host was treated as disallowing everything\n";
    return kExitFailure;
  }
  if ((*robots)->http_status < 200 || (*robots)->http_status >= 300) {
    std::cerr << "newscrawl: " << url << ": robots.txt answered HTTP " << (*robots)->http_status
              << ": no rules stored\n";
    return kExitFailure;
  }
  const std::string& body = (*robots)->body;
  std::cout.write(body.data(), static_cast<std::streamsize>(body.size()));
  std::cout.flush();
  return std::cout ? kExitOk : kExitFailure;
}

}  // namespace

int RunCat(const std::string& store_dir, const std::string& url, bool headers, bool article,
           bool raw) {
  auto store = OpenForReading(store_dir);
  if (!store.ok()) {
    std::cerr << "newscrawl: " << store.error().message << "\n";
    return kExitFailure;
  }
  // Accept the URL as written anywhere (tracking parameters, fragment): look
  // it up by its canonical key, as the crawler stored it.
  auto parsed = ParseUrl(url);
  auto page = (*store)->GetPage(parsed.ok() ? CanonicalKey(*parsed, CanonicalOptions{}) : url);
  if (!page.ok()) {
    std::cerr << "newscrawl: " << page.error().message << "\n";
    return kExitFailure;
  }
  if (!*page) {
    if (parsed.ok() && IsRobotsTxt(*parsed)) return CatRobots(**store, url, *parsed, headers, raw);
    std::cerr << "newscrawl: " << url << ": not fetched in this store\n";
    return kExitFailure;
  }
  const storage::StoredPage& p = **page;
  const std::string codings = CodingsOf(p.response_headers);
  if (raw && !p.exchange_recorded && !codings.empty()) {
    std::cerr << "newscrawl: " << url << ": the body as received was not kept (stored by an "
              << "older newscrawl, " << codings << "); the stored body is decoded: cat without "
              << "--raw prints it\n";
    return kExitFailure;
  }
  if (headers) {
    std::cout << p.response_headers << "\r\n";
    std::cout.flush();
    // The header block says how the body was sent; the body printed is
    // the stored, decoded one unless --raw: say so, outside stdout's bytes.
    if (!article && !raw && !codings.empty()) {
      std::cerr << "newscrawl: headers as received; the body below is decoded (" << codings
                << "); cat --raw prints it as received\n";
    } else if (!article && raw && codings.find("Transfer-Encoding") != std::string::npos) {
      std::cerr << "newscrawl: headers as received; the body below is as received, "
                   "de-chunked (" << codings << ")\n";
    }
  }
  if (article) {
    // The article the crawl stored with the page...
    auto stored = (*store)->GetArticle(p.url);
    if (!stored.ok()) {
      std::cerr << "newscrawl: " << stored.error().message << "\n";
      return kExitFailure;
    }
    if (*stored) {
      auto decoded = DecodeArticleRecord(**stored, p.body);
      if (!decoded.ok()) {
        std::cerr << "newscrawl: " << p.url << ": " << decoded.error().message << "\n";
        return kExitFailure;
      }
      std::cout << ArticleToReaderText(*decoded);
      std::cout.flush();
      return std::cout ? kExitOk : kExitFailure;
    }
    // ...or, for a store without one (crawled with [extract] articles off,
    // or before articles were stored, or a page the crawl did not take for
    // an article), extracted from the stored body now, with the page's
    // fetch time for relative and year-less dates.
    std::string html = p.body;
    const std::string_view charset =
        p.charset.empty() ? SniffHtmlCharset(p.content_type, html).name : p.charset;
    if (NeedsTranscoding(html, charset)) html = TranscodeToUtf8(html, charset);
    const Article a = ExtractArticle(html, {p.url, p.fetch_end_ms / 1000});
    std::cout << ArticleToReaderText(a);
    std::cout.flush();
    return std::cout ? kExitOk : kExitFailure;
  }
  const std::string& body = raw && p.exchange_recorded ? p.body_as_received : p.body;
  std::cout.write(body.data(), static_cast<std::streamsize>(body.size()));
  std::cout.flush();
  return std::cout ? kExitOk : kExitFailure;
}

}  // namespace nc
