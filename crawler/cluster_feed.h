#pragma once
// ClusterFeed: a crawl engine's link to its cluster job (`crawl --cluster`,
// docs/scale-out.md). It owns the job's cluster::ClusterNode on a thread of
// its own, because every NATS call blocks on a round trip and the engine's
// network thread must not: that thread ticks the leases and the roster,
// pulls the URLs of the partitions this node owns and hands them to the
// engine (intake), acknowledges each URL after the commit that records its
// outcome, drains and releases partitions another node should have, and
// says when the whole job is finished. It keeps each partition's seen log
// (cluster/seen_log.h): appended with every acknowledged batch, read when
// the partition is acquired, so that a URL an earlier owner fetched is
// acknowledged without a second fetch.
//
// What the engine promises in return (the completion invariant of
// cluster/cluster_node.h): a page's followed links are routed (RouteLinks,
// durable on return) before its record is submitted to the writer, so
// before its own URL can be acknowledged.
//
// Politeness per request: the engine asks BeginRequest at the moment a
// request to a host would start, and the feed says yes only while the
// host's partition is owned and inside its lease's request window
// (cluster/partition_gate.h). A partition is released only once its gate
// is closed and no request on it is in flight, so after a release (SIGINT,
// rebalance, `-unused:`) or a lost lease this node sends nothing to its
// hosts, whatever its scheduler still holds (a resumed store's queue).
//
// Threads: Start from the network thread (the engine's Prepare), RouteLinks
// from worker threads and the writer thread, Committed from the writer
// thread, Absorbed, BeginRequest and EndRequest from the network thread,
// Finish from the thread that ran the engine, after Run. The Callbacks are
// called on the feed's thread.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

#include "cluster/cluster_node.h"
#include "cluster/partition_gate.h"
#include "common/clock.h"
#include "common/result.h"
#include "storage/records.h"

namespace nc {

struct ClusterFeedOptions {
  cluster::ClusterNodeOptions node;
  // Publish the run's seeds when it starts (crawl); resume does not.
  bool route_seeds = true;
  // URLs pulled and not yet acknowledged, at most (bounds the intake the
  // engine holds in its store and scheduler).
  size_t max_parked = 4096;
  // How often the leases and roster are ticked and completion checked.
  Duration tick_interval = std::chrono::seconds(1);
  // URLs this node remembers having published (16 bytes each), so that each
  // is published once; past this the memory is cleared and starts over.
  size_t max_remembered_publishes = size_t{1} << 20;
};

// A URL pulled from an owned partition, for the engine's intake.
struct ClusterIntakeUrl {
  std::string url;  // canonical key
  uint32_t depth = 0;
  uint32_t redirects = 0;
  std::vector<uint64_t> redirect_chain;  // a RedirectChain (frontier/redirect_chain.h)
};

class ClusterFeed {
 public:
  // Connects and joins the job (cluster::ClusterNode::Join); the thread
  // starts with Start().
  static Result<std::unique_ptr<ClusterFeed>> Join(ClusterFeedOptions options);
  ~ClusterFeed();
  ClusterFeed(const ClusterFeed&) = delete;
  ClusterFeed& operator=(const ClusterFeed&) = delete;

  // Before Start: the job's value under `key`, recording `value` when no
  // node did before (ClusterNode::RecordOnce).
  Result<std::string> RecordOnce(const std::string& key, const std::string& value);

  struct Callbacks {
    std::function<void(std::vector<ClusterIntakeUrl>)> deliver;  // pulled URLs
    std::function<void()> finished;                              // once: the job is done
    std::function<void(Error)> failed;  // this node must stop (a lease lost or ending)
  };
  // Routes `seeds` (with route_seeds), then starts the feed's thread.
  Status Start(const std::vector<storage::OutlinkRecord>& seeds, Callbacks callbacks);

  // Publishes the followed ones of `links` to their partitions; OK means
  // durable. A URL this node published before is not published again: it
  // is durable already (in the stream, or fetched by its owner). Any thread.
  Status RouteLinks(const std::vector<storage::OutlinkRecord>& links);
  // A batch committed the outcome of these URLs: acknowledge them.
  void Committed(const std::vector<std::string>& done_urls);
  // The engine's intake found nothing to fetch for these URLs (already
  // fetched, unparsable): acknowledge them.
  void Absorbed(const std::vector<std::string>& urls);

  // The network thread, at the moment a request to `host_key` would start
  // (a page or robots.txt): true when this node may send it now, counted in
  // flight until EndRequest; false when the host's partition is not open
  // to it (not owned, in the takeover delay, at its lease's end, or being
  // released): the engine then drops the dispatch (counted in
  // counts().withdrawn). Cheap: a hash and three atomics.
  bool BeginRequest(std::string_view host_key);
  // The request BeginRequest allowed has ended.
  void EndRequest(std::string_view host_key);
  // Whether a URL of `host_key` may be recorded without a request now (a
  // robots.txt denial): the same test, nothing counted.
  bool OwnsHostNow(std::string_view host_key) const;
  // A dispatch BeginRequest or OwnsHostNow refused was dropped.
  void CountWithdrawn();

  // After the engine's run: acknowledges what was committed, gives every
  // lease up (the other nodes take the partitions over at once, after their
  // takeover delay) and stops the thread.
  Status Finish();

  struct Counts {
    uint64_t pulled = 0;
    uint64_t acked = 0;
    uint64_t routed = 0;  // URLs published (each once per node)
    uint64_t seen_absorbed = 0;  // pulled URLs the seen log showed fetched before
    uint64_t partitions_taken = 0;
    uint64_t partitions_delayed = 0;  // of those, taken with the takeover delay
    // Dispatches of hosts whose partition was not open to this node when
    // they would have started (released, lost, or not owned): not sent.
    uint64_t withdrawn = 0;
  };
  Counts counts() const;

 private:
  explicit ClusterFeed(ClusterFeedOptions options) : options_(std::move(options)) {}
  void Loop();
  void TickOnce();
  bool AckQueued();
  void ReleaseDrained();
  // Opens the gates of the owned partitions on their lease windows (not
  // those closed for release) and closes the others'.
  void UpdateGates();
  // A partition newly owned: its seen log, read into seen_.
  void ReadSeenLog(uint32_t partition);
  bool PullOnce();
  void Fail(Error error);
  void Warn(const std::string& message);
  // Writes this node's counts to the job (node.NODE) when they changed.
  void PutStatus(const std::string& state);

  const ClusterFeedOptions options_;
  SystemClock clock_;
  std::unique_ptr<cluster::ClusterNode> node_;
  std::unique_ptr<cluster::PartitionGates> gates_;  // sized at Join; any thread
  std::atomic<uint64_t> withdrawn_{0};
  Callbacks callbacks_;
  std::thread thread_;
  std::mutex route_mutex_;  // one RouteLinks at a time (one wait for its acks)

  // What RouteLinks published (URL digests), guarded by route_mutex_.
  using DigestSet = std::unordered_set<cluster::UrlDigest, cluster::UrlDigestHash>;
  DigestSet published_;

  // --- shared with the feed's thread, guarded by mutex_ ---
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::vector<std::string> to_ack_;
  Counts counts_;

  // --- the feed's thread only (and Finish, after it joined) ---
  // Pulled, not yet acknowledged, by URL (duplicates are acked together).
  std::map<std::string, std::vector<cluster::PulledUrl>> parked_;
  std::map<uint32_t, size_t> parked_by_partition_;
  size_t parked_total_ = 0;
  std::set<uint32_t> owned_;
  // Per owned partition, the URLs its seen log says an owner fetched.
  std::map<uint32_t, DigestSet> seen_;
  std::set<uint32_t> draining_;
  // Of draining_, those drained whose gate is closed: released once no
  // request on them is in flight.
  std::set<uint32_t> closed_for_release_;
  size_t next_pull_ = 0;
  SteadyTime next_tick_{};
  bool finished_reported_ = false;
  bool failed_ = false;
  std::string last_warning_;
  std::optional<cluster::NodeStatus> last_status_;  // as last written
};

}  // namespace nc
