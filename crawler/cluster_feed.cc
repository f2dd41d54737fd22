#include "crawler/cluster_feed.h"

#include <algorithm>
#include <iostream>
#include <utility>

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
  for (const storage::OutlinkRecord& link : links) {
    if (!link.follow) continue;
    urls.emplace_back(link.host_key, cluster::HandoffUrl{link.target, link.depth, link.redirects});
  }
  if (urls.empty()) return Status::Ok();
  std::lock_guard route_lock(route_mutex_);
  // A failed batch may be partly durable: publishing it again is harmless
  // (the stream drops a URL it saw within its duplicate window).
  Status routed = node_->RouteAll(urls);
  if (!routed.ok()) routed = node_->RouteAll(urls);
  if (routed.ok()) {
    std::lock_guard lock(mutex_);
    counts_.routed += urls.size();
  }
  return routed;
}

void ClusterFeed::Committed(const std::vector<std::string>& done_urls) {
  if (done_urls.empty()) return;
  std::lock_guard lock(mutex_);
  to_ack_.insert(to_ack_.end(), done_urls.begin(), done_urls.end());
  wake_.notify_one();
}

void ClusterFeed::Absorbed(std::vector<std::string> urls) { Committed(urls); }

ClusterFeed::Counts ClusterFeed::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
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
  next_tick_ = clock_.Now() + options_.tick_interval;
  if (Status ticked = node_->Tick(); !ticked.ok()) Warn(ticked.error().message);
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
  owned_ = owned;
  for (uint32_t partition : node_->EndingPartitions()) {
    Fail(MakeError("cluster.lease", "the lease of partition " + std::to_string(partition) +
                                        " ends without renewal (is the NATS server reachable?); "
                                        "stopping this node"));
  }
  for (uint32_t partition : node_->Surplus()) draining_.insert(partition);
  if (!finished_reported_) {
    auto finished = node_->JobFinished();
    if (!finished.ok()) {
      Warn(finished.error().message);
    } else if (*finished) {
      finished_reported_ = true;
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
    // Every URL pulled from it is committed and acked: another node may take it.
    if (Status released = node_->ReleasePartition(*it); !released.ok()) {
      Warn(released.error().message);
    }
    owned_.erase(*it);
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
  for (cluster::PulledUrl& p : *pulled) {
    if (!p.delivered.url.ok()) {
      // Outside input that can never be fetched: say so, and ack it.
      Warn("partition " + std::to_string(p.partition) + ": dropped a malformed message: " +
           p.delivered.url.error().message);
      malformed.push_back(std::move(p));
      continue;
    }
    const cluster::HandoffUrl& url = *p.delivered.url;
    intake.push_back(ClusterIntakeUrl{url.url, url.depth, url.redirects});
    ++parked_by_partition_[p.partition];
    ++parked_total_;
    parked_[url.url].push_back(std::move(p));
  }
  if (!malformed.empty()) (void)node_->AckAll(malformed);
  {
    std::lock_guard lock(mutex_);
    counts_.pulled += intake.size();
  }
  if (!intake.empty() && callbacks_.deliver) callbacks_.deliver(std::move(intake));
  return true;
}

void ClusterFeed::Fail(Error error) {
  if (failed_) return;
  failed_ = true;
  if (callbacks_.failed) callbacks_.failed(std::move(error));
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
  return node_->Leave();
}

}  // namespace nc
