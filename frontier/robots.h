#pragma once
// robots.txt parsing and matching (RFC 9309). Pure; a parsed RobotsRules is
// immutable and may be shared between threads.
//
// Parsing follows RFC 9309 and, where the RFC leaves room, Google's reference
// parser (github.com/google/robotstxt): misspelled keys are accepted, the
// product token of a user-agent line is its leading run of [A-Za-z_-], rules
// before the first user-agent line are ignored. Only the rules of the group(s)
// that apply to our product token are kept, precompiled for matching, so
// IsAllowed() (called for every URL the crawler considers) neither re-parses
// nor allocates in the common case.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nc {

class RobotsRules {
 public:
  // RFC 9309 2.5: parsers must read at least 500 KiB; we read exactly that.
  static constexpr size_t kMaxBodyBytes = 500 * 1024;

  // Parses `body` (only the first 500 KiB are read, per RFC 9309 2.5) and
  // keeps the group(s) that apply to `product_token` (case-insensitive),
  // falling back to the `*` group. A full user-agent string is accepted too:
  // only its product token is used (see RobotsProductToken).
  static RobotsRules Parse(std::string_view body, std::string_view product_token);
  // Everything allowed (robots.txt answered 4xx) / disallowed (5xx, network error).
  static RobotsRules AllowAll();
  static RobotsRules DisallowAll();

  // `path_and_query` as sent in the request line ("/a/b?c=d"). /robots.txt is always allowed.
  // An empty argument means "/".
  bool IsAllowed(std::string_view path_and_query) const;
  // Crawl-delay of the chosen group, in seconds. When merged groups give
  // several, the largest (most polite) one.
  std::optional<double> crawl_delay() const { return crawl_delay_; }
  // Every Sitemap: line of the file, in order, whatever group it sits in.
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

  struct Rule {
    std::string pattern;  // percent-encoding normalised; '*' and a final '$' kept
    bool allow = false;
    // Derived from `pattern` once at parse time so matching does not rescan it.
    bool anchored = false;       // pattern ends with '$': the path must end there
    bool wildcard = false;       // pattern contains '*'
    uint32_t literal_bytes = 0;  // bytes other than '*' and the final '$'
  };
  // The rules that IsAllowed applies, in precedence order: longest pattern
  // first, Allow before Disallow on equal length (RFC 9309 2.2.2). For tooling.
  const std::vector<Rule>& rules() const { return rules_; }
  bool disallows_all() const { return disallow_all_; }

 private:
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
  std::vector<std::string> sitemaps_;
  bool disallow_all_ = false;
};

// The product token of a user-agent string or user-agent line value: its
// leading run of [A-Za-z_-] ("newscrawl/1.2 (+https://x)" -> "newscrawl").
std::string_view RobotsProductToken(std::string_view user_agent);

// The path, params and query of `url_or_path` as robots.txt rules see them
// ("https://h/a/b?c#f" -> "/a/b?c", "https://h" -> "/", "/x" -> "/x"), with
// the semantics of Google's GetPathParamsQuery: the fragment is dropped and a
// result that would start with '?' or ';' gets a leading '/'.
std::string RobotsPathOf(std::string_view url_or_path);

// One-shot check with the semantics of Google's robots_main: parse
// `robots_body` for the product token of `user_agent` and match the path of
// `url_or_path`. For tooling; the crawler keeps parsed RobotsRules instead.
bool RobotsAllowed(std::string_view robots_body, std::string_view user_agent,
                   std::string_view url_or_path);

}  // namespace nc
