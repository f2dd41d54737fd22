#include "cluster/node_roster.h"

#include <algorithm>

namespace nc::cluster {

std::string RosterBucketName(const std::string& job) { return "nc_" + job + "_nodes"; }

Result<std::unique_ptr<NodeRoster>> NodeRoster::Open(NatsConnection& connection,
                                                     const std::string& job,
                                                     const std::string& node_id, Duration ttl,
                                                     Duration heartbeat_interval,
                                                     const Clock& clock, int replicas) {
  auto bucket = connection.OpenOrCreateBucket(RosterBucketName(job), replicas);
  if (!bucket.ok()) return bucket.error();
  return std::unique_ptr<NodeRoster>(
      new NodeRoster(std::move(*bucket), node_id, ttl, heartbeat_interval, clock));
}

Status NodeRoster::Tick() {
  SteadyTime now = clock_.Now();
  if (!heartbeat_written_ || now - last_heartbeat_ >= heartbeat_interval_) {
    const std::string value = std::to_string(++heartbeats_);
    uint64_t revision = 0;
    natsStatus status = RetryWhileNoResponders([&] {
      return kvStore_Put(&revision, bucket_.get(), node_id_.c_str(), value.data(),
                         static_cast<int>(value.size()));
    });
    if (status != NATS_OK) return NatsError("kvStore_Put", status);
    heartbeat_written_ = true;
    last_heartbeat_ = now;
  }
  kvKeysList keys{nullptr, 0};
  natsStatus status =
      RetryWhileNoResponders([&] { return kvStore_Keys(&keys, bucket_.get(), nullptr); });
  if (status == NATS_NOT_FOUND) return Status::Ok();
  if (status != NATS_OK) return NatsError("kvStore_Keys", status);
  Status first_error;
  for (int i = 0; i < keys.Count; ++i) {
    std::string id = keys.Keys[i];
    if (id == node_id_) continue;
    kvEntry* raw = nullptr;
    status = RetryWhileNoResponders([&] { return kvStore_Get(&raw, bucket_.get(), id.c_str()); });
    if (status == NATS_NOT_FOUND) continue;
    if (status != NATS_OK) {
      if (first_error.ok()) first_error = NatsError("kvStore_Get", status);
      continue;
    }
    KvEntryPtr entry(raw);
    uint64_t revision = kvEntry_Revision(entry.get());
    Seen& seen = others_[id];
    if (seen.revision != revision) seen = Seen{revision, now};
  }
  kvKeysList_Destroy(&keys);
  return first_error;
}

std::vector<std::string> NodeRoster::LiveNodes() const {
  SteadyTime now = clock_.Now();
  std::vector<std::string> live = {node_id_};
  for (const auto& [id, seen] : others_) {
    if (now - seen.first_seen < ttl_) live.push_back(id);
  }
  std::sort(live.begin(), live.end());
  return live;
}

}  // namespace nc::cluster
