#include "crawler/fetch/http_target.h"

#include <boost/asio/ip/address.hpp>

#include "common/ascii.h"
#include "common/url_parts.h"

namespace nc {
namespace {

Error Invalid(std::string_view url, std::string_view why) {
  return MakeError("url.invalid", "invalid url '" + std::string(url) + "': " + std::string(why));
}

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

}  // namespace

Result<HttpTarget> ParseHttpTarget(std::string_view url) {
  HttpTarget t;
  const UrlParts parts = SplitUrl(url);
  if (ascii::EqualsIgnoreCase(parts.scheme, "https")) {
    t.https = true;
  } else if (!ascii::EqualsIgnoreCase(parts.scheme, "http")) {
    return Invalid(url, "not an absolute http or https URL");
  }
  for (char c : url) {
    // Bytes that would split or corrupt the request line.
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return Invalid(url, "control character or space");
    }
  }

  std::string_view authority = parts.authority;
  // Credentials are never sent: the crawler fetches public pages.
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }

  std::string_view host;
  std::string_view port_text;
  bool ipv6 = false;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return Invalid(url, "unterminated IPv6 address");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Invalid(url, "junk after IPv6 address");
      port_text = after.substr(1);
    }
    ipv6 = true;
  } else {
    size_t colon = authority.rfind(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (host.empty()) return Invalid(url, "empty host");

  t.port = t.https ? 443 : 80;
  if (!port_text.empty()) {
    uint32_t port = 0;
    for (char c : port_text) {
      if (c < '0' || c > '9') return Invalid(url, "port is not a number");
      port = port * 10 + static_cast<uint32_t>(c - '0');
      if (port > 65535) return Invalid(url, "port out of range");
    }
    if (port == 0) return Invalid(url, "port 0");
    t.port = static_cast<uint16_t>(port);
  }

  t.host.reserve(host.size());
  for (char c : host) t.host.push_back(ascii::ToLower(c));
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(t.host, ec);
  if (ipv6 && (ec || !address.is_v6())) return Invalid(url, "bad IPv6 address");
  t.host_is_ip = !ec;
  if (!t.host_is_ip) {
    for (char c : t.host) {
      if (!IsHostChar(c)) return Invalid(url, "bad character in host");
    }
  }

  t.host_header = ipv6 ? "[" + t.host + "]" : t.host;
  if (t.port != (t.https ? 443 : 80)) t.host_header += ":" + std::to_string(t.port);
  t.origin = std::string(t.https ? "https://" : "http://") + (ipv6 ? "[" + t.host + "]" : t.host) +
             ":" + std::to_string(t.port);

  if (parts.target.empty() || parts.target.front() == '?') t.target = "/";
  t.target.append(parts.target);
  return t;
}

}  // namespace nc
