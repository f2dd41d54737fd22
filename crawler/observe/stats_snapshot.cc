#include "crawler/observe/stats_snapshot.h"

#include <cstdio>

#include "common/str_append.h"
#include "crawler/observe/json_text.h"

namespace nc::observe {
namespace {

constexpr const char* kClassNames[6] = {"error", "1xx", "2xx", "3xx", "4xx", "5xx"};

// A label value in the exposition format: backslash, double quote and line
// feed escaped.
std::string LabelValue(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Number(double value) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.6g", value);
  return buf;
}

class PrometheusText {
 public:
  void Family(const char* name, const char* type, const char* help) {
    StrAppend(out_, "# HELP ", name, ' ', help, "\n# TYPE ", name, ' ', type, '\n');
  }
  void Sample(std::string_view name, std::string_view labels, const std::string& value) {
    out_ += name;
    if (!labels.empty()) StrAppend(out_, '{', labels, '}');
    StrAppend(out_, ' ', value, '\n');
  }
  void Sample(std::string_view name, std::string_view labels, uint64_t value) {
    Sample(name, labels, std::to_string(value));
  }
  void Histogram(const char* name, const char* help, const HistogramCounts& h) {
    Family(name, "histogram", help);
    const std::string base = name;
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kLatencyBucketBounds.size(); ++i) {
      cumulative += h.buckets[i];
      Sample(base + "_bucket", "le=\"" + Number(kLatencyBucketBounds[i]) + "\"", cumulative);
    }
    cumulative += h.buckets.back();
    Sample(base + "_bucket", "le=\"+Inf\"", cumulative);
    Sample(base + "_sum", "", Number(h.sum_seconds));
    Sample(base + "_count", "", cumulative);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

std::string CountsJson(const std::map<std::string, uint64_t>& counts) {
  JsonObject o;
  for (const auto& [key, n] : counts) o.Add(key, n);
  return o.Done();
}

std::string HistogramJson(const HistogramCounts& h) {
  return JsonObject()
      .Add("count", h.count)
      .Add("sum_seconds", h.sum_seconds, 6)
      .AddRaw("bucket_bounds", JsonArray(kLatencyBucketBounds, Number))
      .AddRaw("buckets", JsonArray(h.buckets, [](uint64_t n) { return std::to_string(n); }))
      .Done();
}

std::string HostRowJson(const HostRow& h) {
  return JsonObject()
      .Add("host", h.host)
      .Add("state", h.state)
      .Add("queued", h.queued)
      .Add("more_in_store", h.more_in_store)
      .Add("fetched", h.fetched)
      .Add("failed", h.failed)
      .Add("delay_seconds", h.delay_seconds)
      .Add("delay_reason", h.delay_reason)
      .Add("next_allowed_in_seconds", h.next_allowed_in_seconds)
      .Add("parked_reason", h.parked_reason)
      .Add("robots_state", h.robots_state)
      .Done();
}

std::string RecentErrorJson(const RecentError& e) {
  return JsonObject()
      .Add("t", e.wall_ms)
      .Add("url", e.url)
      .Add("host", e.host)
      .Add("reason", e.reason)
      .Done();
}

// The fields the progress line and the JSON stats line share.
JsonObject SummaryJson(const StatsSnapshot& s) {
  JsonObject o;
  o.Add("t", s.wall_ms)
      .Add("elapsed_seconds", s.elapsed_seconds, 1)
      .Add("fetched", s.PagesFetched())
      .Add("pages_per_second", s.pages_per_second, 2)
      .Add("queued", s.queued_now)
      .Add("in_flight", s.in_flight)
      .Add("hosts_active", s.hosts_active)
      .Add("hosts_waiting", s.hosts_waiting)
      .Add("hosts_parked", s.hosts_parked)
      .Add("errors", s.Errors())
      .AddRaw("errors_by_reason", CountsJson(s.errors_by_reason))
      .Add("robots_denied", s.robots_denied)
      .Add("stored_pages", s.stored_pages)
      .Add("stored_bytes", s.stored_bytes);
  return o;
}

std::string HumanBytes(uint64_t bytes) {
  char buf[32];
  const double b = static_cast<double>(bytes);
  if (b >= 1e9) {
    std::snprintf(buf, sizeof buf, "%.2f GB", b / 1e9);
  } else if (b >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.1f MB", b / 1e6);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f kB", b / 1e3);
  }
  return buf;
}

}  // namespace

uint64_t StatsSnapshot::PagesFetched() const {
  uint64_t n = 0;
  for (uint64_t c : pages_by_class) n += c;
  return n;
}

std::string RenderPrometheus(const StatsSnapshot& s) {
  PrometheusText p;
  p.Family("newscrawl_page_fetches_total", "counter",
           "Page fetches finished this run, by HTTP status class (error: no response).");
  for (size_t i = 0; i < 6; ++i) {
    p.Sample("newscrawl_page_fetches_total", std::string("class=\"") + kClassNames[i] + "\"",
             s.pages_by_class[i]);
  }
  p.Family("newscrawl_fetch_errors_total", "counter",
           "Page fetches without a response this run, by reason.");
  for (const auto& [reason, n] : s.errors_by_reason) {
    p.Sample("newscrawl_fetch_errors_total", "reason=\"" + LabelValue(reason) + "\"", n);
  }
  p.Family("newscrawl_robots_requests_total", "counter", "robots.txt fetches this run.");
  p.Sample("newscrawl_robots_requests_total", "", s.robots_requests);
  p.Family("newscrawl_robots_denied_total", "counter",
           "URLs not fetched because robots.txt disallows them, this run.");
  p.Sample("newscrawl_robots_denied_total", "", s.robots_denied);
  p.Family("newscrawl_response_bytes_total", "counter",
           "Response body bytes received this run, as transferred (robots.txt included).");
  p.Sample("newscrawl_response_bytes_total", "", s.bytes);
  p.Family("newscrawl_pages_committed_total", "counter",
           "Page records committed to the store this run (fetches and robots-denied URLs).");
  p.Sample("newscrawl_pages_committed_total", "", s.committed);
  p.Family("newscrawl_urls_enqueued_total", "counter", "New URLs added to the frontier this run.");
  p.Sample("newscrawl_urls_enqueued_total", "", s.enqueued);
  p.Histogram("newscrawl_fetch_duration_seconds",
              "Time from request start to complete response (pages and robots.txt).",
              s.fetch_latency);
  p.Histogram("newscrawl_commit_duration_seconds",
              "Time of one batch write transaction, sync included.", s.commit_latency);
  p.Family("newscrawl_requests_in_flight", "gauge", "Requests on the network now.");
  p.Sample("newscrawl_requests_in_flight", "", s.in_flight);
  p.Family("newscrawl_frontier_queued_urls", "gauge", "URLs pending in the store's frontier now.");
  p.Sample("newscrawl_frontier_queued_urls", "", s.queued_now);
  p.Family("newscrawl_store_pages", "gauge", "Page records in the store (all runs).");
  p.Sample("newscrawl_store_pages", "", s.stored_pages);
  p.Family("newscrawl_store_body_bytes", "gauge", "Compressed body bytes in the store (all runs).");
  p.Sample("newscrawl_store_body_bytes", "", s.stored_bytes);
  p.Family("newscrawl_hosts", "gauge",
           "Hosts held by the scheduler, by state (active: a request in flight; waiting: work "
           "queued behind the politeness delay; parked: no requests until the park ends).");
  p.Sample("newscrawl_hosts", "state=\"active\"", s.hosts_active);
  p.Sample("newscrawl_hosts", "state=\"waiting\"", s.hosts_waiting);
  p.Sample("newscrawl_hosts", "state=\"parked\"", s.hosts_parked);
  p.Family("newscrawl_hosts_in_memory", "gauge", "Hosts the scheduler holds in memory.");
  p.Sample("newscrawl_hosts_in_memory", "", s.hosts_in_memory);
  p.Family("newscrawl_politeness_delay_max_seconds", "gauge",
           "Largest politeness delay in force over the hosts held.");
  p.Sample("newscrawl_politeness_delay_max_seconds", "", Number(s.max_delay_seconds));
  p.Family("newscrawl_hosts_by_delay_reason", "gauge",
           "Hosts held, by the term that decided their delay.");
  for (const auto& [reason, n] : s.hosts_by_delay_reason) {
    p.Sample("newscrawl_hosts_by_delay_reason", "reason=\"" + LabelValue(reason) + "\"", n);
  }
  p.Family("newscrawl_pages_per_second", "gauge", "Page fetches per second over the last 10 s.");
  p.Sample("newscrawl_pages_per_second", "", Number(s.pages_per_second));
  p.Family("newscrawl_run_elapsed_seconds", "gauge", "Seconds since this run started.");
  p.Sample("newscrawl_run_elapsed_seconds", "", Number(s.elapsed_seconds));
  return p.Take();
}

std::string RenderStatsJsonLine(const StatsSnapshot& s) { return SummaryJson(s).Done(); }

std::string RenderStatusJson(const StatsSnapshot& s) {
  JsonObject o = SummaryJson(s);
  JsonObject by_class;
  for (size_t i = 0; i < 6; ++i) by_class.Add(kClassNames[i], s.pages_by_class[i]);
  o.Add("resumed", s.resumed)
      .AddRaw("pages_by_class", by_class.Done())
      .Add("robots_requests", s.robots_requests)
      .Add("bytes_received", s.bytes)
      .Add("bytes_per_second", s.bytes_per_second, 0)
      .Add("committed", s.committed)
      .Add("enqueued", s.enqueued)
      .Add("commits", s.commits)
      .Add("hosts_in_memory", s.hosts_in_memory)
      .Add("max_delay_seconds", s.max_delay_seconds)
      .AddRaw("hosts_by_delay_reason", CountsJson(s.hosts_by_delay_reason))
      .AddRaw("fetch_latency", HistogramJson(s.fetch_latency))
      .AddRaw("commit_latency", HistogramJson(s.commit_latency))
      .AddRaw("hosts", JsonArray(s.hosts, HostRowJson))
      .AddRaw("recent_errors", JsonArray(s.recent_errors, RecentErrorJson))
      .Add("progress_line", RenderProgressLine(s));
  return o.Done();
}

std::string RenderProgressLine(const StatsSnapshot& s) {
  auto u = [](uint64_t v) { return static_cast<unsigned long long>(v); };
  char head[256];
  std::snprintf(head, sizeof head,
                "[%7.1fs] fetched %llu (%.1f/s) | queued %llu | hosts %llu active, %llu waiting, "
                "%llu parked | errors %llu",
                s.elapsed_seconds, u(s.PagesFetched()), s.pages_per_second, u(s.queued_now),
                u(s.hosts_active), u(s.hosts_waiting), u(s.hosts_parked), u(s.Errors()));
  std::string line = head;
  if (!s.errors_by_reason.empty()) {
    line += " (";
    bool first = true;
    for (const auto& [reason, n] : s.errors_by_reason) {
      if (!first) line += ", ";
      first = false;
      line += reason + " " + std::to_string(n);
    }
    line += ")";
  }
  if (s.robots_denied > 0) line += " | robots-denied " + std::to_string(s.robots_denied);
  line += " | stored " + std::to_string(s.stored_pages) + " pages, " + HumanBytes(s.stored_bytes);
  return line;
}

}  // namespace nc::observe
