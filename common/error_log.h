#pragma once
// ErrorLog: the errors a long-running component reports and goes on from
// (a store read that failed for one host, say), kept in bounded memory for
// a person to read: how many of each code, and the last few messages. A
// crawl of millions of URLs against a failing disk must not grow a list.
// Not thread-safe: its owner's thread only (copy it to hand it over).

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>

#include "common/result.h"

namespace nc {

class ErrorLog {
 public:
  static constexpr size_t kDefaultKeep = 16;
  ErrorLog() : ErrorLog(kDefaultKeep) {}
  explicit ErrorLog(size_t keep_last) : keep_last_(keep_last) {}

  void Add(Error error);

  bool empty() const { return total_ == 0; }
  // Every error added, including those whose message was dropped.
  uint64_t total() const { return total_; }
  // Count per Error::code, of every error added.
  const std::map<std::string, uint64_t>& counts_by_code() const { return counts_by_code_; }
  // The last `keep_last` errors, oldest first.
  const std::deque<Error>& recent() const { return recent_; }

  // One line for a person: "3 (store.io 2, store.corrupt 1); last: <message>",
  // or "" when empty.
  std::string Summary() const;

 private:
  size_t keep_last_;
  uint64_t total_ = 0;
  std::map<std::string, uint64_t> counts_by_code_;
  std::deque<Error> recent_;
};

}  // namespace nc
