#pragma once
// Text encodings shared by the export writers (storage/export_*.cc): the
// quoting rules of CSV, XML, JSON and DOT, UTF-8 repair, ISO 8601 times,
// base64 and the host of a stored URL. Stored strings (anchor texts,
// headers, titles) come from the web: any byte may occur, so every writer
// repairs invalid UTF-8 (each bad byte becomes U+FFFD) before quoting.
// Pure functions, safe from any thread.

#include <cstdint>
#include <string>
#include <string_view>

namespace nc::storage::export_text {

// Decodes the code point at `text[pos]`; an invalid, overlong or truncated
// sequence, or a surrogate, yields U+FFFD for one byte. Returns the bytes used.
size_t DecodeUtf8(std::string_view text, size_t pos, uint32_t* code_point);
bool IsValidUtf8(std::string_view text);
void AppendUtf8(uint32_t code_point, std::string* dst);

// RFC 4180: quoted when it holds , " CR or LF (a quote doubled), else as is.
void AppendCsvField(std::string_view text, std::string* dst);
// XML 1.0 character data and attribute values: & < > " ' escaped, TAB CR LF
// as character references (attribute normalization would eat them), and the
// characters XML 1.0 cannot carry at all (C0 controls, U+FFFE, U+FFFF) as
// U+FFFD.
void AppendXmlEscaped(std::string_view text, std::string* dst);
// A JSON string, quotes included (RFC 8259).
void AppendJsonString(std::string_view text, std::string* dst);
// A DOT quoted string, quotes included: " and \ escaped, line breaks as \n.
void AppendDotString(std::string_view text, std::string* dst);
// RFC 4648 base64 with padding.
void AppendBase64(std::string_view bytes, std::string* dst);

// "2026-12-05T01:02:03.456Z" (UTC) for ms since the epoch.
std::string IsoTime(int64_t unix_ms);
// The host of an absolute URL as stored (canonical: lower case), without
// user info or port; IPv6 literals keep their brackets. "" when none.
std::string_view UrlHost(std::string_view url);
// `charset=` of a Content-Type value, lower case; "" when absent.
std::string Charset(std::string_view content_type);

}  // namespace nc::storage::export_text
