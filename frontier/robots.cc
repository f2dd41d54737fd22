#include "frontier/robots.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "common/ascii.h"
#include "frontier/robots_match.h"

namespace nc {
namespace {

enum class Key { kUserAgent, kAllow, kDisallow, kCrawlDelay, kSitemap, kUnknown };

// Lines are split at CR and LF before these run, so only SPACE, TAB, VT and
// FF can occur inside one.
using ascii::IsSpace;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

using ascii::EqualsIgnoreCase;

bool KeyIsOneOf(std::string_view key, std::initializer_list<std::string_view> spellings) {
  return std::any_of(spellings.begin(), spellings.end(),
                     [key](std::string_view s) { return EqualsIgnoreCase(key, s); });
}

// Misspellings accepted as Google's parser does: robots.txt files are written
// by hand, and a typo in "Disallow" should not open a site up.
Key ClassifyKey(std::string_view key) {
  if (KeyIsOneOf(key, {"user-agent", "useragent", "user agent"})) return Key::kUserAgent;
  if (KeyIsOneOf(key, {"allow"})) return Key::kAllow;
  if (KeyIsOneOf(key, {"disallow", "dissallow", "dissalow", "disalow", "diasllow", "disallaw"})) {
    return Key::kDisallow;
  }
  if (KeyIsOneOf(key, {"crawl-delay", "crawldelay", "crawl delay"})) return Key::kCrawlDelay;
  if (KeyIsOneOf(key, {"sitemap", "site-map"})) return Key::kSitemap;
  return Key::kUnknown;
}

// Splits "key: value" (both trimmed). Like Google's parser, a line without a
// colon whose text is exactly two words ("Disallow /x", "User-agent foo")
// reads as "key: value": whoever wrote "Disallow /x" meant it, and ignoring
// the line would crawl what the site asked us not to. The caller still
// ignores keys it does not know; any other line without a colon is no rule.
bool SplitKeyAndValue(std::string_view line, std::string_view& key, std::string_view& value) {
  if (const size_t colon = line.find(':'); colon != std::string_view::npos) {
    key = Trim(line.substr(0, colon));
    value = Trim(line.substr(colon + 1));
    return true;
  }
  line = Trim(line);
  constexpr std::string_view kBlank = " \t";
  const size_t blank = line.find_first_of(kBlank);
  if (blank == std::string_view::npos) return false;
  key = line.substr(0, blank);
  value = Trim(line.substr(blank));
  return value.find_first_of(kBlank) == std::string_view::npos;
}

// "*" alone or followed by whitespace (Google also reads "* foo" as global).
bool IsGlobalAgent(std::string_view value) {
  return !value.empty() && value[0] == '*' && (value.size() == 1 || IsSpace(value[1]));
}

// Decimal seconds; a trailing unit or junk after the number is tolerated so
// that "Crawl-delay: 10s" still slows us down. Negative, NaN and infinite are
// rejected.
std::optional<double> ParseCrawlDelay(std::string_view value) {
  double seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || end == value.data() || !std::isfinite(seconds) || seconds < 0) {
    return std::nullopt;
  }
  return seconds;
}

// Rules and crawl-delay collected for one side (our token, or '*').
struct Collected {
  std::vector<RobotsRules::Rule> rules;
  std::optional<double> crawl_delay;

  void AddCrawlDelay(double seconds) {
    crawl_delay = crawl_delay ? std::max(*crawl_delay, seconds) : seconds;
  }
};

std::string_view SkipBom(std::string_view body) {
  // Like Google's parser, also skip a BOM cut short by a truncated body.
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  size_t i = 0;
  while (i < kBom.size() && i < body.size() && body[i] == kBom[i]) ++i;
  return body.substr(i);
}

// Longest pattern first, Allow first among equals: IsAllowed then stops at the
// first rule that matches, which is the one RFC 9309 2.2.2 selects.
void SortByPrecedence(std::vector<RobotsRules::Rule>& rules) {
  std::sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) {
    if (a.pattern.size() != b.pattern.size()) return a.pattern.size() > b.pattern.size();
    if (a.allow != b.allow) return a.allow;
    return a.pattern < b.pattern;
  });
  // Merged groups often repeat rules; a repeat can never be the first match.
  rules.erase(std::unique(rules.begin(), rules.end(),
                          [](const auto& a, const auto& b) {
                            return a.allow == b.allow && a.pattern == b.pattern;
                          }),
              rules.end());
}

}  // namespace

std::string_view RobotsProductToken(std::string_view user_agent) {
  user_agent = Trim(user_agent);
  size_t n = 0;
  while (n < user_agent.size()) {
    const char c = user_agent[n];
    if (!(ascii::IsAlpha(c) || c == '_' || c == '-')) break;
    ++n;
  }
  return user_agent.substr(0, n);
}

RobotsRules RobotsRules::Parse(std::string_view body, std::string_view product_token) {
  const std::string_view token = RobotsProductToken(product_token);
  body = SkipBom(body.substr(0, std::min(body.size(), kMaxBodyBytes)));

  RobotsRules result;
  Collected specific;
  Collected global;
  bool specific_group_seen = false;  // a group for our token exists, even an empty one
  // Group state: a run of user-agent lines opens a group; the first member
  // line (Allow, Disallow, Crawl-delay) closes the run, so the next
  // user-agent line starts a new group.
  bool in_group = false;
  bool members_started = false;
  bool group_is_ours = false;
  bool group_is_global = false;

  size_t pos = 0;
  while (pos < body.size()) {
    // CR, LF and CRLF all end a line; CRLF yields an empty line in between,
    // which is ignored like any blank line (blank lines do not end groups).
    const size_t eol = body.find_first_of("\r\n", pos);
    std::string_view line = body.substr(pos, eol == std::string_view::npos ? eol : eol - pos);
    pos = eol == std::string_view::npos ? body.size() : eol + 1;

    line = line.substr(0, line.find('#'));
    std::string_view key_text;
    std::string_view value;
    if (!SplitKeyAndValue(line, key_text, value)) continue;
    const Key key = ClassifyKey(key_text);

    switch (key) {
      case Key::kUserAgent: {
        if (members_started || !in_group) {
          in_group = true;
          members_started = false;
          group_is_ours = group_is_global = false;
        }
        if (IsGlobalAgent(value)) {
          group_is_global = true;
        } else {
          const std::string_view agent = RobotsProductToken(value);
          if (!agent.empty() && EqualsIgnoreCase(agent, token)) {
            group_is_ours = specific_group_seen = true;
          }
        }
        break;
      }
      case Key::kAllow:
      case Key::kDisallow: {
        if (!in_group) break;  // rules before the first user-agent belong to no group
        members_started = true;
        // An empty value matches nothing (an empty Disallow allows all).
        if (value.empty() || !(group_is_ours || group_is_global)) break;
        Rule rule = CompileRobotsRule(value, key == Key::kAllow);
        if (group_is_ours) specific.rules.push_back(rule);
        if (group_is_global) global.rules.push_back(std::move(rule));
        break;
      }
      case Key::kCrawlDelay: {
        if (!in_group) break;
        members_started = true;
        if (const auto delay = ParseCrawlDelay(value)) {
          if (group_is_ours) specific.AddCrawlDelay(*delay);
          if (group_is_global) global.AddCrawlDelay(*delay);
        }
        break;
      }
      case Key::kSitemap:
        if (!value.empty()) result.sitemaps_.emplace_back(value);
        break;
      case Key::kUnknown:
        break;
    }
  }

  // RFC 9309 2.2.1: the '*' group applies only if no group names us.
  Collected& chosen = specific_group_seen ? specific : global;
  result.rules_ = std::move(chosen.rules);
  result.crawl_delay_ = chosen.crawl_delay;
  SortByPrecedence(result.rules_);
  return result;
}

RobotsRules RobotsRules::AllowAll() { return RobotsRules(); }

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules rules;
  rules.disallow_all_ = true;
  return rules;
}

bool RobotsRules::IsAllowed(std::string_view path_and_query) const {
  if (path_and_query.empty()) path_and_query = "/";
  std::string_view normalized = path_and_query;
  if (!IsNormalizedRobotsText(path_and_query)) {
    // Reused per thread: after warm-up, normalising allocates nothing.
    thread_local std::string buffer;
    buffer.clear();
    AppendNormalizedRobotsText(path_and_query, buffer);
    normalized = buffer;
  }
  // RFC 9309 2.2.2: the robots.txt file itself is always allowed (in any spelling).
  if (normalized.substr(0, normalized.find('?')) == "/robots.txt") return true;
  if (disallow_all_) return false;
  for (const Rule& rule : rules_) {
    if (RobotsRuleMatches(rule, normalized)) return rule.allow;
  }
  return true;
}

std::string RobotsPathOf(std::string_view url) {
  // A port of Google's GetPathParamsQuery (robots.cc), so that RobotsAllowed
  // answers like robots_main for the same inputs.
  constexpr auto npos = std::string_view::npos;
  size_t search_start = 0;
  if (url.size() >= 2 && url[0] == '/' && url[1] == '/') search_start = 2;  // "//host/path"
  const size_t early_path = url.find_first_of("/?;", search_start);
  size_t protocol_end = url.find("://", search_start);
  if (early_path < protocol_end) protocol_end = npos;  // "://" inside the path is no scheme
  protocol_end = protocol_end == npos ? search_start : protocol_end + 3;

  const size_t path_start = url.find_first_of("/?;", protocol_end);
  if (path_start == npos) return "/";
  const size_t hash = url.find('#', search_start);
  if (hash < path_start) return "/";
  const size_t path_end = hash == npos ? url.size() : hash;
  std::string path;
  if (url[path_start] != '/') path.push_back('/');
  path.append(url.substr(path_start, path_end - path_start));
  return path;
}

bool RobotsAllowed(std::string_view robots_body, std::string_view user_agent,
                   std::string_view url_or_path) {
  return RobotsRules::Parse(robots_body, RobotsProductToken(user_agent))
      .IsAllowed(RobotsPathOf(url_or_path));
}

}  // namespace nc
