#pragma once
// One node of a cluster job: the seam the crawl engine will call (issue 15,
// docs/scale-out.md). It joins job NAME on a NATS server, records the job's
// settings once (the first node's win), keeps its partition leases through
// LeaseManager and, for every partition it owns, a consumer of that
// partition's URLs; a partition it loses drops its consumer, a partition it
// gains recreates the consumer so the previous owner's unacked URLs come at
// once. Each node takes its share, ceil(partitions / live nodes) (NodeRoster);
// a node above its share after another joined lists the surplus (those it
// never sent a request on first, as they move without a takeover delay), and
// the engine releases those partitions once it has drained them. A node
// takes no partition in its first join_window: nodes started together see
// each other in the roster first and each takes its share, instead of the
// first taking them all and handing most over.
//
// Invariant the engine must keep: the followed links of a page are routed
// (published) before that page's own URL is acked. Then an empty stream
// means every URL ever published has been fetched and committed, and no
// fetched page has unpublished links: the job is finished (JobFinished()).
//
// Threads: not thread-safe; one thread (the node's cluster loop) calls
// everything. Time comes from the injected Clock.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cluster/lease_manager.h"
#include "cluster/nats_client.h"
#include "cluster/node_roster.h"
#include "cluster/node_status.h"
#include "cluster/seen_log.h"
#include "cluster/url_handoff.h"
#include "common/clock.h"
#include "common/result.h"

namespace nc::cluster {

struct ClusterNodeOptions {
  // nats://HOST:PORT (several separated by commas). Required.
  std::string server_url;
  // The job's name: letters, digits, '-', '_'. Required.
  std::string job;
  // Lease settings; lease.node_id is required. lease.partitions is only a
  // proposal: the job's first node records it and every node uses the
  // recorded value. lease.max_owned caps this node's share (a node takes
  // min(max_owned, ceil(partitions / live nodes))). The roster heartbeat
  // uses lease.renew_interval and lease.ttl.
  LeaseOptions lease;
  // Stream and consumer settings (job and partitions are filled in).
  HandoffOptions handoff;
  // Credentials and TLS trust for the connection.
  NatsSecurity security;
  // After joining, the node heartbeats and reads the roster for this long
  // before it takes any partition. Default: none (the CLI's is 2 s).
  Duration join_window = Duration::zero();
};

// A URL pulled from an owned partition, with what acking it needs.
struct PulledUrl {
  uint32_t partition = 0;
  DeliveredUrl delivered;
};

class ClusterNode {
 public:
  static Result<std::unique_ptr<ClusterNode>> Join(ClusterNodeOptions options, const Clock& clock);

  // Writes `value` under `key` of the job's bucket unless a node did before;
  // returns the value the job has (the first writer's).
  Result<std::string> RecordOnce(const std::string& key, const std::string& value);

  // Writes the heartbeat, reads the roster, sets this node's share, renews,
  // drops and takes leases, and starts or drops the partition consumers to
  // match. Call every few seconds (well under lease.renew_interval).
  Status Tick();

  // The end of the join window: the first Tick at or after it takes this
  // node's share.
  SteadyTime claims_from() const { return claims_from_; }

  // The job is finished: keep (and renew) what is owned until Leave, take
  // nothing more (a partition a finished node gives up is not work).
  void StopTakingPartitions() { taking_ = false; }

  // Owned partitions beyond this node's share (another node joined): the
  // engine stops starting requests on them, lets in-flight ones commit,
  // then calls ReleasePartition for each.
  std::vector<uint32_t> Surplus() const;
  // Drops the partition's consumer and gives its lease up.
  Status ReleasePartition(uint32_t partition);
  uint32_t share() const { return share_; }

  uint32_t partitions() const { return partitions_; }
  uint32_t PartitionOfHost(std::string_view host_key) const;
  bool OwnsHost(std::string_view host_key) const;
  // Whether a request to `host_key` may start now (LeaseManager::MayStartRequests).
  bool MayStartRequests(std::string_view host_key) const;
  // When requests to the partition's hosts may start (LeaseManager::RequestWindowOf).
  std::optional<LeaseManager::RequestWindow> RequestWindow(uint32_t partition) const {
    return leases_->RequestWindowOf(partition);
  }
  std::vector<uint32_t> OwnedPartitions() const { return leases_->Owned(); }
  // Partitions taken, and how many waited the takeover delay.
  LeaseManager::Counts lease_counts() const { return leases_->counts(); }

  // Publishes a followed URL to its host's partition; durable on return.
  Status Route(std::string_view host_key, const HandoffUrl& url);
  // Publishes URLs (host key, URL) with one wait for all the stream's acks
  // (UrlHandoff::PublishAll); OK: all are durable. The one call that may run
  // on another thread while the node's loop runs (one such caller at a
  // time): it reads only the partition count, fixed at Join, and libnats
  // publishes are thread-safe.
  Status RouteAll(const std::vector<std::pair<std::string, HandoffUrl>>& urls);
  // Up to `max` URLs from the owned partitions on which requests may start
  // now (a malformed message is an error item: report it and Ack it). `wait` bounds each
  // partition's pull when it has nothing.
  Result<std::vector<PulledUrl>> PullOwned(int max, Duration wait);
  // The same for one owned partition (nothing when it is not owned or may
  // not start requests now): a caller that must stay responsive pulls the
  // partitions one at a time with a short wait.
  Result<std::vector<PulledUrl>> PullPartition(uint32_t partition, int max, Duration wait);
  // Owned partitions whose lease this node could not renew in time
  // (LeaseManager::Ending): their requests must stop now.
  std::vector<uint32_t> EndingPartitions() const;
  // After the commit that records the URL's fetch (see AckDelivered).
  Status Ack(PulledUrl& pulled) { return AckDelivered(pulled.delivered); }
  // A commit batch's URLs with one round trip (AckAllDelivered).
  Status AckAll(std::vector<PulledUrl>& pulled);

  // True when URLs were published to the job and none is pending or unacked.
  Result<bool> JobFinished();

  // Gives up every lease (after the engine stopped and committed).
  Status Leave();

  // Writes this node's counts under node.NODE (status --cluster).
  Status PutStatus(const NodeStatus& status);

  // The partition's seen log (cluster/seen_log.h): append the digests of
  // URLs whose fetch a batch committed, before acking them; read it all
  // when the partition is acquired.
  Status AppendSeen(uint32_t partition, std::span<const UrlDigest> digests) {
    return seen_log_->Append(partition, digests);
  }
  Result<std::vector<UrlDigest>> ReadSeen(uint32_t partition, size_t* malformed = nullptr) {
    return seen_log_->Read(partition, malformed);
  }

 private:
  ClusterNode(std::unique_ptr<NatsConnection> connection, KvStorePtr bucket, const Clock& clock)
      : connection_(std::move(connection)), bucket_(std::move(bucket)), clock_(clock) {}
  // Pulled URLs of `partition` go to the engine: requests may follow.
  void NoteDelivered(uint32_t partition, size_t count);

  std::unique_ptr<NatsConnection> connection_;
  KvStorePtr bucket_;
  const Clock& clock_;
  std::string node_id_;
  uint32_t partitions_ = 0;
  uint32_t max_owned_ = 0;  // the configured cap
  uint32_t share_ = 0;      // min(cap, ceil(partitions / live nodes)), set by Tick
  SteadyTime claims_from_;  // the end of the join window
  bool taking_ = true;
  std::unique_ptr<NodeRoster> roster_;
  std::unique_ptr<LeaseManager> leases_;
  std::unique_ptr<UrlHandoff> handoff_;
  std::unique_ptr<SeenLog> seen_log_;
  std::map<uint32_t, std::unique_ptr<PartitionConsumer>> consumers_;
};

// The job's KV bucket: "nc_<job>".
std::string JobBucketName(const std::string& job);

}  // namespace nc::cluster
