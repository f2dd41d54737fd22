#pragma once
// LinkMemo: a small direct-mapped memo of a pure function of a string key,
// for the link pass (issue 16). A crawl worker meets the same hrefs page
// after page: a site's menus, footer and social links are on every page
// (11 of a B1 page's ~19 links), and a story is linked from the few pages
// around it. What only the href decides (its URL shape, the href role, its
// resolution against one origin) is kept per thread, keyed by the bytes it
// was computed from, so a repeated link costs one hash and one compare.
//
// Keys are compared in full, never by hash alone: a hit is always the
// answer for these very bytes. A slot is replaced by the next key that maps
// to it, so hostile keys (many hrefs hashed to one slot) only turn hits into
// misses, never into wrong answers, and memory stays kSlots slots.
//
// One memo per thread (thread_local at its user): not synchronised.

#include <cstddef>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace nc {

template <typename Value, size_t kSlots>
class LinkMemo {
 public:
  static_assert((kSlots & (kSlots - 1)) == 0, "kSlots must be a power of two");
  // Longer keys are not kept: rare, and they would make slots large.
  static constexpr size_t kMaxKeyBytes = 512;

  struct Slot {
    std::string key;  // prefix + key as passed to Find
    bool filled = false;
    Value value{};
  };

  // The slot of `prefix` + `key` (the prefix says what else the value
  // depends on, e.g. the origin a path resolves against; "" for none), and
  // whether it holds their value. The key is the two's bytes end to end:
  // callers whose prefixes could run into their keys start each kind of
  // prefix with a byte of its own. On a miss the slot is the caller's to
  // fill: it must set `value` and then call Keep(). Null when the key is too
  // long to be kept (the caller computes the value without the memo).
  Slot* Find(std::string_view prefix, std::string_view key, bool& hit) {
    hit = false;
    const size_t size = prefix.size() + key.size();
    if (size > kMaxKeyBytes) return nullptr;
    if (!slots_) slots_ = std::make_unique<Slot[]>(kSlots);
    const size_t hash = std::hash<std::string_view>{}(key) ^
                        (prefix.empty() ? 0 : std::hash<std::string_view>{}(prefix)*31);
    Slot& slot = slots_[hash & (kSlots - 1)];
    hit = slot.filled && slot.key.size() == size && Equal(slot.key.data(), prefix) &&
          Equal(slot.key.data() + prefix.size(), key);
    if (!hit) {
      // Emptied until Keep(): a caller that fails half way leaves no stale
      // value under the new key.
      slot.filled = false;
      pending_prefix_ = prefix;
      pending_key_ = key;
    }
    return &slot;
  }

  // After a miss: the slot's value is now the one of the key Find was
  // given (whose bytes must still be alive).
  void Keep(Slot& slot) {
    slot.key.assign(pending_prefix_);
    slot.key.append(pending_key_);
    slot.filled = true;
  }

 private:
  static bool Equal(const char* stored, std::string_view part) {
    return part.empty() || std::memcmp(stored, part.data(), part.size()) == 0;
  }

  std::unique_ptr<Slot[]> slots_;  // allocated at the first Find
  std::string_view pending_prefix_;
  std::string_view pending_key_;
};

}  // namespace nc
