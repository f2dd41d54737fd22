#include "storage/url_id_cache.h"

#include <cstdint>
#include <cstring>
#include <utility>

namespace nc::storage {
namespace {

// For sizing a generation's table: B1's URLs are 60-100 bytes.
constexpr size_t kTypicalUrlBytes = 80;

}  // namespace

// 8 bytes at a time, each folded in by a 64x64->128-bit multiply (the
// "mulx" step of boost's own hash mixing); the table mixes the result once
// more. ~157 instructions a B1 URL (callgrind), about what std::hash's
// _Hash_bytes takes; boost::hash<std::string_view> (1.81) took ~440. The
// saving is in hashing once per call, not once per generation probed and
// again in every rehash (tests/bench/README.md, "Writer CPU").
size_t UrlIdCache::Hash::Of(std::string_view s) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15u;
  const auto fold = [](uint64_t h, uint64_t word) {
    const unsigned __int128 r = static_cast<unsigned __int128>(h ^ word) * kMul;
    return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
  };
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = fold(kMul, n);
  uint64_t word = 0;
  for (; n > 8; n -= 8, p += 8) {
    std::memcpy(&word, p, 8);
    h = fold(h, word);
  }
  // The last 1..8 bytes (none for the empty string): the string's last 8
  // when it has them (a fixed-size read, where a memcpy of n bytes was a
  // call into libc), else byte by byte.
  word = 0;
  if (s.size() >= 8) {
    std::memcpy(&word, s.data() + s.size() - 8, 8);
  } else {
    for (size_t i = 0; i < n; ++i) word |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  }
  return fold(h, word);
}

const schema::UrlIdValue* UrlIdCache::Find(std::string_view url) {
  const Probe probe{url, Hash::Of(url)};
  if (auto it = current_.map.find(probe); it != current_.map.end()) return &it->second;
  auto old = old_.map.find(probe);
  if (old == old_.map.end()) return nullptr;
  // Met again: into the current generation. The old entry stays (its bytes
  // are the old arena's) and goes with its generation; Put keeps the
  // current one authoritative, since it looks there first.
  const schema::UrlIdValue value = old->second;
  return Insert(probe, value);
}

void UrlIdCache::Put(std::string_view url, schema::UrlIdValue value) {
  const Probe probe{url, Hash::Of(url)};
  if (auto it = current_.map.find(probe); it != current_.map.end()) {
    it->second = value;
    return;
  }
  Insert(probe, value);
}

schema::UrlIdValue* UrlIdCache::Insert(const Probe& probe, schema::UrlIdValue value) {
  const size_t entry = probe.url.size() + kEntryOverhead;
  if (current_.bytes + entry > generation_bytes_ && !current_.map.empty()) {
    old_ = std::move(current_);
    current_ = Generation();
  }
  if (current_.map.empty()) {
    // Sized once for the generation's expected entries, so that it never
    // rehashes (a rehash hashes every URL again: 28 M instructions in the
    // first 3,000 B1 pages while the table doubled).
    current_.map.reserve(generation_bytes_ / (kEntryOverhead + kTypicalUrlBytes));
  }
  current_.bytes += entry;
  const std::string_view key = current_.keys.Add(probe.url);
  return &current_.map.emplace(key, value).first->second;
}

void UrlIdCache::Clear() {
  current_ = Generation();
  old_ = Generation();
}

}  // namespace nc::storage
