#include "tests/bench/article_token_score.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <string>

namespace nc::bench {
namespace {

// Python's str.isalnum() or '_': what re's \w matches in a str pattern.
bool IsWordChar(UChar32 c) {
  if (c == '_') return true;
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return true;
    default:
      return false;
  }
}

std::vector<std::string> Tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c >= 0 && IsWordChar(c)) {
      current.append(text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

// evaluate.py's _ngrams: for i in range(max(1, len - n + 1)): tokens[i:i+n], if non-empty.
std::map<std::string, int> Shingles(std::string_view text, size_t n = 4) {
  const std::vector<std::string> tokens = Tokenize(text);
  std::map<std::string, int> shingles;
  const size_t count = tokens.size() >= n ? tokens.size() - n + 1 : 1;
  for (size_t i = 0; i < count; ++i) {
    std::string key;
    for (size_t k = i; k < std::min(i + n, tokens.size()); ++k) {
      key += tokens[k];
      key.push_back('\x1f');
    }
    if (!key.empty()) ++shingles[key];
  }
  return shingles;
}

}  // namespace

TpFpFn MatchShingles(std::string_view truth, std::string_view prediction) {
  const auto t = Shingles(truth);
  const auto p = Shingles(prediction);
  TpFpFn r;
  for (const auto& [key, tc] : t) {
    auto it = p.find(key);
    const int pc = it == p.end() ? 0 : it->second;
    r.tp += std::min(tc, pc);
    r.fn += std::max(0, tc - pc);
  }
  for (const auto& [key, pc] : p) {
    auto it = t.find(key);
    const int tc = it == t.end() ? 0 : it->second;
    r.fp += std::max(0, pc - tc);
  }
  const double s = r.tp + r.fp + r.fn;
  if (s > 0) {
    r.tp /= s;
    r.fp /= s;
    r.fn /= s;
  }
  return r;
}

double Precision(const TpFpFn& r) {
  if (r.fp == 0 && r.fn == 0) return 1;
  if (r.tp == 0 && r.fp == 0) return 0;
  return r.tp / (r.tp + r.fp);
}

double Recall(const TpFpFn& r) {
  if (r.fp == 0 && r.fn == 0) return 1;
  if (r.tp == 0 && r.fn == 0) return 0;
  return r.tp / (r.tp + r.fn);
}

double PageF1(const TpFpFn& r) {
  const double p = Precision(r), rc = Recall(r);
  return p + rc > 0 ? 2 * p * rc / (p + rc) : 0;
}

BodyScore Summary(const std::vector<TpFpFn>& pages) {
  double precision_sum = 0, recall_sum = 0;
  size_t precision_n = 0, recall_n = 0;
  for (const TpFpFn& r : pages) {
    if (r.tp + r.fp > 0) {
      precision_sum += Precision(r);
      ++precision_n;
    }
    if (r.tp + r.fn > 0) {
      recall_sum += Recall(r);
      ++recall_n;
    }
  }
  BodyScore s;
  s.precision = precision_n ? precision_sum / precision_n : 0;
  s.recall = recall_n ? recall_sum / recall_n : 0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

}  // namespace nc::bench
