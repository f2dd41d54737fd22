#include "cluster/cluster_node.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "cluster/partition.h"

namespace nc::cluster {

namespace {

constexpr const char* kPartitionsKey = "partitions";

}  // namespace

std::string JobBucketName(const std::string& job) { return "nc_" + job; }

Result<std::unique_ptr<ClusterNode>> ClusterNode::Join(ClusterNodeOptions options,
                                                       const Clock& clock) {
  if (Status valid = ValidateJobName(options.job); !valid.ok()) return valid.error();
  if (Status valid = ValidateLeaseOptions(options.lease); !valid.ok()) return valid.error();
  auto connection = NatsConnection::Connect(options.server_url, options.lease.node_id, options.security);
  if (!connection.ok()) return connection.error();
  auto bucket =
      (*connection)->OpenOrCreateBucket(JobBucketName(options.job), options.handoff.replicas);
  if (!bucket.ok()) return bucket.error();
  std::unique_ptr<ClusterNode> node(
      new ClusterNode(std::move(*connection), std::move(*bucket), clock));
  node->node_id_ = options.lease.node_id;
  node->claims_from_ = clock.Now() + options.join_window;

  // The partition count is the job's, not this node's: the first node's
  // proposal is recorded and every later node uses it.
  auto recorded = node->RecordOnce(kPartitionsKey, std::to_string(options.lease.partitions));
  if (!recorded.ok()) return recorded.error();
  uint32_t partitions = 0;
  auto [end, error] =
      std::from_chars(recorded->data(), recorded->data() + recorded->size(), partitions);
  if (error != std::errc() || end != recorded->data() + recorded->size() || partitions == 0) {
    return MakeError("cluster.job", "job " + options.job + ": recorded partition count \"" +
                                        *recorded + "\" is not a positive number");
  }
  node->partitions_ = partitions;
  options.lease.partitions = partitions;
  options.handoff.job = options.job;
  options.handoff.partitions = partitions;
  auto handoff = UrlHandoff::Open(*node->connection_, options.handoff);
  if (!handoff.ok()) return handoff.error();
  node->handoff_ = std::move(*handoff);
  auto seen_log = SeenLog::Open(*node->connection_, options.job, options.handoff.replicas);
  if (!seen_log.ok()) return seen_log.error();
  node->seen_log_ = std::move(*seen_log);
  auto roster =
      NodeRoster::Open(*node->connection_, options.job, options.lease.node_id, options.lease.ttl,
                       options.lease.renew_interval, clock, options.handoff.replicas);
  if (!roster.ok()) return roster.error();
  node->roster_ = std::move(*roster);
  // The first heartbeat now, not at the first Tick: the others' join windows
  // are running, and this node's share counts only once they see it.
  if (Status heartbeat = node->roster_->Tick(); !heartbeat.ok()) return heartbeat.error();
  node->max_owned_ = options.lease.max_owned;
  node->share_ = std::min(partitions, node->max_owned_);
  options.lease.max_owned = node->share_;
  node->leases_ = std::make_unique<LeaseManager>(node->bucket_.get(), options.lease, clock);
  return node;
}

Result<std::string> ClusterNode::RecordOnce(const std::string& key, const std::string& value) {
  uint64_t revision = 0;
  natsStatus status = RetryWhileNoResponders([&] {
    return kvStore_Create(&revision, bucket_.get(), key.c_str(), value.data(),
                          static_cast<int>(value.size()));
  });
  if (status == NATS_OK) return value;
  // Someone recorded it first (or the create failed): read what the job has.
  kvEntry* raw = nullptr;
  natsStatus read =
      RetryWhileNoResponders([&] { return kvStore_Get(&raw, bucket_.get(), key.c_str()); });
  if (read != NATS_OK) return NatsError("kvStore_Create", status);
  KvEntryPtr entry(raw);
  const char* data = static_cast<const char*>(kvEntry_Value(entry.get()));
  return std::string(data == nullptr ? "" : data, kvEntry_ValueLen(entry.get()));
}

Status ClusterNode::Tick() {
  // A roster error leaves the share as it was; the leases are still kept.
  Status rostered = roster_->Tick();
  if (rostered.ok()) {
    const uint32_t live = static_cast<uint32_t>(roster_->LiveNodes().size());
    share_ = std::min(max_owned_, (partitions_ + live - 1) / live);
  }
  // In the join window the node only heartbeats and reads the roster (it
  // owns nothing yet, so there is nothing to renew).
  leases_->set_max_owned(taking_ && clock_.Now() >= claims_from_ ? share_ : 0);
  Status ticked = leases_->Tick();
  if (ticked.ok()) ticked = rostered;
  LeaseEvents events = leases_->TakeEvents();
  for (uint32_t partition : events.lost) consumers_.erase(partition);
  Status first_error = ticked;
  for (uint32_t partition : events.acquired) {
    // Always recreate: whoever held the partition before (if anyone) is no
    // longer its owner, and its unacked URLs are ours now.
    auto consumer = handoff_->Consume(partition, /*takeover=*/true);
    if (!consumer.ok()) {
      // Without a consumer the partition would be owned but never served:
      // give it back for another node (or this one, next tick).
      (void)leases_->Release(partition);
      if (first_error.ok()) first_error = consumer.error();
      continue;
    }
    consumers_[partition] = std::move(*consumer);
  }
  return first_error;
}

std::vector<uint32_t> ClusterNode::Surplus() const {
  std::vector<uint32_t> owned = leases_->Owned();
  if (owned.size() <= share_) return {};
  // Unused partitions first: the next owner takes them without the takeover
  // delay. Among equals the highest numbers, as before (a stable choice).
  std::reverse(owned.begin(), owned.end());
  std::stable_partition(owned.begin(), owned.end(),
                        [this](uint32_t partition) { return leases_->Unused(partition); });
  return std::vector<uint32_t>(owned.begin(), owned.begin() + (owned.size() - share_));
}

Status ClusterNode::ReleasePartition(uint32_t partition) {
  consumers_.erase(partition);
  return leases_->Release(partition);
}

uint32_t ClusterNode::PartitionOfHost(std::string_view host_key) const {
  return PartitionOf(host_key, partitions_);
}

bool ClusterNode::OwnsHost(std::string_view host_key) const {
  return leases_->Owns(PartitionOfHost(host_key));
}

bool ClusterNode::MayStartRequests(std::string_view host_key) const {
  return leases_->MayStartRequests(PartitionOfHost(host_key));
}

Status ClusterNode::Route(std::string_view host_key, const HandoffUrl& url) {
  return handoff_->Publish(PartitionOfHost(host_key), url);
}

Status ClusterNode::RouteAll(const std::vector<std::pair<std::string, HandoffUrl>>& urls) {
  if (urls.empty()) return Status::Ok();
  std::vector<std::pair<uint32_t, HandoffUrl>> by_partition;
  by_partition.reserve(urls.size());
  for (const auto& [host_key, url] : urls) by_partition.emplace_back(PartitionOfHost(host_key), url);
  return handoff_->PublishAll(by_partition);
}

Result<std::vector<PulledUrl>> ClusterNode::PullOwned(int max, Duration wait) {
  std::vector<PulledUrl> pulled;
  for (auto& [partition, consumer] : consumers_) {
    int room = max - static_cast<int>(pulled.size());
    if (room <= 0) break;
    // Take no URL this node may not fetch yet (takeover delay) or any more
    // (the end of a lease it cannot renew): it waits in the stream.
    if (!leases_->MayStartRequests(partition)) continue;
    auto delivered = consumer->Pull(room, wait);
    if (!delivered.ok()) return delivered.error();
    NoteDelivered(partition, delivered->size());
    for (auto& d : *delivered) pulled.push_back(PulledUrl{partition, std::move(d)});
  }
  return pulled;
}

void ClusterNode::NoteDelivered(uint32_t partition, size_t count) {
  if (count != 0) leases_->MarkUsed(partition);
}

Result<std::vector<PulledUrl>> ClusterNode::PullPartition(uint32_t partition, int max,
                                                          Duration wait) {
  std::vector<PulledUrl> pulled;
  auto it = consumers_.find(partition);
  if (it == consumers_.end() || max <= 0 || !leases_->MayStartRequests(partition)) return pulled;
  auto delivered = it->second->Pull(max, wait);
  if (!delivered.ok()) return delivered.error();
  NoteDelivered(partition, delivered->size());
  for (auto& d : *delivered) pulled.push_back(PulledUrl{partition, std::move(d)});
  return pulled;
}

std::vector<uint32_t> ClusterNode::EndingPartitions() const {
  std::vector<uint32_t> ending;
  for (uint32_t partition : leases_->Owned()) {
    if (leases_->Ending(partition)) ending.push_back(partition);
  }
  return ending;
}

Status ClusterNode::AckAll(std::vector<PulledUrl>& pulled) {
  std::vector<DeliveredUrl> delivered;
  delivered.reserve(pulled.size());
  for (PulledUrl& p : pulled) delivered.push_back(std::move(p.delivered));
  Status acked = AckAllDelivered(delivered);
  for (size_t i = 0; i < pulled.size(); ++i) pulled[i].delivered = std::move(delivered[i]);
  return acked;
}

Result<bool> ClusterNode::JobFinished() {
  auto counts = handoff_->Counts();
  if (!counts.ok()) return counts.error();
  return counts->last_sequence > 0 && counts->messages == 0;
}

Status ClusterNode::PutStatus(const NodeStatus& status) {
  uint64_t revision = 0;
  const std::string value = EncodeNodeStatus(status);
  const std::string key = NodeStatusKey(node_id_);
  natsStatus put = RetryWhileNoResponders([&] {
    return kvStore_Put(&revision, bucket_.get(), key.c_str(), value.data(),
                       static_cast<int>(value.size()));
  });
  if (put != NATS_OK) return NatsError("kvStore_Put", put);
  return Status::Ok();
}

Status ClusterNode::Leave() {
  consumers_.clear();
  return leases_->ReleaseAll();
}

}  // namespace nc::cluster
