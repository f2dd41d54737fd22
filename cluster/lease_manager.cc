#include "cluster/lease_manager.h"

#include <utility>

#include "cluster/nats_client.h"
#include "common/ascii.h"

namespace nc::cluster {

namespace {

bool IsNodeIdChar(char c) { return ascii::IsAlnum(c) || c == '-' || c == '_' || c == '.'; }

}  // namespace

Status ValidateLeaseOptions(const LeaseOptions& options) {
  if (options.node_id.empty() || options.node_id == kReleasedLease ||
      options.node_id.size() > 128) {
    return MakeError("cluster.node_id", "node id must be 1 to 128 characters and not \"-\"");
  }
  for (char c : options.node_id) {
    if (!IsNodeIdChar(c)) {
      return MakeError("cluster.node_id",
                       "node id \"" + options.node_id + "\": only letters, digits, '-', '_', '.'");
    }
  }
  if (options.partitions == 0) return MakeError("cluster.partitions", "partitions must be > 0");
  if (options.ttl <= options.request_deadline + options.renew_interval) {
    return MakeError("cluster.lease_ttl",
                     "lease ttl must exceed the request deadline plus the renew interval");
  }
  return Status::Ok();
}

bool IsReleasedLease(const std::string& owner) {
  return owner == kReleasedLease || owner == kReleasedUnusedLease;
}

std::string LeaseKey(uint32_t partition) { return "lease." + std::to_string(partition); }

Result<std::optional<LeaseRecord>> ReadLease(kvStore* kv, uint32_t partition) {
  kvEntry* raw = nullptr;
  const std::string key = LeaseKey(partition);
  natsStatus status = RetryWhileNoResponders([&] { return kvStore_Get(&raw, kv, key.c_str()); });
  if (status == NATS_NOT_FOUND) return std::optional<LeaseRecord>();
  if (status != NATS_OK) return NatsError("kvStore_Get", status);
  KvEntryPtr entry(raw);
  if (kvEntry_Operation(entry.get()) != kvOp_Put) return std::optional<LeaseRecord>();
  LeaseRecord record;
  const char* value = static_cast<const char*>(kvEntry_Value(entry.get()));
  record.owner.assign(value == nullptr ? "" : value, kvEntry_ValueLen(entry.get()));
  record.revision = kvEntry_Revision(entry.get());
  return std::optional<LeaseRecord>(std::move(record));
}

// A failed revision-checked write is a conflict when the key has moved on
// (exists for a create, has another revision for an update); only when it has
// not is the failure an error. Re-reading saves parsing the client's error
// text.
Result<std::optional<uint64_t>> CreateLease(kvStore* kv, uint32_t partition,
                                            const std::string& owner) {
  uint64_t revision = 0;
  const std::string key = LeaseKey(partition);
  natsStatus status = RetryWhileNoResponders([&] {
    return kvStore_Create(&revision, kv, key.c_str(), owner.data(), static_cast<int>(owner.size()));
  });
  if (status == NATS_OK) return std::optional<uint64_t>(revision);
  auto now = ReadLease(kv, partition);
  if (now.ok() && now->has_value()) return std::optional<uint64_t>();
  return NatsError("kvStore_Create", status);
}

Result<std::optional<uint64_t>> UpdateLease(kvStore* kv, uint32_t partition,
                                            const std::string& owner, uint64_t revision) {
  uint64_t new_revision = 0;
  const std::string key = LeaseKey(partition);
  natsStatus status = RetryWhileNoResponders([&] {
    return kvStore_Update(&new_revision, kv, key.c_str(), owner.data(),
                          static_cast<int>(owner.size()), revision);
  });
  if (status == NATS_OK) return std::optional<uint64_t>(new_revision);
  auto now = ReadLease(kv, partition);
  if (now.ok() && (!now->has_value() || (*now)->revision != revision)) {
    return std::optional<uint64_t>();
  }
  return NatsError("kvStore_Update", status);
}

LeaseManager::LeaseManager(kvStore* kv, LeaseOptions options, const Clock& clock)
    : kv_(kv), options_(std::move(options)), clock_(clock) {}

Status LeaseManager::Tick() {
  SteadyTime now = clock_.Now();
  Status renewed = RenewOwned(now);
  Status acquired = AcquireFree(now);
  return renewed.ok() ? acquired : renewed;
}

Status LeaseManager::RenewOwned(SteadyTime now) {
  Status first_error;
  for (auto it = owned_.begin(); it != owned_.end();) {
    OwnedLease& lease = it->second;
    bool lost = now >= lease.valid_until;
    if (!lost && now - lease.last_renewal_start >= options_.renew_interval) {
      auto written = UpdateLease(kv_, it->first, options_.node_id, lease.revision);
      if (!written.ok()) {
        if (first_error.ok()) first_error = written.error();
      } else if (!written->has_value()) {
        lost = true;
      } else {
        lease.revision = **written;
        lease.last_renewal_start = now;
        lease.valid_until = now + options_.ttl;
      }
    }
    if (lost) {
      events_.lost.push_back(it->first);
      it = owned_.erase(it);
    } else {
      ++it;
    }
  }
  return first_error;
}

Status LeaseManager::AcquireFree(SteadyTime now) {
  Status first_error;
  for (uint32_t partition = 0;
       partition < options_.partitions && owned_.size() < options_.max_owned; ++partition) {
    if (owned_.contains(partition)) continue;
    auto record = ReadLease(kv_, partition);
    if (!record.ok()) {
      if (first_error.ok()) first_error = record.error();
      continue;
    }
    Result<std::optional<uint64_t>> written = std::optional<uint64_t>();
    bool fresh = false;
    if (!record->has_value()) {
      written = CreateLease(kv_, partition, options_.node_id);
      fresh = true;
    } else if ((*record)->owner == kReleasedUnusedLease) {
      written = UpdateLease(kv_, partition, options_.node_id, (*record)->revision);
      fresh = true;
    } else if ((*record)->owner == kReleasedLease) {
      written = UpdateLease(kv_, partition, options_.node_id, (*record)->revision);
    } else {
      ObservedLease& seen = observed_[partition];
      if (seen.revision != (*record)->revision) {
        seen = ObservedLease{(*record)->revision, now};
        continue;
      }
      if (now - seen.first_seen < options_.ttl) continue;
      written = UpdateLease(kv_, partition, options_.node_id, (*record)->revision);
    }
    if (!written.ok()) {
      if (first_error.ok()) first_error = written.error();
    } else if (written->has_value()) {
      Own(partition, **written, now, fresh);
    }
  }
  return first_error;
}

void LeaseManager::Own(uint32_t partition, uint64_t revision, SteadyTime start, bool fresh) {
  observed_.erase(partition);
  owned_[partition] = OwnedLease{revision, start, start + options_.ttl,
                                 fresh ? start : start + options_.takeover_delay, !fresh};
  events_.acquired.push_back(partition);
  ++counts_.acquired;
  if (!fresh) ++counts_.delayed;
}

void LeaseManager::MarkUsed(uint32_t partition) {
  if (auto it = owned_.find(partition); it != owned_.end()) it->second.used = true;
}

bool LeaseManager::Unused(uint32_t partition) const {
  auto it = owned_.find(partition);
  return it != owned_.end() && !it->second.used;
}

LeaseEvents LeaseManager::TakeEvents() { return std::exchange(events_, LeaseEvents()); }

std::vector<uint32_t> LeaseManager::Owned() const {
  std::vector<uint32_t> partitions;
  partitions.reserve(owned_.size());
  for (const auto& [partition, lease] : owned_) partitions.push_back(partition);
  return partitions;
}

std::optional<LeaseManager::RequestWindow> LeaseManager::RequestWindowOf(uint32_t partition) const {
  auto it = owned_.find(partition);
  if (it == owned_.end()) return std::nullopt;
  return RequestWindow{it->second.requests_from,
                       it->second.valid_until - options_.request_deadline};
}

bool LeaseManager::MayStartRequests(uint32_t partition) const {
  const std::optional<RequestWindow> window = RequestWindowOf(partition);
  if (!window) return false;
  const SteadyTime now = clock_.Now();
  return now >= window->from && now < window->until;
}

bool LeaseManager::Ending(uint32_t partition) const {
  auto it = owned_.find(partition);
  return it != owned_.end() && clock_.Now() >= it->second.valid_until - options_.request_deadline;
}

Status LeaseManager::Release(uint32_t partition) {
  auto it = owned_.find(partition);
  if (it == owned_.end()) return Status::Ok();
  const uint64_t revision = it->second.revision;
  // Unused means: taken without a delay (nobody had sent requests) and no URL
  // of it handed out since, so still nobody has.
  const char* marker = it->second.used ? kReleasedLease : kReleasedUnusedLease;
  owned_.erase(it);
  auto written = UpdateLease(kv_, partition, marker, revision);
  if (!written.ok()) return written.error();
  return Status::Ok();  // nullopt: it had been taken already, nothing to give up
}

Status LeaseManager::ReleaseAll() {
  Status first_error;
  for (uint32_t partition : Owned()) {
    Status released = Release(partition);
    if (!released.ok() && first_error.ok()) first_error = released;
  }
  return first_error;
}

}  // namespace nc::cluster
