#pragma once
// What the scheduler remembers about hosts it dropped from memory (no work,
// nothing in flight): their robots.txt rules, so a host that gets new links
// minutes later is not asked for robots.txt again, and the highest seq it
// loaded, so a late Enqueue of an already dispatched URL is still ignored.
// Bounded: least recently dropped entries are forgotten first, and memory
// stays proportional to `capacity`, not to the number of hosts ever seen.
// Not thread-safe.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "frontier/host_state.h"

namespace nc {

class HostMemo {
 public:
  struct Entry {
    uint64_t last_loaded_seq = 0;       // HostState::last_loaded_seq
    uint64_t verify_up_to_seq = 0;      // HostState::verify_up_to_seq
    std::vector<OriginRobots> origins;  // fetched, kept-after-drop rules only

    // Announcements up to this seq can no longer be trusted once the entry is forgotten.
    uint64_t KnownUpToSeq() const { return std::max(last_loaded_seq, verify_up_to_seq); }
  };

  explicit HostMemo(size_t capacity) : capacity_(capacity) {}

  // Returns KnownUpToSeq() of an entry this pushes out (or of `entry` itself
  // when the capacity is 0): the caller no longer knows that host's past.
  std::optional<uint64_t> Remember(std::string_view host_key, Entry entry);
  // Removes and returns the entry of `host_key`, if still remembered.
  std::optional<Entry> Take(std::string_view host_key);
  size_t size() const { return index_.size(); }

 private:
  using Lru = std::list<std::pair<std::string, Entry>>;  // most recent first

  const size_t capacity_;
  Lru lru_;
  // Keys view the strings held by `lru_` nodes, which never move.
  std::unordered_map<std::string_view, Lru::iterator> index_;
};

}  // namespace nc
