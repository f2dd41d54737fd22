#pragma once
// What `newscrawl status --cluster URL --job NAME` shows: the job's
// partition count, who owns how many partitions, the nodes that wrote
// heartbeats, and the URLs waiting in the hand-off stream. Read-only: it
// joins nothing and creates nothing.
//
// Threads: the caller's (the CLI's main thread).

#include <cstdint>
#include <map>
#include <string>

#include "common/result.h"

namespace nc::cluster {

struct JobView {
  std::string job;
  uint32_t partitions = 0;
  std::map<std::string, uint32_t> partitions_by_owner;  // node id -> leases held
  uint32_t partitions_unowned = 0;                      // never taken, or released
  std::map<std::string, uint64_t> heartbeats;           // node id -> heartbeats written
  uint64_t urls_waiting = 0;    // in the stream: not yet fetched, or being fetched
  uint64_t urls_published = 0;  // ever accepted by the stream
  bool finished = false;        // URLs were published and none waits
};

// Errors: "nats.connect" (no server), "cluster.no_job" (no such job there).
Result<JobView> ReadJobView(const std::string& server_url, const std::string& job);
std::string FormatJobView(const JobView& view);

}  // namespace nc::cluster
