#pragma once
// The command line of the article evaluation tools (article_eval,
// article_fields_eval, article_fundus_eval). Each tool declares its flags
// once, in the order of its usage line, and the usage line is made from that
// list, so the two cannot drift apart; each used to parse argv with its own
// if/else chain and repeat its flags in a usage string beside it.
//
// Only `--name` flags, no positional words. A value flag takes the next word.
#include <iosfwd>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace nc::bench {

class EvalFlags {
 public:
  explicit EvalFlags(std::string tool) : tool_(std::move(tool)) {}

  // `--name WORD`: `metavar` (DIR, ID, FILE) stands for the word in the usage line.
  EvalFlags& Text(const char* name, const char* metavar, std::string* out);
  // `--name X`: a number, the whole word (a floor given as "O.9" must not
  // quietly become 0 and pass every run).
  EvalFlags& Number(const char* name, double* out);
  // `--name` alone: sets *out.
  EvalFlags& Switch(const char* name, bool* out);

  // Reads argv[1..argc). On an unknown word, a missing value or a value that
  // is not a number, writes Usage() and a newline to `err` and returns false
  // (the tools then exit 2). Values read before the bad word stay set.
  bool Parse(int argc, const char* const* argv, std::ostream& err) const;

  // "usage: TOOL [--data DIR] [--min-f1 X] [--pages] ...", flags in declaration order.
  std::string Usage() const;

 private:
  struct Flag {
    std::string name;
    const char* metavar;  // nullptr for a switch
    std::variant<std::string*, double*, bool*> out;
  };
  std::string tool_;
  std::vector<Flag> flags_;
};

}  // namespace nc::bench
