#pragma once
// The enumerated options of CrawlConfig and their spellings in TOML, on the
// command line and in a store's recorded config. One table per enum, so each
// name is written once; parsing is exact (case matters), as the TOML keys
// are. Pure, any thread.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace nc {

// What one politeness budget covers (politeness.host_key).
enum class HostKeyMode { kHost, kIp, kDomain };
// What a robots.txt Crawl-delay above max_crawl_delay does
// (politeness.crawl_delay_policy).
enum class CrawlDelayPolicy {
  kClamp,  // wait max_crawl_delay instead
  kSkip,   // do not crawl the host: it is parked for the rest of the run
};
// When commits reach the disk (storage.sync; README "Durability").
enum class SyncMode {
  kBatch,    // every batch commit fsynced (MDB default)
  kMeta,     // data fsynced per commit, meta page at the next (MDB_NOMETASYNC)
  kPeriodic  // no fsync per commit; the writer syncs every interval (MDB_NOSYNC)
};

// The spellings of each enum, indexed by its value.
template <class Mode>
struct ModeNames;
template <>
struct ModeNames<HostKeyMode> {
  static constexpr std::array<std::string_view, 3> kNames = {"host", "ip", "domain"};
};
template <>
struct ModeNames<CrawlDelayPolicy> {
  static constexpr std::array<std::string_view, 2> kNames = {"clamp", "skip"};
};
template <>
struct ModeNames<SyncMode> {
  static constexpr std::array<std::string_view, 3> kNames = {"batch", "meta", "periodic"};
};

template <class Mode>
constexpr std::string_view ModeName(Mode mode) {
  const auto i = static_cast<size_t>(mode);
  return i < ModeNames<Mode>::kNames.size() ? ModeNames<Mode>::kNames[i] : "unknown";
}

// The mode spelled `name` exactly; nothing for any other text.
template <class Mode>
constexpr std::optional<Mode> ParseMode(std::string_view name) {
  for (size_t i = 0; i < ModeNames<Mode>::kNames.size(); ++i) {
    if (ModeNames<Mode>::kNames[i] == name) return static_cast<Mode>(i);
  }
  return std::nullopt;
}

// The spellings for an error message: "\"batch\", \"meta\" or \"periodic\"".
template <class Mode>
std::string QuotedModeNames() {
  const auto& names = ModeNames<Mode>::kNames;
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out.append("\"").append(names[i]).append("\"");
  }
  return out;
}

}  // namespace nc
