#pragma once
namespace nc {
inline constexpr const char* kVersion = "0.1.0";
inline constexpr const char* kProjectUrl = "https://github.com/newscrawl/newscrawl";
inline constexpr const char* kDefaultUserAgent =
    "newscrawl/0.1.0 (+https://github.com/newscrawl/newscrawl)";
// Product token matched against robots.txt user-agent lines (RFC 9309 2.2.1).
inline constexpr const char* kRobotsProductToken = "newscrawl";
}  // namespace nc
