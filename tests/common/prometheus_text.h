#pragma once
// A strict parser of the Prometheus text exposition format 0.0.4, for tests
// of /metrics. Stricter than a scraper: it reports as an error anything the
// format does not allow and anything that makes a family ill-formed:
//  - metric and label names outside [a-zA-Z_:][a-zA-Z0-9_:]* / [a-zA-Z_][a-zA-Z0-9_]*;
//  - label values with escapes other than \\ \" \n, unterminated quotes;
//  - values that are not Go floats (NaN, +Inf, -Inf allowed);
//  - TYPE after a family's first sample, two TYPE or HELP lines for a name,
//    a type not in counter|gauge|histogram|summary|untyped;
//  - a family whose samples are not contiguous, a duplicate series;
//  - a sample without a TYPE line (we declare every family);
//  - negative counters; histograms whose buckets are not cumulative, whose
//    le labels are not increasing, lack le="+Inf", or whose +Inf bucket
//    differs from _count;
//  - text that does not end with a line feed.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace nc::testing {

struct PrometheusSample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct PrometheusText {
  std::map<std::string, std::string> types;  // family -> type
  std::vector<PrometheusSample> samples;
  std::vector<std::string> errors;  // empty: valid

  // The value of one series; nullopt when absent.
  std::optional<double> Value(const std::string& name,
                              const std::map<std::string, std::string>& labels = {}) const {
    for (const auto& s : samples) {
      if (s.name == name && s.labels == labels) return s.value;
    }
    return std::nullopt;
  }
};

namespace prometheus_detail {

inline bool IsNameStart(char c, bool colon) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
}
inline bool IsNameChar(char c, bool colon) {
  return IsNameStart(c, colon) || (c >= '0' && c <= '9');
}

inline bool ValidName(const std::string& name, bool colon) {
  if (name.empty() || !IsNameStart(name[0], colon)) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return IsNameChar(c, colon); });
}

inline std::optional<double> ParseFloat(const std::string& text) {
  if (text == "NaN") return std::nan("");
  if (text == "+Inf") return HUGE_VAL;
  if (text == "-Inf") return -HUGE_VAL;
  if (text.empty()) return std::nullopt;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
      return std::nullopt;
    }
  }
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

// The family a sample belongs to: histogram samples end in _bucket, _sum, _count.
inline std::string FamilyOf(const std::string& name,
                            const std::map<std::string, std::string>& types) {
  if (types.count(name)) return name;
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string s = suffix;
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
      std::string base = name.substr(0, name.size() - s.size());
      auto it = types.find(base);
      if (it != types.end() && (it->second == "histogram" || it->second == "summary")) return base;
    }
  }
  return name;
}

}  // namespace prometheus_detail

inline PrometheusText ParsePrometheusText(const std::string& text) {
  using namespace prometheus_detail;
  PrometheusText out;
  auto fail = [&](size_t line_no, const std::string& why) {
    out.errors.push_back("line " + std::to_string(line_no) + ": " + why);
  };
  if (text.empty() || text.back() != '\n') out.errors.push_back("text does not end with \\n");
  std::set<std::string> helps, families_done, series;
  std::string current_family;
  std::istringstream lines(text);
  std::string line;
  size_t line_no = 0;
  while (std::getline(lines, line)) {
    ++line_no;
    if (line.empty()) continue;
    if (line[0] == '#') {
      std::istringstream words(line.substr(1));
      std::string keyword, name;
      words >> keyword >> name;
      if (keyword != "HELP" && keyword != "TYPE") continue;  // a plain comment
      if (!ValidName(name, true)) fail(line_no, "bad metric name '" + name + "'");
      if (keyword == "HELP") {
        if (!helps.insert(name).second) fail(line_no, "second HELP for " + name);
        continue;
      }
      std::string type, extra;
      words >> type;
      if (words >> extra) fail(line_no, "text after the type");
      if (type != "counter" && type != "gauge" && type != "histogram" && type != "summary" &&
          type != "untyped") {
        fail(line_no, "unknown type '" + type + "'");
      }
      if (out.types.count(name)) fail(line_no, "second TYPE for " + name);
      if (families_done.count(name) || current_family == name) {
        fail(line_no, "TYPE after samples of " + name);
      }
      out.types[name] = type;
      continue;
    }
    PrometheusSample sample;
    size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
    sample.name = line.substr(0, i);
    if (!ValidName(sample.name, true)) fail(line_no, "bad metric name '" + sample.name + "'");
    if (i < line.size() && line[i] == '{') {
      ++i;
      for (;;) {
        if (i < line.size() && line[i] == '}') {
          ++i;
          break;
        }
        size_t start = i;
        while (i < line.size() && line[i] != '=') ++i;
        const std::string label = line.substr(start, i - start);
        if (!ValidName(label, false)) fail(line_no, "bad label name '" + label + "'");
        if (i + 1 >= line.size() || line[i + 1] != '"') {
          fail(line_no, "label value not quoted");
          break;
        }
        i += 2;
        std::string value;
        bool closed = false;
        while (i < line.size()) {
          char c = line[i++];
          if (c == '"') {
            closed = true;
            break;
          }
          if (c == '\\') {
            if (i >= line.size()) break;
            char e = line[i++];
            if (e == '\\' || e == '"') {
              value += e;
            } else if (e == 'n') {
              value += '\n';
            } else {
              fail(line_no, std::string("bad escape \\") + e);
            }
            continue;
          }
          value += c;
        }
        if (!closed) {
          fail(line_no, "unterminated label value");
          break;
        }
        if (!sample.labels.emplace(label, value).second) fail(line_no, "duplicate label " + label);
        if (i < line.size() && line[i] == ',')
          ++i;
        else if (i >= line.size() || line[i] != '}') {
          fail(line_no, "expected , or } after a label");
          break;
        }
      }
    }
    if (i >= line.size() || line[i] != ' ') {
      fail(line_no, "expected a space before the value");
      continue;
    }
    std::istringstream rest(line.substr(i + 1));
    std::string value_text, timestamp, extra;
    rest >> value_text >> timestamp >> extra;
    auto value = ParseFloat(value_text);
    if (!value) fail(line_no, "bad value '" + value_text + "'");
    sample.value = value.value_or(0);
    if (!timestamp.empty() && !ParseFloat(timestamp)) fail(line_no, "bad timestamp");
    if (!extra.empty()) fail(line_no, "text after the timestamp");

    const std::string family = FamilyOf(sample.name, out.types);
    if (!out.types.count(family)) fail(line_no, "sample of " + family + " without TYPE");
    if (family != current_family) {
      if (families_done.count(family)) fail(line_no, "samples of " + family + " not contiguous");
      if (!current_family.empty()) families_done.insert(current_family);
      current_family = family;
    }
    std::string key = sample.name + "{";
    for (const auto& [k, v] : sample.labels) key += k + "=" + v + ",";
    if (!series.insert(key).second) fail(line_no, "duplicate series " + key + "}");
    if (out.types[family] == "counter" && sample.value < 0) fail(line_no, "negative counter");
    out.samples.push_back(std::move(sample));
  }
  // Histograms: cumulative buckets, increasing le, +Inf == _count.
  for (const auto& [family, type] : out.types) {
    if (type != "histogram") continue;
    std::vector<std::pair<double, double>> buckets;  // le, value
    std::optional<double> count, sum;
    for (const auto& s : out.samples) {
      if (s.name == family + "_bucket") {
        auto le = s.labels.find("le");
        auto bound = le == s.labels.end() ? std::nullopt : ParseFloat(le->second);
        if (!bound) {
          out.errors.push_back(family + ": bucket without a valid le");
          continue;
        }
        buckets.emplace_back(*bound, s.value);
      } else if (s.name == family + "_count") {
        count = s.value;
      } else if (s.name == family + "_sum") {
        sum = s.value;
      }
    }
    if (!count || !sum) out.errors.push_back(family + ": missing _count or _sum");
    if (buckets.empty() || !std::isinf(buckets.back().first)) {
      out.errors.push_back(family + ": no le=\"+Inf\" bucket last");
      continue;
    }
    for (size_t k = 1; k < buckets.size(); ++k) {
      if (!(buckets[k].first > buckets[k - 1].first))
        out.errors.push_back(family + ": le not increasing");
      if (buckets[k].second < buckets[k - 1].second)
        out.errors.push_back(family + ": buckets not cumulative");
    }
    if (count && buckets.back().second != *count)
      out.errors.push_back(family + ": +Inf bucket != _count");
  }
  return out;
}

}  // namespace nc::testing
