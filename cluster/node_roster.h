#pragma once
// Which nodes of a job are alive, so each can take its share of the
// partitions (ceil(partitions / live nodes)). Every node writes a heartbeat
// under its id in the job's roster bucket "nc_<job>_nodes" every
// heartbeat_interval; a node whose key has not changed for ttl on the
// reader's own clock is gone (the same rule as leases: no wall clocks are
// compared between nodes).
//
// Threads: not thread-safe; the node's cluster loop calls it. Time comes from
// the injected Clock.

#include <nats/nats.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cluster/nats_client.h"
#include "common/clock.h"
#include "common/result.h"

namespace nc::cluster {

std::string RosterBucketName(const std::string& job);  // "nc_<job>_nodes"

class NodeRoster {
 public:
  // `connection` and `clock` must outlive the roster.
  static Result<std::unique_ptr<NodeRoster>> Open(NatsConnection& connection,
                                                  const std::string& job,
                                                  const std::string& node_id, Duration ttl,
                                                  Duration heartbeat_interval, const Clock& clock,
                                                  int replicas = 1);

  // Writes this node's heartbeat when due and reads the others' (one KV
  // read per node).
  Status Tick();
  // Live node ids, sorted; this node is always one of them.
  std::vector<std::string> LiveNodes() const;

 private:
  NodeRoster(KvStorePtr bucket, std::string node_id, Duration ttl, Duration heartbeat_interval,
             const Clock& clock)
      : bucket_(std::move(bucket)),
        node_id_(std::move(node_id)),
        ttl_(ttl),
        heartbeat_interval_(heartbeat_interval),
        clock_(clock) {}

  struct Seen {
    uint64_t revision = 0;
    SteadyTime first_seen;
  };

  KvStorePtr bucket_;
  const std::string node_id_;
  const Duration ttl_;
  const Duration heartbeat_interval_;
  const Clock& clock_;
  bool heartbeat_written_ = false;
  SteadyTime last_heartbeat_;
  uint64_t heartbeats_ = 0;
  std::map<std::string, Seen> others_;
};

}  // namespace nc::cluster
