#pragma once
// StringArena: copies of strings kept in chunks that never move, so a
// string_view of a copy stays valid as long as the arena (or one moved
// from it) lives. One allocation per chunk instead of one per string:
// the article scan's block texts (PageScan::block_texts) and the writer's
// cached URLs (UrlIdCache) hold thousands of short strings each.
// Move-only; not thread-safe.

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace nc {

class StringArena {
 public:
  static constexpr size_t kDefaultChunkBytes = 64 * 1024;

  explicit StringArena(size_t chunk_bytes = kDefaultChunkBytes) : chunk_bytes_(chunk_bytes) {}

  // A copy of `text` that lives as long as the arena. A text longer than a
  // chunk gets a chunk of its own size.
  std::string_view Add(std::string_view text) {
    if (text.empty()) return {};
    if (text.size() > capacity_ - used_) {
      capacity_ = std::max(chunk_bytes_, text.size());
      chunks_.push_back(std::make_unique_for_overwrite<char[]>(capacity_));
      used_ = 0;
    }
    char* at = chunks_.back().get() + used_;
    std::memcpy(at, text.data(), text.size());
    used_ += text.size();
    return {at, text.size()};
  }

 private:
  size_t chunk_bytes_;
  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t used_ = 0;      // bytes of chunks_.back() taken
  size_t capacity_ = 0;  // bytes of chunks_.back()
};

}  // namespace nc
