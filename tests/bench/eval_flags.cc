#include "tests/bench/eval_flags.h"

#include <charconv>
#include <ostream>
#include <string_view>

namespace nc::bench {

namespace {

// The whole word as a number: from_chars stops at the first byte it cannot
// read, and a word with anything left over is refused.
bool ReadNumber(std::string_view word, double* out) {
  double value = 0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error != std::errc() || end != word.data() + word.size()) return false;
  *out = value;
  return true;
}

}  // namespace

EvalFlags& EvalFlags::Text(const char* name, const char* metavar, std::string* out) {
  flags_.push_back({name, metavar, out});
  return *this;
}

EvalFlags& EvalFlags::Number(const char* name, double* out) {
  flags_.push_back({name, "X", out});
  return *this;
}

EvalFlags& EvalFlags::Switch(const char* name, bool* out) {
  flags_.push_back({name, nullptr, out});
  return *this;
}

bool EvalFlags::Parse(int argc, const char* const* argv, std::ostream& err) const {
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    const Flag* flag = nullptr;
    for (const Flag& f : flags_) {
      if (word == f.name) flag = &f;
    }
    bool ok = flag != nullptr;
    if (ok) {
      if (bool* const* on = std::get_if<bool*>(&flag->out)) {
        **on = true;
      } else if (i + 1 >= argc) {
        ok = false;
      } else if (std::string* const* text = std::get_if<std::string*>(&flag->out)) {
        **text = argv[++i];
      } else {
        ok = ReadNumber(argv[++i], std::get<double*>(flag->out));
      }
    }
    if (!ok) {
      err << Usage() << "\n";
      return false;
    }
  }
  return true;
}

std::string EvalFlags::Usage() const {
  std::string out = "usage: " + tool_;
  for (const Flag& f : flags_) {
    out += " [" + f.name;
    if (f.metavar) out += std::string(" ") + f.metavar;
    out += "]";
  }
  return out;
}

}  // namespace nc::bench
