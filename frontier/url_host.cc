// Hosts of http(s) URLs, as WHATWG writes them (frontier/url_host.h).

#include "frontier/url_host.h"

#include <idn2.h>

#include <algorithm>
#include <array>
#include <boost/url/ipv6_address.hpp>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

#include "frontier/url_bytes.h"

namespace nc::url_detail {
namespace {

using ascii::HexDigitValue;
using ascii::ToLower;

// WHATWG IPv4 number: decimal, 0x-hex or 0-octal; nullopt if not a number.
std::optional<uint64_t> ParseIpv4Number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int radix = 10;
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    radix = 16;
    s.remove_prefix(2);
  } else if (s.size() >= 2 && s[0] == '0') {
    radix = 8;
    s.remove_prefix(1);
  }
  uint64_t value = 0;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (radix == 16 && Is(c, kHexDigit)) {
      d = HexDigitValue(c);
    } else {
      return std::nullopt;
    }
    if (d >= radix) return std::nullopt;
    value = value * radix + d;
    if (value > (1ull << 32)) value = (1ull << 32) + 1;  // saturate: too large either way
  }
  return value;
}

// True when the last label is a number, which makes the host an IPv4
// address in WHATWG terms ("http://0x7f.1/" is 127.0.0.1).
bool EndsInNumber(std::string_view host) {
  const size_t dot = host.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  if (std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return true;
  }
  return ParseIpv4Number(last).has_value();
}

bool ParseIpv4(std::string_view host, std::string& out) {
  uint64_t parts[4];
  size_t n = 0;
  size_t i = 0;
  for (;;) {
    const size_t dot = host.find('.', i);
    const std::string_view part = host.substr(i, dot == host.npos ? host.npos : dot - i);
    if (n == 4) return false;
    auto value = ParseIpv4Number(part);
    if (!value) return false;
    parts[n++] = *value;
    if (dot == host.npos) break;
    i = dot + 1;
  }
  for (size_t k = 0; k + 1 < n; ++k) {
    if (parts[k] > 255) return false;
  }
  if (parts[n - 1] >= (1ull << (8 * (5 - n)))) return false;
  uint64_t address = parts[n - 1];
  for (size_t k = 0; k + 1 < n; ++k) address += parts[k] << (8 * (3 - k));
  out.clear();
  for (int shift = 24; shift >= 0; shift -= 8) {
    out += std::to_string((address >> shift) & 255);
    if (shift) out.push_back('.');
  }
  return true;
}

// ---- IDN ----

// Maps a non-ASCII host to its ASCII form with libidn2: UTS #46 mapping
// (lower-case, NFKC-like folding, U+3002 as a dot), IDNA2008 validity, then
// Punycode per label. Non-transitional first, as current browsers do ("ß"
// stays "ß"); hosts that only the transitional rules accept (symbols such as
// U+2603, or a ZWJ outside its allowed context) fall back to them, as
// browsers did for years, so links that work in a browser are not lost.
Status HostToAscii(std::string& host) {
  // c_str() would silently cut the host at a NUL that came from "%00".
  if (host.find('\0') != std::string::npos) {
    return UrlError("url.invalid_host", "host " + Quote(host) + " contains a NUL byte");
  }
  char* out = nullptr;
  int rc = idn2_to_ascii_8z(host.c_str(), &out, IDN2_NONTRANSITIONAL);
  if (rc != IDN2_OK) {
    std::free(out);
    out = nullptr;
    const int transitional_rc = idn2_to_ascii_8z(host.c_str(), &out, IDN2_TRANSITIONAL);
    if (transitional_rc == IDN2_OK) rc = IDN2_OK;
  }
  if (rc != IDN2_OK || out == nullptr) {
    std::free(out);
    return UrlError("url.invalid_host",
                    std::string(idn2_strerror(rc)) + " (host " + Quote(host) + ")");
  }
  host = out;
  idn2_free(out);
  return Status::Ok();
}

// "[...]" as WHATWG writes an IPv6 address: lower-case hex, the first longest
// run of two or more zero pieces as "::" (Boost.URL also folds a single zero
// piece, and writes IPv4-mapped addresses in dotted form).
std::string SerializeIpv6(const std::array<unsigned char, 16>& bytes) {
  uint16_t pieces[8];
  for (int i = 0; i < 8; ++i)
    pieces[i] = static_cast<uint16_t>(bytes[2 * i] << 8 | bytes[2 * i + 1]);
  int best_start = -1, best_length = 1;
  for (int i = 0; i < 8;) {
    int j = i;
    while (j < 8 && pieces[j] == 0) ++j;
    if (j - i > best_length) {
      best_start = i;
      best_length = j - i;
    }
    i = j == i ? i + 1 : j;
  }
  std::string out = "[";
  for (int i = 0; i < 8; ++i) {
    if (i == best_start) {
      out += i == 0 ? "::" : ":";
      i += best_length - 1;
      continue;
    }
    char piece[5];
    const auto [end, ec] = std::to_chars(piece, piece + sizeof piece, pieces[i], 16);
    out.append(piece, end);
    if (i < 7) out.push_back(':');
  }
  out.push_back(']');
  return out;
}

}  // namespace

// Turns the raw host of an http(s) URL into its canonical form in place:
// percent-decoded, IDN to ASCII, lower-case, IPv4 in dotted decimal, one
// trailing dot removed, then checked to be a plausible DNS name.
Status CanonicalizeHost(std::string_view raw, std::string& host) {
  if (raw.empty()) return UrlError("url.invalid_host", "empty host");
  if (raw[0] == '[') {
    if (raw.back() != ']') return UrlError("url.invalid_host", "bad IPv6 literal " + Quote(raw));
    auto v6 = boost::urls::parse_ipv6_address(raw.substr(1, raw.size() - 2));
    if (!v6) return UrlError("url.invalid_host", "bad IPv6 literal " + Quote(raw));
    host = SerializeIpv6(v6->to_bytes());
    return Status::Ok();
  }
  host.clear();
  bool ascii = true;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (DecodeEscapeAt(raw, i, c)) i += 2;
    if (c & 0x80) ascii = false;
    host.push_back(ToLower(c));
  }
  if (!ascii) {
    if (Status s = HostToAscii(host); !s.ok()) return s;
  }
  if (!host.empty() && host.back() == '.') host.pop_back();
  if (host.empty()) return UrlError("url.invalid_host", "empty host in " + Quote(raw));
  for (char c : host) {
    if (!Is(c, kHostChar)) {
      return UrlError("url.invalid_host",
                      "host " + Quote(raw) + " contains a character not allowed in a host name");
    }
  }
  if (EndsInNumber(host)) {
    std::string dotted;
    if (!ParseIpv4(host, dotted))
      return UrlError("url.invalid_host", "bad IPv4 address " + Quote(raw));
    host = std::move(dotted);
    return Status::Ok();
  }
  constexpr size_t kMaxHost = 253;
  constexpr size_t kMaxLabel = 63;
  if (host.size() > kMaxHost)
    return UrlError("url.invalid_host", "host name longer than 253 bytes");
  size_t label_start = 0;
  for (size_t i = 0; i <= host.size(); ++i) {
    if (i == host.size() || host[i] == '.') {
      const size_t len = i - label_start;
      if (len == 0) return UrlError("url.invalid_host", "empty label in host " + Quote(raw));
      if (len > kMaxLabel)
        return UrlError("url.invalid_host", "label longer than 63 bytes in host " + Quote(raw));
      label_start = i + 1;
    }
  }
  return Status::Ok();
}

}  // namespace nc::url_detail
