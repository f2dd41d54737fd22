#include "config/crawl_config.h"
#include "config/config_values.h"

#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <sstream>

#include <re2/re2.h>
#include <toml++/toml.h>

#include "common/ascii.h"
#include "common/file_bytes.h"
#include "common/nearest_name.h"
#include "common/version.h"

namespace nc {
namespace {

// One TOML key bound to one CrawlConfig field. `read` converts and stores a
// node; it returns "" on success or what is wrong ("expected a number >= 0").
struct FieldBinding {
  const char* section;
  const char* key;
  std::function<std::string(const toml::node&, CrawlConfig&)> read;
  std::function<void(const CrawlConfig&, toml::table&)> write;
};

template <class Int>
FieldBinding IntField(const char* section, const char* key, Int CrawlConfig::*field) {
  return {section, key,
          [field](const toml::node& node, CrawlConfig& c) -> std::string {
            // value_exact: 1.5 or "5" is not a count (value() would round).
            auto v = node.value_exact<int64_t>();
            if (!v) {
              // A float that is a whole number ("1e3" from a flag) counts.
              const auto d = node.value_exact<double>();
              if (d && std::isfinite(*d) && *d == std::trunc(*d) && std::fabs(*d) < 9e18) {
                v = static_cast<int64_t>(*d);
              }
            }
            if (std::string why = CheckWholeNumber(v, std::numeric_limits<Int>::max());
                !why.empty()) {
              return why;
            }
            c.*field = static_cast<Int>(*v);
            return "";
          },
          [section, key, field](const CrawlConfig& c, toml::table& t) {
            t[section].as_table()->insert_or_assign(key, static_cast<int64_t>(c.*field));
          }};
}

constexpr std::string_view kSecondsExpected = "expected a number of seconds >= 0 and <= 2592000";

FieldBinding SecondsField(const char* section, const char* key, double CrawlConfig::*field) {
  return {section, key,
          [field](const toml::node& node, CrawlConfig& c) -> std::string {
            auto v = node.value<double>();  // integers convert too
            if (!v) return std::string(kSecondsExpected);
            if (std::string why = CheckSeconds(*v); !why.empty()) return why;
            c.*field = *v;
            return "";
          },
          [section, key, field](const CrawlConfig& c, toml::table& t) {
            t[section].as_table()->insert_or_assign(key, c.*field);
          }};
}

FieldBinding BoolField(const char* section, const char* key, bool CrawlConfig::*field) {
  return {section, key,
          [field](const toml::node& node, CrawlConfig& c) -> std::string {
            auto v = node.value<bool>();
            if (!v) return "expected true or false";
            c.*field = *v;
            return "";
          },
          [section, key, field](const CrawlConfig& c, toml::table& t) {
            t[section].as_table()->insert_or_assign(key, c.*field);
          }};
}

FieldBinding StringField(const char* section, const char* key, std::string CrawlConfig::*field) {
  return {section, key,
          [field](const toml::node& node, CrawlConfig& c) -> std::string {
            auto v = node.value<std::string>();
            if (!v) return "expected a string";
            c.*field = *v;
            return "";
          },
          [section, key, field](const CrawlConfig& c, toml::table& t) {
            t[section].as_table()->insert_or_assign(key, c.*field);
          }};
}

// A string naming one value of an enum of config/crawl_modes.h.
template <class Mode>
FieldBinding ModeField(const char* section, const char* key, Mode CrawlConfig::*field) {
  return {section, key,
          [field](const toml::node& node, CrawlConfig& c) -> std::string {
            auto v = node.value<std::string>();
            const std::optional<Mode> mode = v ? ParseMode<Mode>(*v) : std::nullopt;
            if (!mode) {
              return (v ? "'" + *v + "': " : std::string()) + "expected " + QuotedModeNames<Mode>();
            }
            c.*field = *mode;
            return "";
          },
          [section, key, field](const CrawlConfig& c, toml::table& t) {
            t[section].as_table()->insert_or_assign(key, std::string(ModeName(c.*field)));
          }};
}

FieldBinding StringListField(const char* section, const char* key,
                             std::vector<std::string> CrawlConfig::*field) {
  return {section, key,
          [field](const toml::node& node, CrawlConfig& c) -> std::string {
            const auto* array = node.as_array();
            if (!array) return "expected an array of strings";
            std::vector<std::string> values;
            for (const auto& item : *array) {
              auto v = item.value<std::string>();
              if (!v) return "expected an array of strings";
              values.push_back(*v);
            }
            c.*field = std::move(values);
            return "";
          },
          [section, key, field](const CrawlConfig& c, toml::table& t) {
            toml::array array;
            for (const auto& v : c.*field) array.push_back(v);
            t[section].as_table()->insert_or_assign(key, std::move(array));
          }};
}

const std::vector<FieldBinding>& Bindings() {
  static const std::vector<FieldBinding> bindings = [] {
    std::vector<FieldBinding> b;
    b.push_back(StringListField("crawl", "seeds", &CrawlConfig::seeds));
    b.push_back(IntField("crawl", "max_pages", &CrawlConfig::max_pages));
    b.push_back({"crawl", "scope",
                 [](const toml::node& node, CrawlConfig& c) -> std::string {
                   auto v = node.value<std::string>();
                   auto mode = v ? ParseScopeMode(*v) : Result<ScopeMode>(Error{});
                   if (!mode.ok())
                     return "expected one of \"seed-hosts\", \"seed-domains\", \"all\"";
                   c.scope = *mode;
                   return "";
                 },
                 [](const CrawlConfig& c, toml::table& t) {
                   t["crawl"].as_table()->insert_or_assign("scope", ScopeModeName(c.scope));
                 }});
    b.push_back(StringListField("crawl", "follow_roles", &CrawlConfig::follow_roles));
    b.push_back(IntField("crawl", "section_depth", &CrawlConfig::section_depth));
    b.push_back(IntField("crawl", "max_depth", &CrawlConfig::max_depth));
    b.push_back(BoolField("crawl", "discover_feeds", &CrawlConfig::discover_feeds));
    b.push_back(StringListField("crawl", "include", &CrawlConfig::include));
    b.push_back(StringListField("crawl", "exclude", &CrawlConfig::exclude));
    b.push_back(StringListField("crawl", "allow_hosts", &CrawlConfig::allow_hosts));
    b.push_back(StringListField("crawl", "deny_hosts", &CrawlConfig::deny_hosts));
    b.push_back(IntField("crawl", "max_pages_per_host", &CrawlConfig::max_pages_per_host));
    b.push_back(SecondsField("crawl", "watch", &CrawlConfig::watch));
    b.push_back(SecondsField("crawl", "watch_min_interval", &CrawlConfig::watch_min_interval));
    b.push_back(SecondsField("crawl", "watch_max_interval", &CrawlConfig::watch_max_interval));
    b.push_back(IntField("crawl", "watch_cycles", &CrawlConfig::watch_cycles));
    b.push_back(SecondsField("crawl", "revisit_articles_after",
                             &CrawlConfig::revisit_articles_after));
    b.push_back(StringField("politeness", "user_agent", &CrawlConfig::user_agent));
    b.push_back(SecondsField("politeness", "min_delay", &CrawlConfig::min_delay));
    b.push_back(IntField("politeness", "max_in_flight_per_host", &CrawlConfig::max_in_flight_per_host));
    b.push_back(IntField("politeness", "max_connections", &CrawlConfig::max_connections));
    b.push_back(BoolField("politeness", "obey_robots", &CrawlConfig::obey_robots));
    b.push_back(SecondsField("politeness", "max_crawl_delay", &CrawlConfig::max_crawl_delay));
    b.push_back(ModeField("politeness", "crawl_delay_policy", &CrawlConfig::crawl_delay_policy));
    b.push_back(SecondsField("politeness", "adaptive_factor", &CrawlConfig::adaptive_factor));
    b.push_back(SecondsField("politeness", "backoff_initial", &CrawlConfig::backoff_initial));
    b.push_back(SecondsField("politeness", "backoff_max", &CrawlConfig::backoff_max));
    b.push_back(IntField("politeness", "park_after_failures", &CrawlConfig::park_after_failures));
    b.push_back(SecondsField("politeness", "park_seconds", &CrawlConfig::park_seconds));
    b.push_back(SecondsField("politeness", "max_retry_after", &CrawlConfig::max_retry_after));
    b.push_back(SecondsField("politeness", "robots_ttl", &CrawlConfig::robots_ttl));
    b.push_back(IntField("politeness", "robots_max_attempts", &CrawlConfig::robots_max_attempts));
    b.push_back(SecondsField("politeness", "robots_max_wait", &CrawlConfig::robots_max_wait));
    b.push_back(SecondsField("politeness", "max_requests_per_second",
                             &CrawlConfig::max_requests_per_second));
    b.push_back(ModeField("politeness", "host_key", &CrawlConfig::host_key));
    b.push_back(IntField("politeness", "max_open_connections", &CrawlConfig::max_open_connections));
    b.push_back(IntField("fetch", "max_retries", &CrawlConfig::max_retries));
    b.push_back(IntField("fetch", "max_redirects", &CrawlConfig::max_redirects));
    b.push_back(SecondsField("fetch", "connect_timeout", &CrawlConfig::connect_timeout));
    b.push_back(SecondsField("fetch", "read_timeout", &CrawlConfig::read_timeout));
    b.push_back(SecondsField("fetch", "total_timeout", &CrawlConfig::total_timeout));
    b.push_back(IntField("fetch", "max_body_bytes", &CrawlConfig::max_body_bytes));
    b.push_back(StringField("fetch", "ca_file", &CrawlConfig::ca_file));
    b.push_back(BoolField("fetch", "verify_tls", &CrawlConfig::verify_tls));
    b.push_back(
        BoolField("fetch", "allow_private_networks", &CrawlConfig::allow_private_networks));
    b.push_back({"fetch", "resolve",
                 [](const toml::node& node, CrawlConfig& c) -> std::string {
                   const auto* array = node.as_array();
                   if (!array) return "expected an array of \"HOST:PORT:ADDR\" strings";
                   std::vector<ResolveOverride> values;
                   for (const auto& item : *array) {
                     auto text = item.value<std::string>();
                     auto parsed = text ? ParseResolveOverride(*text)
                                        : Result<ResolveOverride>(Error{});
                     if (!parsed.ok()) return "expected an array of \"HOST:PORT:ADDR\" strings";
                     values.push_back(*parsed);
                   }
                   c.resolve = std::move(values);
                   return "";
                 },
                 [](const CrawlConfig& c, toml::table& t) {
                   toml::array array;
                   for (const auto& r : c.resolve) {
                     array.push_back(r.host + ":" + std::to_string(r.port) + ":" +
                                     (r.address.find(':') != std::string::npos
                                          ? "[" + r.address + "]"
                                          : r.address));
                   }
                   t["fetch"].as_table()->insert_or_assign("resolve", std::move(array));
                 }});
    b.push_back(IntField("storage", "commit_batch_pages", &CrawlConfig::commit_batch_pages));
    b.push_back(IntField("storage", "commit_interval_ms", &CrawlConfig::commit_interval_ms));
    b.push_back(IntField("storage", "zstd_level", &CrawlConfig::zstd_level));
    b.push_back(BoolField("extract", "articles", &CrawlConfig::extract_articles));
    b.push_back(IntField("storage", "parse_threads", &CrawlConfig::parse_threads));
    b.push_back(IntField("storage", "worker_backlog_mib", &CrawlConfig::worker_backlog_mib));
    b.push_back(IntField("storage", "max_store_mib", &CrawlConfig::max_store_mib));
    b.push_back(ModeField("storage", "sync", &CrawlConfig::sync));
    b.push_back(IntField("storage", "sync_interval_ms", &CrawlConfig::sync_interval_ms));
    return b;
  }();
  return bindings;
}

// "politeness.min_delay" -> its binding, or nullptr.
const FieldBinding* FindBinding(std::string_view full_key) {
  for (const auto& b : Bindings()) {
    const std::string_view section = b.section;
    if (full_key.size() == section.size() + 1 + std::string_view(b.key).size() &&
        full_key.starts_with(section) && full_key[section.size()] == '.' &&
        full_key.substr(section.size() + 1) == b.key) {
      return &b;
    }
  }
  return nullptr;
}

// "; did you mean 'politeness.min_delay'?" for an unknown key of
// [section], or "". A key of the same section close to the typed one wins;
// then the same key in another section (a key put under the wrong header);
// then the closest full name.
std::string KeySuggestion(std::string_view section, std::string_view key) {
  std::vector<std::string> same_section, full_names;
  std::optional<std::string> moved;
  for (const auto& b : Bindings()) {
    const std::string full = std::string(b.section) + "." + b.key;
    full_names.push_back(full);
    if (b.section == section) same_section.emplace_back(b.key);
    if (b.key == key && !moved) moved = full;
  }
  if (auto near = NearestName(key, same_section)) {
    return "; did you mean '" + std::string(section) + "." + *near + "'?";
  }
  if (moved) {
    const std::string home = moved->substr(0, moved->find('.'));
    return "; did you mean '" + *moved + "' (under [" + home + "])?";
  }
  if (auto near = NearestName(std::string(section) + "." + std::string(key), full_names)) {
    return "; did you mean '" + *near + "'?";
  }
  return "";
}

std::string Where(const std::string& source, const toml::source_region& region) {
  return source + ":" + std::to_string(region.begin.line);
}

// [[site]] tables: one SiteRules each. `sites_node` is the value of the
// root key "site"; errors name the file, line and key ("site[1].headline").
Status LoadSites(const toml::node& sites_node, const std::string& source, CrawlConfig& config) {
  const auto* array = sites_node.as_array();
  if (!array) {
    return MakeError("config.invalid", Where(source, sites_node.source()) +
                                           ": key 'site': expected [[site]] tables");
  }
  std::vector<SiteRules> sites;
  for (size_t i = 0; i < array->size(); ++i) {
    const toml::node& item = *array->get(i);
    const std::string name = "site[" + std::to_string(i) + "]";
    const auto* table = item.as_table();
    if (!table) {
      return MakeError("config.invalid",
                       Where(source, item.source()) + ": key '" + name + "': expected a table");
    }
    SiteRules rules;
    for (const auto& [key, node] : *table) {
      const std::string full = name + "." + std::string(key.str());
      std::string* field = key == "host"       ? &rules.host
                           : key == "headline" ? &rules.headline
                           : key == "related"  ? &rules.related
                           : key == "nav"      ? &rules.nav
                           : key == "footer"   ? &rules.footer
                                               : nullptr;
      if (!field) {
        const auto near =
            NearestName(key.str(), {"host", "headline", "related", "nav", "footer"});
        return MakeError("config.unknown_key",
                         Where(source, node.source()) + ": key '" + full +
                             "': unknown key (host, headline, related, nav, footer)" +
                             (near ? "; did you mean '" + name + "." + *near + "'?" : ""));
      }
      auto value = node.value<std::string>();
      if (!value) {
        return MakeError("config.invalid",
                         Where(source, node.source()) + ": key '" + full + "': expected a string");
      }
      *field = *value;
    }
    ascii::LowerInPlace(rules.host);
    sites.push_back(std::move(rules));
  }
  config.sites = std::move(sites);
  return Status::Ok();
}

void WriteSites(const CrawlConfig& config, toml::table& root) {
  if (config.sites.empty()) return;
  toml::array array;
  for (const SiteRules& rules : config.sites) {
    toml::table table;
    table.insert_or_assign("host", rules.host);
    if (!rules.headline.empty()) table.insert_or_assign("headline", rules.headline);
    if (!rules.related.empty()) table.insert_or_assign("related", rules.related);
    if (!rules.nav.empty()) table.insert_or_assign("nav", rules.nav);
    if (!rules.footer.empty()) table.insert_or_assign("footer", rules.footer);
    array.push_back(std::move(table));
  }
  root.insert_or_assign("site", std::move(array));
}

}  // namespace

Status LoadConfigText(std::string_view text, const std::string& source_name,
                      CrawlConfig& config) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    return MakeError("config.syntax", source_name + ":" +
                                          std::to_string(e.source().begin.line) + ": " +
                                          std::string(e.description()));
  }
  for (const auto& [section_key, section_node] : root) {
    if (section_key == "site") {
      if (Status s = LoadSites(section_node, source_name, config); !s) return s;
      continue;
    }
    const auto* section = section_node.as_table();
    if (!section) {
      return MakeError("config.unknown_key",
                       Where(source_name, section_node.source()) + ": key '" +
                           std::string(section_key.str()) +
                           "': expected a section such as [crawl], [politeness], [fetch], [storage], "
                           "[extract], [[site]]" +
                           KeySuggestion("", section_key.str()));
    }
    for (const auto& [key, node] : *section) {
      const std::string full = std::string(section_key.str()) + "." + std::string(key.str());
      const FieldBinding* binding = nullptr;
      for (const auto& b : Bindings()) {
        if (section_key.str() == b.section && key.str() == b.key) binding = &b;
      }
      if (!binding) {
        return MakeError("config.unknown_key",
                         Where(source_name, node.source()) + ": key '" + full + "': unknown key" +
                             KeySuggestion(section_key.str(), key.str()));
      }
      if (std::string problem = binding->read(node, config); !problem.empty()) {
        return MakeError("config.invalid",
                         Where(source_name, node.source()) + ": key '" + full + "': " + problem);
      }
    }
  }
  return Status::Ok();
}

Status LoadConfigFile(const std::string& path, CrawlConfig& config) {
  const std::optional<std::string> text = ReadFileBytes(path);
  if (!text) return MakeError("config.unreadable", path + ": cannot read config file");
  return LoadConfigText(*text, path, config);
}

std::string CheckSeconds(double value) {
  if (!std::isfinite(value) || value < 0 || value > kMaxConfigSeconds) {
    return std::string(kSecondsExpected);
  }
  return "";
}

std::string CheckWholeNumber(std::optional<int64_t> value, uint64_t max) {
  const bool whole_int64_range = max >= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (value && *value >= 0 && static_cast<uint64_t>(*value) <= max) return "";
  if (whole_int64_range) return "expected a whole number >= 0";
  return "expected a whole number >= 0 and <= " + std::to_string(max);
}

std::optional<double> ParseNumberText(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::string SetConfigValueFromText(std::string_view key, std::string_view text,
                                   CrawlConfig& config) {
  const FieldBinding* binding = FindBinding(key);
  if (!binding) return "unknown config key '" + std::string(key) + "'";
  // The text becomes the TOML node a file would hold, so the key's own
  // reader converts and checks it: one validation path for both.
  std::unique_ptr<toml::node> node;
  int64_t whole = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), whole);
  if (ec == std::errc() && end == text.data() + text.size() && !text.empty()) {
    node = std::make_unique<toml::value<int64_t>>(whole);
  } else if (const std::optional<double> number = ParseNumberText(text)) {
    node = std::make_unique<toml::value<double>>(*number);
  } else if (text == "true" || text == "false") {
    node = std::make_unique<toml::value<bool>>(text == "true");
  } else {
    node = std::make_unique<toml::value<std::string>>(std::string(text));
  }
  std::string why = binding->read(*node, config);
  if (!why.empty()) why += ", got " + std::string(text);
  return why;
}

Status ValidateConfig(const CrawlConfig& c) {
  auto bad = [](const std::string& key, const std::string& why) {
    return MakeError("config.invalid", "key '" + key + "': " + why);
  };
  if (c.max_in_flight_per_host < 1) return bad("politeness.max_in_flight_per_host", "must be >= 1");
  if (c.max_connections < 1) return bad("politeness.max_connections", "must be >= 1");
  if (c.adaptive_factor > 100) return bad("politeness.adaptive_factor", "must be 0..100");
  if (c.backoff_max < c.backoff_initial) {
    return bad("politeness.backoff_max", "must be >= politeness.backoff_initial");
  }
  if (c.robots_max_attempts < 1) return bad("politeness.robots_max_attempts", "must be >= 1");
  if (c.robots_ttl <= 0) return bad("politeness.robots_ttl", "must be > 0");
  if (c.max_open_connections != 0 && c.max_open_connections < c.max_connections) {
    return bad("politeness.max_open_connections",
               "must be 0 (twice max_connections) or >= politeness.max_connections (" +
                   std::to_string(c.max_connections) + ")");
  }
  if (c.watch < 0) return bad("crawl.watch", "must be >= 0 seconds (0: no watching)");
  if (c.watch_min_interval < 0) return bad("crawl.watch_min_interval", "must be >= 0");
  if (c.watch_max_interval < 0) return bad("crawl.watch_max_interval", "must be >= 0");
  if (c.watch_min_interval > 0 && c.watch_max_interval > 0 &&
      c.watch_max_interval < c.watch_min_interval) {
    return bad("crawl.watch_max_interval", "must be >= crawl.watch_min_interval");
  }
  if (c.revisit_articles_after < 0) {
    return bad("crawl.revisit_articles_after", "must be >= 0 seconds (0: never)");
  }
  if (c.commit_batch_pages < 1) return bad("storage.commit_batch_pages", "must be >= 1");
  if (c.zstd_level < 1 || c.zstd_level > 19) return bad("storage.zstd_level", "must be 1..19");
  if (c.worker_backlog_mib < 1 || c.worker_backlog_mib > 4096) {
    return bad("storage.worker_backlog_mib", "must be 1..4096");
  }
  if (c.max_redirects > 20) return bad("fetch.max_redirects", "must be <= 20");
  if (c.max_retries > 10) return bad("fetch.max_retries", "must be <= 10");
  if (c.connect_timeout <= 0 || c.read_timeout <= 0 || c.total_timeout <= 0) {
    return bad("fetch.*_timeout", "timeouts must be > 0");
  }
  if (c.max_body_bytes < 1024) return bad("fetch.max_body_bytes", "must be >= 1024");
  // 64 TiB: beyond it the map size in bytes nears what mmap can address.
  if (c.max_store_mib < 1 || c.max_store_mib > (uint64_t{1} << 26)) {
    return bad("storage.max_store_mib", "must be 1..67108864 (64 TiB)");
  }
  if (c.sync_interval_ms < 10 || c.sync_interval_ms > 3'600'000) {
    return bad("storage.sync_interval_ms", "must be 10..3600000");
  }
  for (const auto& role : c.follow_roles) {
    if (role != "headline" && role != "related" && role != "nav" && role != "footer" &&
        role != "other" && role != "external") {
      return bad("crawl.follow_roles",
                 "unknown role '" + role + "' (headline, related, nav, footer, other, external)");
    }
  }
  // The follow filter (frontier/follow_filter.h) compiles these again at
  // start; checking here makes a typo a usage error before any store is made.
  for (const auto* list : {&c.include, &c.exclude}) {
    const std::string key = list == &c.include ? "crawl.include" : "crawl.exclude";
    re2::RE2::Options options;
    options.set_log_errors(false);
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string& pattern = (*list)[i];
      const std::string item = key + "[" + std::to_string(i) + "]";
      if (pattern.empty()) return bad(item, "empty regex (it would match every URL)");
      re2::RE2 re(pattern, options);
      if (!re.ok()) return bad(item, "invalid regex '" + pattern + "': " + re.error());
    }
  }
  for (const auto* list : {&c.allow_hosts, &c.deny_hosts}) {
    const std::string key = list == &c.allow_hosts ? "crawl.allow_hosts" : "crawl.deny_hosts";
    for (size_t i = 0; i < list->size(); ++i) {
      if (std::string why = HostPatternProblem((*list)[i]); !why.empty()) {
        return bad(key + "[" + std::to_string(i) + "]", "'" + (*list)[i] + "': " + why);
      }
    }
  }
  for (size_t i = 0; i < c.sites.size(); ++i) {
    const SiteRules& site = c.sites[i];
    const std::string name = "site[" + std::to_string(i) + "]";
    if (site.host.empty()) return bad(name + ".host", "missing: the host the selectors apply to");
    if (site.headline.empty() && site.related.empty() && site.nav.empty() && site.footer.empty()) {
      return bad(name, "no selector: give headline, related, nav or footer");
    }
    for (size_t j = 0; j < i; ++j) {
      if (c.sites[j].host == site.host) {
        return bad(name + ".host", "'" + site.host + "' already has a [[site]] table");
      }
    }
  }
  return Status::Ok();
}

std::string ConfigToToml(const CrawlConfig& config) {
  toml::table root;
  for (const char* section : {"crawl", "politeness", "fetch", "storage", "extract"}) {
    root.insert_or_assign(section, toml::table{});
  }
  for (const auto& b : Bindings()) b.write(config, root);
  WriteSites(config, root);
  std::ostringstream out;
  out << root;
  return out.str();
}

std::string HostPatternProblem(std::string_view pattern) {
  if (!pattern.empty() && pattern.back() == '.') pattern.remove_suffix(1);
  if (pattern.starts_with("*.")) pattern.remove_prefix(2);
  if (pattern.empty()) return "expected a host name or *.domain";
  for (char ch : pattern) {
    const bool ok = ascii::IsAlnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '[' ||
                    ch == ']' || ch == ':';
    if (!ok) {
      return ch == '*' ? "'*' is only allowed as a leading \"*.\" (\"*.example.org\")"
                       : "expected a host name or *.domain, not a URL or pattern";
    }
  }
  if (pattern.front() == '.' || pattern.find("..") != std::string_view::npos) {
    return "expected a host name or *.domain";
  }
  return "";
}

Result<ResolveOverride> ParseResolveOverride(std::string_view text) {
  auto invalid = [&] {
    return MakeError("config.resolve",
                     "--resolve '" + std::string(text) + "': expected HOST:PORT:ADDR");
  };
  size_t first = text.find(':');
  if (first == std::string_view::npos || first == 0) return invalid();
  size_t second = text.find(':', first + 1);
  if (second == std::string_view::npos) return invalid();
  ResolveOverride r;
  r.host = std::string(text.substr(0, first));
  ascii::LowerInPlace(r.host);
  std::string_view port = text.substr(first + 1, second - first - 1);
  unsigned value = 0;
  auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || ptr != port.data() + port.size() || value == 0 || value > 65535) {
    return invalid();
  }
  r.port = static_cast<uint16_t>(value);
  std::string_view address = text.substr(second + 1);
  if (address.size() >= 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  if (address.empty()) return invalid();
  r.address = std::string(address);
  return r;
}

const char* ScopeModeName(ScopeMode mode) {
  switch (mode) {
    case ScopeMode::kSeedHosts: return "seed-hosts";
    case ScopeMode::kSeedDomains: return "seed-domains";
    case ScopeMode::kAll: return "all";
  }
  return "seed-domains";
}

Result<ScopeMode> ParseScopeMode(std::string_view text) {
  if (text == "seed-hosts") return ScopeMode::kSeedHosts;
  if (text == "seed-domains") return ScopeMode::kSeedDomains;
  if (text == "all") return ScopeMode::kAll;
  return MakeError("config.scope", "scope '" + std::string(text) +
                                       "': expected seed-hosts, seed-domains or all");
}

}  // namespace nc
