#include "crawler/cluster_feed.h"

#include <algorithm>
#include <functional>
#include <iostream>
#include <utility>

#include "cluster/partition.h"

namespace nc {
namespace {

// Each pull waits this long at most when its partition has nothing, so
// acknowledgements and ticks never wait behind a round of idle partitions.
constexpr auto kPullWait = std::chrono::milliseconds(2);
constexpr int kMaxPullBatch = 256;
// With nothing to pull, ack or tick, the thread sleeps this long (or until
// Committed, Absorbed or Finish wakes it).
constexpr auto kIdleWait = std::chrono::milliseconds(20);

}  // namespace

Result<std::unique_ptr<ClusterFeed>> ClusterFeed::Join(ClusterFeedOptions options) {
  std::unique_ptr<ClusterFeed> feed(new ClusterFeed(std::move(options)));
  auto node = cluster::ClusterNode::Join(feed->options_.node, feed->clock_);
  if (!node.ok()) return node.error();
  feed->node_ = std::move(*node);
  feed->gates_ = std::make_unique<cluster::PartitionGates>(feed->node_->partitions());
  return feed;
}

ClusterFeed::~ClusterFeed() {
  if (thread_.joinable()) (void)Finish();
}

Result<std::string> ClusterFeed::RecordOnce(const std::string& key, const std::string& value) {
  return node_->RecordOnce(key, value);
}

Status ClusterFeed::Start(const std::vector<storage::OutlinkRecord>& seeds, Callbacks callbacks) {
  callbacks_ = std::move(callbacks);
  if (options_.route_seeds) {
    if (Status routed = RouteLinks(seeds); !routed.ok()) return routed;
  }
  // The first tick here, so the node holds its leases before it says it runs.
  TickOnce();
  thread_ = std::thread([this] { Loop(); });
  return Status::Ok();
}

Status ClusterFeed::RouteLinks(const std::vector<storage::OutlinkRecord>& links) {
  std::vector<std::pair<std::string, cluster::HandoffUrl>> urls;
  DigestSet digests;
  std::lock_guard route_lock(route_mutex_);
  for (const storage::OutlinkRecord& link : links) {
    if (!link.follow) continue;
    // Published once per node: a news site links every page to its home
    // and sections, and a repeat would cost a publish round for nothing.
    // (A digest collision would drop a URL: 128 bits keep it out of reach.)
    const cluster::UrlDigest digest = cluster::UrlDigestOf(link.target);
    if (published_.contains(digest) || !digests.insert(digest).second) continue;
    urls.emplace_back(link.host_key, cluster::HandoffUrl{link.target, link.depth, link.redirects,
                                                         link.redirect_chain});
  }
  if (urls.empty()) return Status::Ok();
  // A failed batch may be partly durable: publishing it again is harmless
  // (the stream drops a URL it saw within its duplicate window).
  Status routed = node_->RouteAll(urls);
  if (!routed.ok()) routed = node_->RouteAll(urls);
  if (!routed.ok()) return routed;
  // Bounded memory: forgetting only costs a repeat publish, which the
  // stream's duplicate window or the owner's seen-set absorbs.
  if (published_.size() + digests.size() > options_.max_remembered_publishes) published_.clear();
  published_.insert(digests.begin(), digests.end());
  std::lock_guard lock(mutex_);
  counts_.routed += urls.size();
  return routed;
}

void ClusterFeed::Committed(const std::vector<std::string>& done_urls) {
  if (done_urls.empty()) return;
  std::lock_guard lock(mutex_);
  to_ack_.insert(to_ack_.end(), done_urls.begin(), done_urls.end());
  wake_.notify_one();
}

void ClusterFeed::Absorbed(const std::vector<std::string>& urls) { Committed(urls); }

ClusterFeed::Counts ClusterFeed::counts() const {
  std::lock_guard lock(mutex_);
  Counts counts = counts_;
  counts.withdrawn = withdrawn_.load();
  return counts;
}

bool ClusterFeed::BeginRequest(std::string_view host_key) {
  return gates_->Enter(node_->PartitionOfHost(host_key), clock_.Now());
}

void ClusterFeed::EndRequest(std::string_view host_key) {
  gates_->Leave(node_->PartitionOfHost(host_key));
}

bool ClusterFeed::OwnsHostNow(std::string_view host_key) const {
  return gates_->IsOpen(node_->PartitionOfHost(host_key), clock_.Now());
}

void ClusterFeed::CountWithdrawn() { withdrawn_.fetch_add(1); }

void ClusterFeed::UpdateGates() {
  const uint32_t partitions = gates_->partitions();
  std::vector<bool> open(partitions, false);
  for (uint32_t partition : owned_) {
    if (partition >= partitions || closed_for_release_.contains(partition)) continue;
    if (auto window = node_->RequestWindow(partition)) {
      gates_->Open(partition, window->from, window->until);
      open[partition] = true;
    }
  }
  for (uint32_t partition = 0; partition < partitions; ++partition) {
    if (!open[partition]) gates_->Close(partition);
  }
}

void ClusterFeed::Loop() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stop_) return;
    }
    bool busy = false;
    if (clock_.Now() >= next_tick_) {
      TickOnce();
      busy = true;
    }
    busy |= AckQueued();
    ReleaseDrained();
    busy |= PullOnce();
    if (!busy) {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, kIdleWait, [this] { return stop_ || !to_ack_.empty(); });
    }
  }
}

void ClusterFeed::TickOnce() {
  const SteadyTime now = clock_.Now();
  next_tick_ = now + options_.tick_interval;
  // In the join window, the next tick comes when it ends, not up to a tick
  // interval later.
  if (node_->claims_from() > now) next_tick_ = std::min(next_tick_, node_->claims_from());
  if (Status ticked = node_->Tick(); !ticked.ok()) Warn(ticked.error().message);
  {
    const cluster::LeaseManager::Counts leases = node_->lease_counts();
    std::lock_guard lock(mutex_);
    counts_.partitions_taken = leases.acquired;
    counts_.partitions_delayed = leases.delayed;
  }
  const std::vector<uint32_t> now_owned = node_->OwnedPartitions();
  const std::set<uint32_t> owned(now_owned.begin(), now_owned.end());
  // A partition gone without our release was taken (our renewals failed for
  // a ttl): its hosts may be fetched by another node from now on.
  for (uint32_t partition : owned_) {
    if (!owned.contains(partition)) {
      Fail(MakeError("cluster.lease", "partition " + std::to_string(partition) +
                                          " was taken by another node (its lease was not "
                                          "renewed in time); stopping this node"));
    }
  }
  for (uint32_t partition : owned) {
    if (!owned_.contains(partition)) ReadSeenLog(partition);
  }
  owned_ = owned;
  // Before anything is pulled under the new leases, and at once for those
  // lost: the engine asks the gates per request.
  UpdateGates();
  for (uint32_t partition : node_->EndingPartitions()) {
    Fail(MakeError("cluster.lease", "the lease of partition " + std::to_string(partition) +
                                        " ends without renewal (is the NATS server reachable?); "
                                        "stopping this node"));
  }
  for (uint32_t partition : node_->Surplus()) draining_.insert(partition);
  PutStatus("running");
  if (!finished_reported_) {
    auto finished = node_->JobFinished();
    if (!finished.ok()) {
      Warn(finished.error().message);
    } else if (*finished) {
      finished_reported_ = true;
      node_->StopTakingPartitions();
      if (callbacks_.finished) callbacks_.finished();
    }
  }
}

bool ClusterFeed::AckQueued() {
  std::vector<std::string> urls;
  {
    std::lock_guard lock(mutex_);
    urls.swap(to_ack_);
  }
  if (urls.empty()) return false;
  std::vector<cluster::PulledUrl> batch;
  for (const std::string& url : urls) {
    auto it = parked_.find(url);
    if (it == parked_.end()) continue;  // not pulled (or acked already)
    for (cluster::PulledUrl& pulled : it->second) {
      --parked_by_partition_[pulled.partition];
      --parked_total_;
      batch.push_back(std::move(pulled));
    }
    parked_.erase(it);
  }
  if (batch.empty()) return true;
  // The seen log first: once acked, a URL may come back (published again
  // later) to a new owner, which must find it there.
  std::map<uint32_t, std::vector<cluster::UrlDigest>> by_partition;
  for (const cluster::PulledUrl& pulled : batch) {
    if (pulled.delivered.url.ok()) {
      by_partition[pulled.partition].push_back(cluster::UrlDigestOf(pulled.delivered.url->url));
    }
  }
  for (const auto& [partition, digests] : by_partition) {
    // A failed append costs at most a refetch after a takeover: said, not fatal.
    if (Status appended = node_->AppendSeen(partition, digests); !appended.ok()) {
      Warn(appended.error().message);
    }
  }
  // An ack can fail only for a partition this node no longer owns (its
  // consumer was recreated by the next owner): that URL is fetched again
  // there, which the refetch bound allows for.
  if (Status acked = node_->AckAll(batch); !acked.ok()) Warn(acked.error().message);
  std::lock_guard lock(mutex_);
  counts_.acked += batch.size();
  return true;
}

void ClusterFeed::ReleaseDrained() {
  for (auto it = draining_.begin(); it != draining_.end();) {
    if (parked_by_partition_[*it] != 0) {
      ++it;
      continue;
    }
    // Every URL pulled from it is committed and acked. Whatever else the
    // engine holds of its hosts (a resumed store's queue) is not sent from
    // now on, and the lease goes once the requests in flight have ended:
    // then another node may take it.
    closed_for_release_.insert(*it);
    if (gates_->Close(*it) != 0) {
      ++it;
      continue;
    }
    if (Status released = node_->ReleasePartition(*it); !released.ok()) {
      Warn(released.error().message);
    }
    owned_.erase(*it);
    seen_.erase(*it);
    closed_for_release_.erase(*it);
    it = draining_.erase(it);
  }
}

bool ClusterFeed::PullOnce() {
  if (failed_ || parked_total_ >= options_.max_parked || owned_.empty()) return false;
  // One partition per call, in turn, so the loop stays responsive.
  std::vector<uint32_t> candidates;
  for (uint32_t partition : owned_) {
    if (!draining_.contains(partition)) candidates.push_back(partition);
  }
  if (candidates.empty()) return false;
  const uint32_t partition = candidates[next_pull_++ % candidates.size()];
  const int room = static_cast<int>(
      std::min<size_t>(kMaxPullBatch, options_.max_parked - parked_total_));
  auto pulled = node_->PullPartition(partition, room, kPullWait);
  if (!pulled.ok()) {
    Warn(pulled.error().message);
    return false;
  }
  if (pulled->empty()) return false;
  std::vector<ClusterIntakeUrl> intake;
  std::vector<cluster::PulledUrl> malformed;
  std::vector<cluster::PulledUrl> seen_before;  // fetched by an earlier owner
  const auto seen = seen_.find(partition);
  for (cluster::PulledUrl& p : *pulled) {
    if (!p.delivered.url.ok()) {
      // Outside input that can never be fetched: say so, and ack it.
      Warn("partition " + std::to_string(p.partition) + ": dropped a malformed message: " +
           p.delivered.url.error().message);
      malformed.push_back(std::move(p));
      continue;
    }
    const cluster::HandoffUrl& url = *p.delivered.url;
    if (seen != seen_.end() && seen->second.contains(cluster::UrlDigestOf(url.url))) {
      seen_before.push_back(std::move(p));
      continue;
    }
    intake.push_back(ClusterIntakeUrl{url.url, url.depth, url.redirects, url.redirect_chain});
    ++parked_by_partition_[p.partition];
    ++parked_total_;
    parked_[url.url].push_back(std::move(p));
  }
  if (!malformed.empty()) (void)node_->AckAll(malformed);
  if (!seen_before.empty()) {
    if (Status acked = node_->AckAll(seen_before); !acked.ok()) Warn(acked.error().message);
  }
  {
    std::lock_guard lock(mutex_);
    counts_.pulled += intake.size() + seen_before.size();
    counts_.acked += seen_before.size();
    counts_.seen_absorbed += seen_before.size();
  }
  if (!intake.empty() && callbacks_.deliver) callbacks_.deliver(std::move(intake));
  return true;
}

void ClusterFeed::ReadSeenLog(uint32_t partition) {
  size_t malformed = 0;
  auto digests = node_->ReadSeen(partition, &malformed);
  if (!digests.ok()) {
    // Without it a URL fetched by the previous owner may be fetched again
    // (the refetch bound of docs/scale-out.md); the crawl goes on.
    Warn("partition " + std::to_string(partition) + ": seen log not read: " +
         digests.error().message);
    return;
  }
  if (malformed != 0) {
    Warn("partition " + std::to_string(partition) + ": " + std::to_string(malformed) +
         " malformed seen-log message(s) skipped");
  }
  if (digests->empty()) return;
  DigestSet& seen = seen_[partition];
  seen.insert(digests->begin(), digests->end());
}

void ClusterFeed::Fail(Error error) {
  if (failed_) return;
  failed_ = true;
  if (callbacks_.failed) callbacks_.failed(std::move(error));
}

void ClusterFeed::PutStatus(const std::string& state) {
  cluster::NodeStatus status;
  {
    std::lock_guard lock(mutex_);
    status.pulled = counts_.pulled;
    status.acked = counts_.acked;
    status.published = counts_.routed;
    status.seen_absorbed = counts_.seen_absorbed;
  }
  status.state = state;
  if (last_status_ == status) return;
  // Only status --cluster reads it: a failed write is said, not fatal.
  if (Status put = node_->PutStatus(status); !put.ok()) {
    Warn(put.error().message);
    return;
  }
  last_status_ = std::move(status);
}

void ClusterFeed::Warn(const std::string& message) {
  // The same failure every tick is said once.
  if (message == last_warning_) return;
  last_warning_ = message;
  std::cerr << "newscrawl: cluster: " << message << "\n";
}

Status ClusterFeed::Finish() {
  if (thread_.joinable()) {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
      wake_.notify_one();
    }
    thread_.join();
  }
  // The last batches' commits (the writer flushed before the engine's run
  // returned): acknowledged before the leases go, so nobody fetches them again.
  AckQueued();
  parked_.clear();  // unacked: they stay in the stream for the next owner
  // The engine has stopped; nothing starts on these hosts after the leases go.
  for (uint32_t partition = 0; partition < gates_->partitions(); ++partition) {
    gates_->Close(partition);
  }
  PutStatus(finished_reported_ ? "finished" : "left");
  return node_->Leave();
}

}  // namespace nc
