#include "tests/bench/eval_common.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace nc::bench {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Normalize(std::string_view text, bool lower) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    size_t skip = 0;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      skip = 1;
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      skip = 2;
    } else if (c == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xAF ||
                static_cast<unsigned char>(text[i + 2]) == 0x89)) {
      skip = 3;
    }
    if (skip) {
      space = true;
      i += skip - 1;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(lower && c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c));
  }
  return out;
}

std::string JsonString(const boost::json::object& o, const char* key) {
  if (const auto* v = o.if_contains(key); v && v->is_string()) return std::string(v->get_string());
  return {};
}

std::vector<std::string> JsonStrings(const boost::json::object& o, const char* key) {
  std::vector<std::string> out;
  if (const auto* v = o.if_contains(key); v && v->is_array()) {
    for (const auto& item : v->get_array()) {
      if (item.is_string()) out.emplace_back(item.get_string());
    }
  }
  return out;
}

fs::path FindEvalData(const std::string& flag, const char* env, const char* folder,
                      const char* marker) {
  if (!flag.empty()) return flag;
  if (const char* value = std::getenv(env); value && *value) return value;
  for (fs::path dir = NEWSCRAWL_SOURCE_DIR; !dir.empty(); dir = dir.parent_path()) {
    fs::path candidate = dir / "testdata-local" / folder;
    if (*marker ? fs::exists(candidate / marker) : fs::is_directory(candidate)) return candidate;
    if (dir == dir.parent_path()) break;
  }
  return {};
}

void Floors::Check(const char* what, double value, double floor) {
  if (value + 1e-9 >= floor) return;
  std::printf("%s %.3f is below the floor %.3f\n", what, value, floor);
  below_ = true;
}

fs::path FindEvalDataOrSkip(const std::string& flag, const EvalDataPlace& place) {
  fs::path data = FindEvalData(flag, place.env, place.folder, place.marker);
  const bool found =
      !data.empty() && (*place.marker ? fs::exists(data / place.marker) : fs::is_directory(data));
  if (found) return data;
  std::cout << place.tool << ": no " << place.what << " (set " << place.env << " or run "
            << place.script << "); skipped\n";
  return {};
}

}  // namespace nc::bench
