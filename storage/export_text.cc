#include "storage/export_text.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "common/ascii.h"

namespace nc::storage::export_text {
namespace {

constexpr uint32_t kReplacement = 0xFFFD;

bool IsXmlChar(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// Calls `fn(code_point)` for each code point of `text`, each invalid byte
// as U+FFFD (DecodeUtf8): the repair every quoting rule below starts from.
template <class Fn>
void ForEachCodePoint(std::string_view text, Fn&& fn) {
  for (size_t i = 0; i < text.size();) {
    uint32_t c = 0;
    i += DecodeUtf8(text, i, &c);
    fn(c);
  }
}

}  // namespace

size_t DecodeUtf8(std::string_view text, size_t pos, uint32_t* code_point) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  const uint8_t b0 = byte(pos);
  *code_point = kReplacement;
  if (b0 < 0x80) {
    *code_point = b0;
    return 1;
  }
  size_t length = 0;
  uint32_t value = 0, min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2, value = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, value = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, value = b0 & 0x07, min = 0x10000;
  } else {
    return 1;
  }
  if (pos + length > text.size()) return 1;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 1;
    value = (value << 6) | (byte(pos + i) & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 1;
  *code_point = value;
  return length;
}

bool IsValidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    uint32_t c = 0;
    size_t n = DecodeUtf8(text, i, &c);
    if (c == kReplacement && !(n == 3 && text.substr(i, 3) == "\xEF\xBF\xBD")) return false;
    i += n;
  }
  return true;
}

void AppendUtf8(uint32_t c, std::string* dst) {
  if (c < 0x80) {
    dst->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    dst->push_back(static_cast<char>(0xC0 | (c >> 6)));
    dst->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    dst->push_back(static_cast<char>(0xE0 | (c >> 12)));
    dst->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    dst->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    dst->push_back(static_cast<char>(0xF0 | (c >> 18)));
    dst->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    dst->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    dst->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

void AppendCsvField(std::string_view text, std::string* dst) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (quote) dst->push_back('"');
  ForEachCodePoint(text, [dst](uint32_t c) {
    if (c == '"') dst->push_back('"');
    AppendUtf8(c, dst);
  });
  if (quote) dst->push_back('"');
}

void AppendXmlEscaped(std::string_view text, std::string* dst) {
  ForEachCodePoint(text, [dst](uint32_t c) {
    switch (c) {
      case '&': dst->append("&amp;"); break;
      case '<': dst->append("&lt;"); break;
      case '>': dst->append("&gt;"); break;
      case '"': dst->append("&quot;"); break;
      case '\'': dst->append("&apos;"); break;
      case '\t': dst->append("&#9;"); break;
      case '\n': dst->append("&#10;"); break;
      case '\r': dst->append("&#13;"); break;
      default: AppendUtf8(IsXmlChar(c) ? c : kReplacement, dst);
    }
  });
}

void AppendJsonString(std::string_view text, std::string* dst) {
  dst->push_back('"');
  ForEachCodePoint(text, [dst](uint32_t c) {
    switch (c) {
      case '"': dst->append("\\\""); break;
      case '\\': dst->append("\\\\"); break;
      case '\n': dst->append("\\n"); break;
      case '\r': dst->append("\\r"); break;
      case '\t': dst->append("\\t"); break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          dst->append(buf);
        } else {
          AppendUtf8(c, dst);
        }
    }
  });
  dst->push_back('"');
}

void AppendDotString(std::string_view text, std::string* dst) {
  dst->push_back('"');
  ForEachCodePoint(text, [dst](uint32_t c) {
    if (c == '"' || c == '\\') {
      dst->push_back('\\');
      dst->push_back(static_cast<char>(c));
    } else if (c == '\n' || c == '\r') {
      dst->append("\\n");
    } else {
      AppendUtf8(c < 0x20 ? ' ' : c, dst);
    }
  });
  dst->push_back('"');
}

void AppendBase64(std::string_view bytes, std::string* dst) {
  constexpr size_t kChunk = 3 * 1024;  // a multiple of 3: no padding inside
  unsigned char out[4 * kChunk / 3 + 1];
  for (size_t pos = 0; pos < bytes.size(); pos += kChunk) {
    const size_t n = std::min(kChunk, bytes.size() - pos);
    const int written = EVP_EncodeBlock(
        out, reinterpret_cast<const unsigned char*>(bytes.data() + pos), static_cast<int>(n));
    dst->append(reinterpret_cast<const char*>(out), static_cast<size_t>(written));
  }
}

std::string IsoTime(int64_t unix_ms) {
  const time_t seconds = static_cast<time_t>(unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000);
  const int ms = static_cast<int>(unix_ms - static_cast<int64_t>(seconds) * 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

std::string_view UrlHost(std::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') {
    const size_t close = rest.find(']');
    return close == std::string_view::npos ? rest : rest.substr(0, close + 1);
  }
  return rest.substr(0, rest.find(':'));
}

std::string Charset(std::string_view content_type) {
  const std::string lower = ascii::ToLower(content_type);
  const size_t key = lower.find("charset=");
  if (key == std::string::npos) return {};
  std::string value = lower.substr(key + 8);
  value = value.substr(0, value.find_first_of("; \t"));
  value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
  return value;
}

}  // namespace nc::storage::export_text
