// The durable frontier, in memory, for PolitenessScheduler tests: pending URLs
// per host key, robots.txt records and persisted host state of an earlier run,
// with a log of the reads the scheduler makes and switches to inject failures.
// A URL stays pending until MarkDone, as in the store, where it stops being
// pending when its fetch commits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "frontier/scheduler.h"

namespace nc {

class FakeFrontierSource final : public FrontierSource {
 public:
  struct Call {
    std::string host;
    uint64_t after_seq;
    size_t limit;
  };

  void Add(const std::string& host, const QueuedUrl& url) { pending_[host][url.seq] = url; }
  void MarkDone(const std::string& host, uint64_t seq) { pending_[host].erase(seq); }
  size_t PendingCount(const std::string& host) const {
    auto it = pending_.find(host);
    return it == pending_.end() ? 0 : it->second.size();
  }

  Result<std::vector<QueuedUrl>> LoadPending(std::string_view host_key, uint64_t after_seq,
                                             size_t limit) override {
    calls.push_back({std::string(host_key), after_seq, limit});
    if (failing_hosts.count(std::string(host_key)) != 0) {
      return MakeError("store.io", "injected read failure");
    }
    std::vector<QueuedUrl> out;
    auto it = pending_.find(std::string(host_key));
    if (it == pending_.end()) return out;
    for (auto u = it->second.upper_bound(after_seq); u != it->second.end() && out.size() < limit;
         ++u) {
      out.push_back(u->second);
    }
    return out;
  }
  Result<std::optional<RobotsRecord>> LoadRobots(std::string_view origin) override {
    return Read(robots, origin, robots_reads);
  }
  Result<std::optional<PersistedHostState>> LoadHostState(std::string_view host_key) override {
    return Read(states, host_key, state_reads);
  }

  // Every LoadPending, in order.
  std::vector<Call> calls;
  // LoadPending of these host keys fails.
  std::set<std::string> failing_hosts;
  // What an earlier run recorded, by origin and by host key.
  std::map<std::string, RobotsRecord> robots;
  std::map<std::string, PersistedHostState> states;
  int robots_reads = 0;
  int state_reads = 0;
  // LoadRobots and LoadHostState fail (LoadPending does not).
  bool fail_reads = false;

 private:
  // One stored-record read: counted, failing with fail_reads, nullopt when
  // nothing is recorded under `key`.
  template <typename Record>
  Result<std::optional<Record>> Read(const std::map<std::string, Record>& records,
                                     std::string_view key, int& reads) const {
    ++reads;
    if (fail_reads) return MakeError("store.io", "disk on fire");
    auto it = records.find(std::string(key));
    if (it == records.end()) return std::optional<Record>();
    return std::optional<Record>(it->second);
  }

  std::map<std::string, std::map<uint64_t, QueuedUrl>> pending_;
};

}  // namespace nc
