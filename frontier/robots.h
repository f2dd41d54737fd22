#pragma once
// robots.txt parsing and matching (RFC 9309). Pure; a parsed RobotsRules is
// immutable and may be shared between threads.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nc {

class RobotsRules {
 public:
  // Parses `body` (only the first 500 KiB are read, per RFC 9309 2.5) and
  // keeps the group(s) that apply to `product_token` (case-insensitive),
  // falling back to the `*` group.
  static RobotsRules Parse(std::string_view body, std::string_view product_token);
  // Everything allowed (robots.txt answered 4xx) / disallowed (5xx, network error).
  static RobotsRules AllowAll();
  static RobotsRules DisallowAll();

  // `path_and_query` as sent in the request line ("/a/b?c=d"). /robots.txt is always allowed.
  bool IsAllowed(std::string_view path_and_query) const;
  // Crawl-delay of the chosen group, in seconds.
  std::optional<double> crawl_delay() const { return crawl_delay_; }
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

  struct Rule {
    std::string pattern;  // percent-encoding normalised
    bool allow = false;
  };

 private:
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
  std::vector<std::string> sitemaps_;
  bool disallow_all_ = false;
};

}  // namespace nc
