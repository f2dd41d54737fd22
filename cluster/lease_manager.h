#pragma once
// Partition leases of a cluster job, kept in the job's JetStream KV bucket
// (docs/scale-out.md, "Leases"). Key "lease.N" holds the owner's node id,
// "-" when released, or "-unused:" when released by an owner that never
// started a request on it. Every write is revision-checked, so of two nodes
// racing for a partition exactly one wins.
//
// No wall clocks are compared between nodes. The owner's lease is valid until
// (start of its last successful renewal + ttl) on its own clock; an observer
// declares a lease expired when its revision has not changed for ttl on the
// observer's clock, which is never earlier than the owner's own end of
// validity. A new owner waits takeover_delay (the job's min-delay) before
// starting requests, and an owner starts none in the last request_deadline of
// its validity, so the gap between two owners' requests to a host is at least
// min-delay. A partition on which no request was ever sent (its lease newly
// created, or released unused by every owner so far) needs no takeover
// delay: a new job's partitions move to the nodes joining it at once.
//
// Threads: not thread-safe; one thread (the node's cluster loop) calls Tick()
// and the queries. Time comes from the injected Clock, so tests never sleep.

#include <nats/nats.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"

namespace nc::cluster {

struct LeaseOptions {
  // This node's id, unique in the job: letters, digits, '-', '_', '.'.
  // Required.
  std::string node_id;
  // Number of partitions of the job (recorded once per job). Default: 1024.
  uint32_t partitions = 1024;
  // A lease not renewed for this long is expired. Must exceed
  // request_deadline + renew_interval. Default: 90 s.
  Duration ttl = std::chrono::seconds(90);
  // How often an owner renews each lease. Default: 10 s.
  Duration renew_interval = std::chrono::seconds(10);
  // The longest a request may run (the fetcher's total timeout): no request
  // starts later than this before the lease's end. Default: 60 s.
  Duration request_deadline = std::chrono::seconds(60);
  // How long a node waits after taking over a partition that had an owner
  // before its first request (the job's min-delay). Default: 1 s.
  Duration takeover_delay = std::chrono::seconds(1);
  // Most partitions this node takes (its share). Default: no limit.
  uint32_t max_owned = std::numeric_limits<uint32_t>::max();
};

// Checks node_id and the relation between the durations.
Status ValidateLeaseOptions(const LeaseOptions& options);

// The KV key of partition `partition`'s lease: "lease.N".
std::string LeaseKey(uint32_t partition);

// What "lease.N" holds now.
struct LeaseRecord {
  std::string owner;  // node id, "-" when released, "-unused:" released unused
  uint64_t revision = 0;
};
inline constexpr const char* kReleasedLease = "-";
// Released by an owner that never started a request on the partition and
// had taken it without a takeover delay (so nobody ever did): the next owner
// may start at once. ':' is not a node id character, so no node has this
// id; a node that does not know the marker takes it for a live owner, waits
// for it to expire and then the takeover delay: slower, never less polite.
inline constexpr const char* kReleasedUnusedLease = "-unused:";
bool IsReleasedLease(const std::string& owner);

// The revision-checked operations underneath; public so tests can race them.
// nullopt: the key does not exist.
Result<std::optional<LeaseRecord>> ReadLease(kvStore* kv, uint32_t partition);
// Writes `owner` if the key does not exist; the new revision, or nullopt
// when someone else created it first.
Result<std::optional<uint64_t>> CreateLease(kvStore* kv, uint32_t partition,
                                            const std::string& owner);
// Writes `owner` if the key is still at `revision`; the new revision, or
// nullopt when it moved on (someone else wrote it).
Result<std::optional<uint64_t>> UpdateLease(kvStore* kv, uint32_t partition,
                                            const std::string& owner, uint64_t revision);

// Partitions gained and lost since the last TakeEvents().
struct LeaseEvents {
  std::vector<uint32_t> acquired;
  std::vector<uint32_t> lost;  // expired without renewal, or taken by another node
};

class LeaseManager {
 public:
  // `kv` (the job's bucket) and `clock` must outlive the manager.
  LeaseManager(kvStore* kv, LeaseOptions options, const Clock& clock);

  // One round: renews the owned leases that are due, drops those that
  // expired or were taken, then takes free or expired partitions up to
  // max_owned. A KV error is returned after the round (the other partitions
  // are still handled); a lease not renewed because of it stays valid until
  // its time runs out.
  Status Tick();

  LeaseEvents TakeEvents();
  bool Owns(uint32_t partition) const { return owned_.contains(partition); }
  std::vector<uint32_t> Owned() const;
  // Whether a request to a host of `partition` may start now: owned, past the
  // takeover delay, and not in the last request_deadline of the lease.
  bool MayStartRequests(uint32_t partition) const;
  // When requests to the partition's hosts may start under the lease as it
  // stands: from the end of the takeover delay until the last
  // request_deadline of its validity (a renewal moves `until` on).
  // nullopt when the partition is not owned.
  struct RequestWindow {
    SteadyTime from;
    SteadyTime until;
  };
  std::optional<RequestWindow> RequestWindowOf(uint32_t partition) const;
  // Owned and in the last request_deadline of a lease this node could not
  // renew in time: its requests must stop now (the next owner may start at
  // the lease's end).
  bool Ending(uint32_t partition) const;

  // Gives the lease up (the caller has stopped requests on the partition and
  // committed its work): writes "-" at the owned revision. The next owner
  // still waits takeover_delay.
  // A partition that no request was ever sent on is released as
  // "-unused:", and its next owner may start at once.
  Status Release(uint32_t partition);
  Status ReleaseAll();

  // Requests may be sent on `partition` from now on (its URLs were handed
  // to the engine): its release must make the next owner wait.
  void MarkUsed(uint32_t partition);
  // Owned, and no request was ever sent on it by any owner.
  bool Unused(uint32_t partition) const;

  // Partitions taken since the manager was made, and how many of them had
  // to wait the takeover delay (someone may have sent requests on them).
  struct Counts {
    uint64_t acquired = 0;
    uint64_t delayed = 0;
    bool operator==(const Counts&) const = default;
  };
  Counts counts() const { return counts_; }

  void set_max_owned(uint32_t max_owned) { options_.max_owned = max_owned; }
  const LeaseOptions& options() const { return options_; }

 private:
  struct OwnedLease {
    uint64_t revision = 0;
    SteadyTime last_renewal_start;
    SteadyTime valid_until;
    SteadyTime requests_from;  // takeover delay
    bool used = true;          // requests may have been sent on it (by anyone)
  };
  // A lease held by someone else, as this node saw it.
  struct ObservedLease {
    uint64_t revision = 0;
    SteadyTime first_seen;
  };

  Status RenewOwned(SteadyTime now);
  Status AcquireFree(SteadyTime now);
  // `fresh`: no request was ever sent on the partition (no takeover delay).
  void Own(uint32_t partition, uint64_t revision, SteadyTime start, bool fresh);

  kvStore* const kv_;
  LeaseOptions options_;
  const Clock& clock_;
  std::map<uint32_t, OwnedLease> owned_;
  std::map<uint32_t, ObservedLease> observed_;
  LeaseEvents events_;
  Counts counts_;
};

}  // namespace nc::cluster
