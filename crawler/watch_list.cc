#include "crawler/watch_list.h"

#include <algorithm>

namespace nc {

WatchList::Polled WatchList::Update(std::vector<storage::WatchedPage> pages, SteadyTime now,
                                    int64_t wall_now_ms) {
  Polled polled;
  for (storage::WatchedPage& page : pages) {
    auto [it, added] = slots_.try_emplace(page.url);
    Slot& slot = it->second;
    const bool had_cycles_left = !added && !slot.page.article && !CyclesDone(slot);
    if (page.polls > slot.page.polls && slot.page.last_fetch_ms != 0) {
      const uint64_t count = page.polls - slot.page.polls;
      slot.polls_this_run += static_cast<uint32_t>(count);
      polled.repolls += count;
      polled.not_modified += page.not_modified - std::min(page.not_modified, slot.page.not_modified);
    }
    // Waiting for a fetch to commit: the first one (pending_seq, or the
    // crawl has it queued) or a re-poll.
    slot.awaiting = page.pending_seq != 0;
    slot.due = page.next_poll_ms == 0
                   ? now
                   : now + std::chrono::milliseconds(std::max<int64_t>(page.next_poll_ms - wall_now_ms, 0));
    slot.page = std::move(page);
    const bool has_cycles_left = !slot.page.article && !CyclesDone(slot);
    if (has_cycles_left && !had_cycles_left) ++pages_with_cycles_left_;
    if (!has_cycles_left && had_cycles_left) --pages_with_cycles_left_;
    slot.generation = next_generation_++;
    if (!slot.awaiting && !CyclesDone(slot)) {
      heap_.push(DueEntry{slot.due, slot.generation, it->first});
    }
  }
  return polled;
}

std::optional<SteadyTime> WatchList::TakeDue(SteadyTime now, std::vector<std::string>& due) {
  while (!heap_.empty()) {
    const DueEntry& top = heap_.top();
    const auto it = slots_.find(top.url);
    if (it == slots_.end() || it->second.generation != top.generation || it->second.awaiting ||
        CyclesDone(it->second)) {
      heap_.pop();  // superseded by a later commit, or nothing left to do
      continue;
    }
    if (top.due > now) return top.due;
    it->second.awaiting = true;
    due.push_back(it->first);
    heap_.pop();
  }
  return std::nullopt;
}

bool WatchList::Continues() const {
  if (slots_.empty()) return false;
  return cycles_ == 0 || pages_with_cycles_left_ > 0;
}

const storage::WatchedPage* WatchList::Find(std::string_view url) const {
  const auto it = slots_.find(url);
  return it == slots_.end() ? nullptr : &it->second.page;
}

}  // namespace nc
