#include "crawler/observe/json_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace nc::observe {

namespace {

// Bytes a JSON string cannot hold as they are.
inline bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

}  // namespace

void AppendJsonQuoted(std::string& out, std::string_view text) {
  out += '"';
  // Runs of bytes that need no escape are appended whole: one crawl writes
  // two quoted strings a page to events.jsonl on the network thread, and
  // appending byte by byte cost ~35 instructions a byte (callgrind).
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!NeedsEscape(c)) continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
        out.append(escaped, sizeof escaped);
      }
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

std::string JsonQuote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  AppendJsonQuoted(out, text);
  return out;
}

void AppendJsonNumber(std::string& out, double value, int decimals) {
  if (!std::isfinite(value)) value = 0;
  // What printf("%.*f") gives (std::to_chars with a precision is specified
  // so), without printf's format parsing and locale (~2,400 instructions a
  // number before).
  char buf[350];  // the longest %f of a finite double: 309 digits and the decimals
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed,
                                       std::clamp(decimals, 0, 17));
  if (ec == std::errc()) out.append(buf, end);
}

std::string JsonNumber(double value, int decimals) {
  std::string out;
  AppendJsonNumber(out, value, decimals);
  return out;
}

void JsonObject::Key(std::string_view key) {
  if (text_.size() > 1) text_ += ',';
  text_ += JsonQuote(key);
  text_ += ':';
}

JsonObject& JsonObject::Add(std::string_view key, std::string_view value) {
  Key(key);
  text_ += JsonQuote(value);
  return *this;
}

JsonObject& JsonObject::Add(std::string_view key, uint64_t value) {
  Key(key);
  text_ += std::to_string(value);
  return *this;
}

JsonObject& JsonObject::Add(std::string_view key, int64_t value) {
  Key(key);
  text_ += std::to_string(value);
  return *this;
}

JsonObject& JsonObject::Add(std::string_view key, double value, int decimals) {
  Key(key);
  text_ += JsonNumber(value, decimals);
  return *this;
}

JsonObject& JsonObject::Add(std::string_view key, bool value) {
  Key(key);
  text_ += value ? "true" : "false";
  return *this;
}

JsonObject& JsonObject::AddRaw(std::string_view key, std::string_view json) {
  Key(key);
  text_ += json;
  return *this;
}

}  // namespace nc::observe
