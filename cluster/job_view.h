#pragma once
// What `newscrawl status --cluster URL --job NAME` shows: the job's
// partition count, who owns how many partitions, the nodes that wrote
// heartbeats, each node's counts (node.NODE: URLs pulled, acknowledged,
// published), and the URLs waiting in the hand-off stream. Read-only: it
// joins nothing and creates nothing.
//
// Threads: the caller's (the CLI's main thread).

#include <cstdint>
#include <map>
#include <string>

#include "cluster/nats_client.h"
#include "cluster/node_status.h"
#include "common/result.h"

namespace nc::cluster {

struct JobView {
  std::string job;
  uint32_t partitions = 0;
  std::map<std::string, uint32_t> partitions_by_owner;  // node id -> leases held
  uint32_t partitions_unowned = 0;                      // never taken, or released
  std::map<std::string, uint64_t> heartbeats;           // node id -> heartbeats written
  std::map<std::string, NodeStatus> node_status;        // node id -> its counts (node.NODE)
  std::map<std::string, std::string> node_status_errors;  // node id -> why its value is unusable
  uint64_t urls_waiting = 0;    // in the stream: not yet fetched, or being fetched
  uint64_t urls_published = 0;  // ever accepted by the stream
  bool finished = false;        // URLs were published and none waits
};

// Errors: "nats.connect" (no server), "cluster.no_job" (no such job there).
// `security`: credentials and TLS trust, as a node's (--cluster-creds, --cluster-ca).
Result<JobView> ReadJobView(const std::string& server_url, const std::string& job,
                            const NatsSecurity& security = {});
std::string FormatJobView(const JobView& view);

}  // namespace nc::cluster
