#pragma once
// A small writer of JSON text for the observe module's outputs (status
// JSON, stats lines, events.jsonl): strings escaped per RFC 8259, numbers
// finite. Pure, any thread.

#include <cstdint>
#include <string>
#include <string_view>

namespace nc::observe {

// `text` as a JSON string literal, quotes included. Bytes below 0x20, '"'
// and '\' are escaped; other bytes pass through (URLs and reasons are
// ASCII or UTF-8).
std::string JsonQuote(std::string_view text);
// The same, appended to `out` (no string of its own).
void AppendJsonQuoted(std::string& out, std::string_view text);
// A finite number with `decimals` decimals as printf's "%.*f" writes it
// (NaN and infinities: 0; at most 17 decimals).
std::string JsonNumber(double value, int decimals = 3);
void AppendJsonNumber(std::string& out, double value, int decimals = 3);

// Builds one JSON object, member by member.
// `items` as a JSON array, each item's JSON text from `render(item)`.
template <class Items, class Render>
std::string JsonArray(const Items& items, Render render) {
  std::string out = "[";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += render(item);
  }
  out += ']';
  return out;
}

class JsonObject {
 public:
  JsonObject& Add(std::string_view key, std::string_view value);
  JsonObject& Add(std::string_view key, const char* value) {
    return Add(key, std::string_view(value));
  }
  JsonObject& Add(std::string_view key, uint64_t value);
  JsonObject& Add(std::string_view key, int64_t value);
  JsonObject& Add(std::string_view key, int value) { return Add(key, static_cast<int64_t>(value)); }
  JsonObject& Add(std::string_view key, double value, int decimals = 3);
  JsonObject& Add(std::string_view key, bool value);
  // `json` is already JSON text (an object, an array, null).
  JsonObject& AddRaw(std::string_view key, std::string_view json);
  std::string Done() { return text_ + "}"; }

 private:
  void Key(std::string_view key);
  std::string text_ = "{";
};

}  // namespace nc::observe
