#pragma once
// Character encoding of an HTML page and its transcoding to UTF-8, so that
// link extraction (anchor text, the headings and class words the role
// heuristics read) always works on UTF-8. The stored body is never changed:
// only the copy handed to extraction is transcoded.
//
// The encoding is taken, first found wins, from (WHATWG HTML 13.2.3.1):
//  1. a byte order mark (UTF-8, UTF-16BE, UTF-16LE);
//  2. the `charset` parameter of Content-Type;
//  3. <meta charset> or <meta http-equiv=Content-Type content="...charset=">
//     in the first 1024 bytes (the prescan of 13.2.3.2);
//  4. detection: bytes that are valid UTF-8 are UTF-8; otherwise uchardet
//     (libuchardet, Debian; measured 10 to 600 times faster than ICU's
//     ucsdet on news pages, with the same answers) guesses;
//  5. windows-1252, the WHATWG default.
// Labels are matched as the Encoding Standard says (case-insensitive, spaces
// trimmed; "latin1", "iso-8859-1" and "us-ascii" mean windows-1252); unknown
// labels are skipped, so the next source decides.
//
// Transcoding uses glibc iconv; bytes that are invalid in the encoding become
// U+FFFD. Pure functions, safe from any thread (each thread caches its own
// iconv descriptors).

#include <cstdint>
#include <string>
#include <string_view>

namespace nc {

enum class CharsetSource : uint8_t { kBom, kContentType, kMeta, kDetected, kDefault };

// "bom", "content-type", "meta", "detected", "default".
std::string_view CharsetSourceName(CharsetSource source);

struct Charset {
  std::string_view name;  // WHATWG name ("UTF-8", "windows-1252", ...); static storage
  CharsetSource source = CharsetSource::kDefault;
};

// The WHATWG name for an encoding label ("Latin1" -> "windows-1252",
// " utf8 " -> "UTF-8"); "" for a label the Encoding Standard does not know.
std::string_view CanonicalCharset(std::string_view label);

// The charset parameter of a Content-Type value, unquoted, not validated;
// "" when there is none.
std::string_view ContentTypeCharsetLabel(std::string_view content_type);

// The encoding named by <meta charset> or <meta http-equiv=content-type> in
// the first 1024 bytes of `html` (WHATWG prescan); "" when none is found.
// UTF-16 declared in a meta means UTF-8 (the page could not have been
// parsed to find it otherwise), as the spec says.
std::string_view PrescanMetaCharset(std::string_view html);

// The encoding of an HTML body served with `content_type`.
Charset SniffHtmlCharset(std::string_view content_type, std::string_view body);

// True when `bytes` is valid UTF-8; a sequence cut by the end of `bytes`
// counts as valid (the body may have been truncated).
bool IsValidUtf8Prefix(std::string_view bytes);

// True when `bytes` in `charset` must be transcoded before extraction: not
// UTF-8, and not plain ASCII in an ASCII-compatible encoding.
bool NeedsTranscoding(std::string_view bytes, std::string_view charset);

// `bytes` in `charset` (a WHATWG name) as UTF-8, a leading BOM dropped;
// invalid or cut sequences become U+FFFD. An encoding iconv does not have
// leaves the bytes as they are.
std::string TranscodeToUtf8(std::string_view bytes, std::string_view charset);

}  // namespace nc
