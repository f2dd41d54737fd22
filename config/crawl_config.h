#pragma once
// CrawlConfig: every option of a crawl job in one plain struct. Each field
// says what it does and ends with its default. Loaded from TOML
// (config/examples/news.toml documents every key), then overridden by CLI
// flags, then validated. The struct is copied into each component at start
// and never changes during a run, so it needs no locking.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "config/crawl_modes.h"

namespace nc {

enum class ScopeMode { kSeedHosts, kSeedDomains, kAll };

// --resolve HOST:PORT:ADDR, as in curl: connect to ADDR for HOST:PORT while
// keeping HOST for the Host header, SNI and certificate checks.
struct ResolveOverride {
  std::string host;  // lower-cased
  uint16_t port = 0;
  std::string address;  // IPv4 or IPv6 literal
};

// One [[site]] table: CSS selectors (Modest's selector syntax) whose
// matching <a href> elements, or <a href> elements inside matching
// elements, get that role on pages of `host`. Empty selector = unused.
struct SiteRules {
  std::string host;  // exact host name, lower-cased ("www.lejournal.test")
  std::string headline;
  std::string related;
  std::string nav;
  std::string footer;
  bool operator==(const SiteRules&) const = default;
};

struct CrawlConfig {
  // --- job ---
  // Start URLs. At least one is required for `crawl`. Default: none.
  std::vector<std::string> seeds;
  // Stop after this many fetches (pages, redirects and errors; robots.txt
  // not counted). 0 = no limit. Default: 0.
  uint64_t max_pages = 0;
  // Which hosts may be fetched: seed-hosts (exactly the seeds' hosts),
  // seed-domains (same registrable domain as a seed), all. Default: seed-domains.
  ScopeMode scope = ScopeMode::kSeedDomains;
  // Link roles that are followed. Default: headline, related.
  std::vector<std::string> follow_roles = {"headline", "related"};
  // `nav` links are followed from pages at most this many hops from a seed,
  // so section pages linked from the homepage are crawled. Default: 1.
  uint32_t section_depth = 1;
  // Links farther than this many hops from a seed are not followed. 0 = no
  // limit. Default: 0.
  uint32_t max_depth = 0;
  // Find a site's sitemaps and feeds: the Sitemap: lines of every robots.txt
  // fetched and the <link rel="alternate"> RSS/Atom feeds of seed pages are
  // followed (role feed), so articles no page links to are reached. Entries
  // of sitemaps and feeds that are fetched anyway are always read. Default: true.
  bool discover_feeds = true;
  // Follow policy of the user (frontier/follow_filter.h): URL regexes (RE2
  // syntax, searched in the canonical URL). A link is followed only if it
  // matches some include pattern (when any are given) and no exclude
  // pattern; refused links are recorded with reason "filter". Default: none.
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  // Host lists: "host.name" matches that host, "*.domain" the domain and
  // every host under it. When allow_hosts is not empty only matching hosts
  // are followed; deny_hosts are never followed (deny wins). Both narrow
  // the scope: refused links are "external" with reason "scope".
  // Default: none.
  std::vector<std::string> allow_hosts;
  std::vector<std::string> deny_hosts;
  // URLs admitted to the frontier per host (seeds and redirects included);
  // links beyond are recorded with reason "limit". Counted in the store, so
  // it holds across resume. 0 = no limit. Default: 0.
  uint64_t max_pages_per_host = 0;

  // --- watch mode (crawl, resume, watch; crawler/watch_list.h) ---
  // After the crawl, keep re-polling the watched pages (the seeds, section
  // pages reached through followed nav links, feeds and sitemaps) and crawl
  // what they newly link to. Each watched page starts with this interval
  // (seconds) and adapts within [watch_min_interval, watch_max_interval].
  // 0 = no watching: the crawl ends when its frontier is empty. Default: 0.
  double watch = 0;
  // Bounds of a watched page's interval: it halves (to no less than the
  // minimum) after a poll that brings new headlines and grows by half (to no
  // more than the maximum) after one that brings none. 0 = watch / 4 and
  // watch × 8. Default: 0, 0.
  double watch_min_interval = 0;
  double watch_max_interval = 0;
  // Stop watching after this many re-polls of every watched page (tests,
  // cron-like use). 0 = until stopped. Default: 0.
  uint32_t watch_cycles = 0;
  // While watching (watch > 0), re-fetch an article (a page fetched with a
  // 2xx answer that is not a seed, section page or feed) once its last
  // fetch is this many seconds old, through the politeness scheduler and
  // conditional on its stored ETag / Last-Modified; a new version is kept
  // only when the body changed. 0 = articles are never fetched again.
  // Default: 0.
  double revisit_articles_after = 0;

  // --- politeness ---
  // Sent on every request. Default: "newscrawl/VERSION (+project URL)".
  std::string user_agent;
  // Seconds between the end of one response and the next request to the
  // same host. Default: 1.0.
  double min_delay = 1.0;
  // Requests to one host at the same time. Default: 1.
  uint32_t max_in_flight_per_host = 1;
  // Open connections across all hosts. Default: 256.
  uint32_t max_connections = 256;
  // Obey robots.txt. Turning this off is for testing your own sites. Default: true.
  bool obey_robots = true;
  // A robots.txt Crawl-delay above this many seconds is handled by
  // crawl_delay_policy, so one robots.txt cannot stall a host for hours.
  // Default: 30.
  double max_crawl_delay = 30.0;
  // What a Crawl-delay above max_crawl_delay does: "clamp" (wait
  // max_crawl_delay instead) or "skip" (do not crawl the host; the reason is
  // recorded in host state). Default: "clamp".
  CrawlDelayPolicy crawl_delay_policy = CrawlDelayPolicy::kClamp;
  // The delay after a response is at least this many times its response
  // time, so a server that slows down under load is asked less often. 0 =
  // off (the delay is exactly min_delay / Crawl-delay). Default: 0.
  double adaptive_factor = 0.0;
  // Seconds of back-off after the first failure in a row (network error,
  // timeout, 5xx, 429/503 without Retry-After); doubles per further failure,
  // with jitter. Default: 2.
  double backoff_initial = 2.0;
  // Longest back-off, in seconds. Default: 600.
  double backoff_max = 600.0;
  // After this many failures in a row a host is parked (no requests for
  // park_seconds, growing while it keeps failing; its URLs wait). 0 = never
  // park. Default: 5.
  uint32_t park_after_failures = 5;
  // Seconds a host is first parked for. Default: 600.
  double park_seconds = 600.0;
  // A 429/503 Retry-After longer than this many seconds is cut to it.
  // Default: 300.
  double max_retry_after = 300.0;
  // Seconds before a host's robots.txt is fetched again. Default: 86400 (24 h).
  double robots_ttl = 86400.0;
  // robots.txt answering 5xx/429 or unreachable is retried (with the host's
  // back-off) this many times in a row before the host is treated as
  // "disallow all" until the rules expire. At least 1. Default: 5.
  uint32_t robots_max_attempts = 5;
  // Longest a host waits on an unreachable robots.txt, in seconds from its
  // first failed attempt: no retry is made that could not end within it,
  // and the host's URLs are then recorded as failed with the reason ("dns:
  // name does not resolve" fails at once, "connect: connection refused"
  // after 3 attempts). 0 = bounded only by robots_max_attempts. Default: 60.
  double robots_max_wait = 60.0;
  // Requests started per second over all hosts (robots.txt included). 0 =
  // no limit. Default: 0.
  double max_requests_per_second = 0.0;
  // What one politeness budget (max_in_flight_per_host, min_delay, back-off)
  // covers: "host" (each host name), "domain" (the registrable domain, so
  // www.x.fr and sport.x.fr share one), "ip" (the address the host resolves
  // to, --resolve first: names served by one machine share one). Fixed for a
  // job: the frontier stores URLs by this key, so a store refuses another
  // mode. Default: "host".
  HostKeyMode host_key = HostKeyMode::kHost;
  // Sockets open at once across all hosts, in use or idle keep-alive. At the
  // cap, the least recently used idle connection is closed before a new one
  // is opened. At least max_connections. 0 = a bound that follows the hosts
  // in rotation: twice max_connections for a small crawl, up to one idle
  // connection per host plus max_connections for a polite crawl of many
  // hosts (each keeps its connection across its delay), within the open-file
  // limit, whose soft value a crawl raises to the hard one at start-up; idle
  // TLS connections (~105 KiB each) stay at twice max_connections
  // (crawler/fetch/open_file_limit.h). Default: 0.
  uint32_t max_open_connections = 0;

  // --- fetching ---
  // A fetch that fails transiently (timeout, connection error, 429, 5xx) is
  // tried again this many times, each after the host's back-off, before its
  // failure is recorded as the URL's outcome. Default: 2.
  uint32_t max_retries = 2;
  // Redirect hops followed from one URL. Default: 5.
  uint32_t max_redirects = 5;
  // Seconds to establish TCP (and TLS). Default: 10.
  double connect_timeout = 10.0;
  // Seconds without progress while reading a response. Default: 30.
  double read_timeout = 30.0;
  // Seconds for a whole request, connect to last byte. Default: 60.
  double total_timeout = 60.0;
  // Bodies larger than this (bytes, after decoding) are cut and recorded as
  // truncated. Default: 10 MiB.
  uint64_t max_body_bytes = 10ull << 20;
  // Extra PEM file of trusted CA certificates, on top of the system store.
  // Default: none.
  std::string ca_file;
  // Verify TLS certificates and host names. Default: true.
  bool verify_tls = true;
  // Host:port → address mappings. Default: none (system resolver).
  std::vector<ResolveOverride> resolve;
  // Connect to non-public addresses (loopback, RFC 1918 and fc00::/7
  // private, link-local, CGNAT 100.64/10, multicast, unspecified, broadcast,
  // and the IPv4-mapped, NAT64 and 6to4 forms of these). Off, a host whose
  // addresses are all non-public fails with reason private-address, so a
  // crawled page cannot point the crawler at internal services; hosts named
  // in `resolve` are exempt either way. Default: false.
  bool allow_private_networks = false;

  // --- storage and pipeline ---
  // Fetch results committed per LMDB write transaction (at most). Default: 64.
  uint32_t commit_batch_pages = 64;
  // Longest wait before a partial batch is committed, in ms. Default: 200.
  uint32_t commit_interval_ms = 200;
  // zstd level for stored bodies (1 fastest .. 19). Default: 1 (11% fewer
  // compress instructions than 3 for 2.5-6% more bytes: tests/bench/README.md).
  int zstd_level = 1;
  // Threads that decode, parse and compress pages off the network thread.
  // 0 = one per core (at least 1). Default: 0.
  uint32_t parse_threads = 0;
  // Bytes of fetched bodies waiting for those threads, in MiB, at which no
  // new page fetch starts (the workers are then the crawl's bottleneck and a
  // longer queue only holds memory); it applies once at least two bodies per
  // thread wait, so large bodies never leave a thread idle. 1..4096.
  // Default: 4 (tests/bench/README.md, "Session 12 (branch perfrss)").
  uint32_t worker_backlog_mib = 4;
  // Largest size the LMDB map may grow to, in MiB (>= 1). When it is reached
  // the crawl stops safely; `resume --max-store-mib` raises it. Default: 65536 (64 GiB).
  uint64_t max_store_mib = 65536;
  // When commits reach the disk (README "Durability"): "batch" = every batch
  // commit is fsynced, data then meta page (survives power loss); "meta" =
  // data fsynced per commit, meta page at the next commit (a power loss may
  // undo the last commit, never corrupts); "periodic" = no fsync per commit,
  // one every sync_interval_ms and at clean exit (a process crash loses
  // nothing; a power loss may lose the last sync_interval_ms of commits).
  // Default: "batch".
  SyncMode sync = SyncMode::kBatch;
  // For sync = "periodic": ms between two syncs of the store. Default: 1000.
  uint32_t sync_interval_ms = 1000;

  // --- extraction ---
  // Extract the article of every fetched page that looks like one (its own
  // signals: og:type article, a JSON-LD NewsArticle/Article/..., or an
  // article-shaped URL with a body: crawler/extract/article.h) on the worker
  // threads, and store it with the page (`cat --article`, `export --format
  // articles`). Default: true.
  bool extract_articles = true;

  // --- per-site link roles ([[site]] tables) ---
  // CSS selectors that override the heuristic link roles on one host's
  // pages (crawler/extract/css_selector_roles.h). Default: none.
  std::vector<SiteRules> sites;
};

// Parses a TOML file into `config` (fields not in the file keep their value).
// Errors name the file, line and key: "news.toml:12: key 'min_delay': ...".
Status LoadConfigFile(const std::string& path, CrawlConfig& config);
// Same for TOML text already in memory; `source_name` is used in messages.
Status LoadConfigText(std::string_view text, const std::string& source_name, CrawlConfig& config);
// Checks ranges and consistency after all overrides are applied.
Status ValidateConfig(const CrawlConfig& config);

// The one check of a duration in seconds, for config keys and command-line
// flags alike: "" when finite, >= 0 and at most kMaxConfigSeconds (30
// days: a longer delay or timeout is a typo, and would make a crawl sit
// forever); otherwise the reason ("expected a number of seconds >= 0 and
// <= 2592000"), which the caller prefixes with the key or the flag.
inline constexpr double kMaxConfigSeconds = 30 * 24 * 3600;
std::string CheckSeconds(double value);
// Serializes to TOML text that LoadConfigText reads back into an equal config
// (the store keeps the job's config this way).
std::string ConfigToToml(const CrawlConfig& config);

// "" when `pattern` is a usable crawl.allow_hosts / crawl.deny_hosts entry
// (a host name, or "*." and a domain), else why not.
std::string HostPatternProblem(std::string_view pattern);
// Parses "HOST:PORT:ADDR" ("[::1]" allowed for ADDR).
Result<ResolveOverride> ParseResolveOverride(std::string_view text);
const char* ScopeModeName(ScopeMode mode);
Result<ScopeMode> ParseScopeMode(std::string_view text);

}  // namespace nc
