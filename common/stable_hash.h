#pragma once
// Hashes whose values are fixed by their definition, not by the build:
// stored (redirect fingerprints, merged url ids), sent between nodes
// (cluster partitions) or shown to clients (the fixture's entity tags), so
// they must be the same on every machine and every run, which std::hash is
// not. Not for untrusted keys in hash tables (no seed). Pure, any thread.

#include <cstdint>
#include <string_view>

namespace nc {

// FNV-1a, 64 bits (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
constexpr uint64_t Fnv1a64(std::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// splitmix64's finaliser (Steele, Lea and Flood 2014): spreads every input
// bit over the whole word.
constexpr uint64_t SplitMix64Finalise(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace nc
