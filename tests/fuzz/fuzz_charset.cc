// Fuzzes charset sniffing and transcoding (crawler/extract/charset.h). The
// input is a Content-Type value, a newline, then the body. Whatever the
// bytes, the charset found must be one the transcoder knows (or UTF-8), and
// the transcoded text must be valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "crawler/extract/charset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const std::string_view content_type =
      newline == std::string_view::npos ? std::string_view() : input.substr(0, newline);
  const std::string_view body =
      newline == std::string_view::npos ? input : input.substr(newline + 1);
  (void)nc::PrescanMetaCharset(body);
  const nc::Charset charset = nc::SniffHtmlCharset(content_type, body);
  if (charset.name.empty() || nc::CanonicalCharset(charset.name) != charset.name) std::abort();
  if (nc::NeedsTranscoding(body, charset.name)) {
    const std::string utf8 = nc::TranscodeToUtf8(body, charset.name);
    if (!nc::IsValidUtf8Prefix(utf8)) std::abort();
  }
  return 0;
}
