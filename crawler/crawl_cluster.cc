// Cluster mode of the crawl engine (crawl --cluster, docs/scale-out.md): the
// few places where a cluster node differs from a single-node crawl. Seeds
// and followed links are published to the job (ClusterFeed) instead of
// queued in this store; the URLs of this node's partitions come back as
// intake, enter the store's frontier (AddClusterUrls: not watched) and the
// scheduler as seeds do, and are acknowledged once the commit that records
// them is done.
#include <boost/asio/post.hpp>
#include <iostream>
#include <set>
#include <span>

#include "crawler/crawl_engine_impl.h"

namespace nc {

Status CrawlEngine::Impl::StartCluster(const std::vector<storage::OutlinkRecord>& seeds) {
  ClusterFeed::Callbacks callbacks;
  callbacks.deliver = [this](std::vector<ClusterIntakeUrl> urls) {
    asio::post(ioc, [this, urls = std::move(urls)]() mutable { IntakeClusterUrls(std::move(urls)); });
  };
  callbacks.finished = [this] {
    asio::post(ioc, [this] {
      cluster_finished = true;
      Wake();
    });
  };
  callbacks.failed = [this](Error error) {
    asio::post(ioc, [this, error = std::move(error)]() mutable {
      if (!fatal) fatal = std::move(error);
      BeginStop();
    });
  };
  return cluster->Start(seeds, std::move(callbacks));
}

void CrawlEngine::Impl::IntakeClusterUrls(std::vector<ClusterIntakeUrl> urls) {
  std::vector<storage::OutlinkRecord> records;
  std::vector<std::string> absorbed;  // nothing to fetch: acknowledged at once
  for (ClusterIntakeUrl& intake : urls) {
    auto url = ParseUrl(intake.url);
    if (!url.ok()) {
      std::cerr << "newscrawl: cluster: a URL from the job does not parse, dropped: "
                << intake.url << ": " << url.error().message << "\n";
      absorbed.push_back(std::move(intake.url));
      continue;
    }
    storage::OutlinkRecord record;
    record.target = std::move(intake.url);
    record.host_key = host_keyer->Key(*url);
    record.role = LinkRole::kHeadline;
    record.follow = true;
    record.depth = intake.depth;
    record.redirects = intake.redirects;
    // A redirect target keeps its chain across nodes: a redirect back to
    // any URL of it ends as a loop here too (frontier/redirect_chain.h).
    record.redirect_chain = std::move(intake.redirect_chain);
    records.push_back(std::move(record));
  }
  // One transaction for the batch; when it is refused (a host key the
  // frontier cannot hold), one at a time, so only the bad URL is dropped.
  std::vector<storage::CommitReport::Enqueued> enqueued;
  auto added = store.AddClusterUrls(records, clock.WallMillis());
  if (added.ok()) {
    enqueued = std::move(added->enqueued);
  } else {
    std::vector<storage::OutlinkRecord> kept;
    for (storage::OutlinkRecord& record : records) {
      auto one = store.AddClusterUrls(std::span(&record, 1), clock.WallMillis());
      if (!one.ok()) {
        std::cerr << "newscrawl: cluster: " << one.error().message << "\n";
        absorbed.push_back(record.target);
        continue;
      }
      for (auto& e : one->enqueued) enqueued.push_back(std::move(e));
      kept.push_back(std::move(record));
    }
    records = std::move(kept);
  }
  std::set<std::string_view> new_urls;
  for (const auto& e : enqueued) new_urls.insert(e.url.url);
  for (const storage::OutlinkRecord& record : records) {
    if (new_urls.contains(record.target)) continue;
    auto page = store.GetPage(record.target);
    if (page.ok() && *page) {
      absorbed.push_back(record.target);  // fetched already: the seen-set absorbs it
    } else {
      // Queued here already (an earlier delivery, or an earlier run): the
      // scheduler loads the host's stored queue.
      scheduler->AddStoredHost(record.host_key);
    }
  }
  progress.enqueued += enqueued.size();
  for (auto& e : enqueued) scheduler->Enqueue(e.host_key, std::move(e.url));
  if (!absorbed.empty()) cluster->Absorbed(absorbed);
  Wake();
}

bool CrawlEngine::Impl::RouteClusterLinks(storage::BatchRecord& record) {
  auto* page = std::get_if<storage::PageRecord>(&record);
  if (page == nullptr) return true;
  page->admit_followed = false;
  Status routed = cluster->RouteLinks(page->links);
  if (routed.ok()) return true;
  asio::post(ioc, [this, error = routed.error()]() mutable {
    if (!fatal) {
      fatal = MakeError("cluster.publish",
                        "could not publish the links of a page to the job: " + error.message);
    }
    BeginStop();
  });
  return false;
}

bool CrawlEngine::Impl::AdmitClusterDispatch(const Dispatch& d) {
  const bool request =
      d.kind == Dispatch::Kind::kFetchPage || d.kind == Dispatch::Kind::kFetchRobots;
  if (request ? cluster->BeginRequest(d.host_key) : cluster->OwnsHostNow(d.host_key)) return true;
  // The host's partition was released or lost (or never taken) since its
  // URLs reached the scheduler: another node may be fetching it now. The
  // host's queue is dropped from memory; its URLs stay queued in the store
  // (not recorded, so a later owner of the partition here still has them),
  // and the job's copies in the stream go to the partition's owner.
  scheduler->Withdraw(d);
  cluster->CountWithdrawn();
  return false;
}

void CrawlEngine::Impl::OnClusterCommit(storage::CommitReport& report) {
  // A robots.txt's sitemaps are the job's: published before this batch's
  // URLs are acknowledged, so the job cannot look finished without them.
  // (Anything a commit queued here would be too; nothing is, normally.)
  std::vector<storage::OutlinkRecord> queued = std::move(report.job_links);
  for (const auto& e : report.enqueued) {
    storage::OutlinkRecord link;
    link.target = e.url.url;
    link.host_key = e.host_key;
    link.follow = true;
    link.depth = e.url.depth;
    link.redirects = e.url.redirects;
    link.redirect_chain = e.url.redirect_chain;
    queued.push_back(std::move(link));
  }
  if (Status routed = cluster->RouteLinks(queued); !routed.ok()) {
    asio::post(ioc, [this, error = routed.error()]() mutable {
      if (!fatal) fatal = MakeError("cluster.publish", "could not publish to the job: " + error.message);
      BeginStop();
    });
    return;  // unacknowledged: the URLs stay in the stream
  }
  cluster->Committed(report.done_urls);
}

}  // namespace nc
