// `newscrawl crawl --cluster URL --job NAME` and `resume --cluster`: one node
// of a crawl job shared over NATS JetStream (docs/scale-out.md). This file
// joins the job, settles the job's config (recorded once, by the first
// node) and runs the engine with a ClusterFeed; the engine's cluster mode
// is crawler/crawl_cluster.cc.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <iostream>

#include "crawler/cli/cli.h"
#include "crawler/cli/commands.h"
#include "crawler/cluster_feed.h"
#include "crawler/crawl_job.h"

namespace nc {
namespace {

// Of a new job; recorded by its first node (so the CLI's default decides).
// Every owned partition is pulled in turn, so a node owning all of them
// goes round 256 short pulls (~0.5 s idle) rather than 1024.
constexpr uint32_t kDefaultPartitions = 256;
constexpr double kDefaultLeaseTtlSeconds = 90;
// Long enough for nodes started by one command (a loop over ssh, a systemd
// target) to see each other's first heartbeat before any claims a partition.
constexpr double kDefaultJoinWindowSeconds = 2;
constexpr const char* kConfigKey = "config";

std::string DefaultNodeId() {
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  std::string id;
  for (const char* c = host; *c != '\0'; ++c) {
    id.push_back(std::isalnum(static_cast<unsigned char>(*c)) || *c == '-' || *c == '_' ? *c : '-');
  }
  if (id.empty()) id = "node";
  return id + "-" + std::to_string(getpid());
}

// What a cluster node cannot do yet; "" when `config` is fine.
std::string UnsupportedInCluster(const CrawlConfig& config) {
  if (config.watch > 0) return "--watch (crawl.watch) is not supported with --cluster yet";
  if (config.max_pages != 0) return "--max-pages (crawl.max_pages) is not supported with --cluster yet";
  if (config.max_pages_per_host != 0) {
    return "--max-pages-per-host (crawl.max_pages_per_host) is not supported with --cluster yet";
  }
  return "";
}

// The job's config when another node recorded it: theirs, with this node's
// seeds added and its machine-local settings (addresses, trust, store size).
Result<CrawlConfig> JobConfig(const std::string& recorded, const CrawlConfig& ours,
                              const std::string& job) {
  if (recorded == ConfigToToml(ours)) return ours;
  CrawlConfig config;
  if (Status s = LoadConfigText(recorded, "the config of cluster job " + job, config); !s.ok()) {
    return s.error();
  }
  for (const std::string& seed : ours.seeds) {
    if (std::find(config.seeds.begin(), config.seeds.end(), seed) == config.seeds.end()) {
      config.seeds.push_back(seed);
    }
  }
  config.resolve = ours.resolve;
  config.ca_file = ours.ca_file;
  config.verify_tls = ours.verify_tls;
  config.allow_private_networks = ours.allow_private_networks;
  config.max_store_mib = ours.max_store_mib;
  return config;
}

cluster::ClusterNodeOptions NodeOptions(const ClusterFlags& flags, const CrawlConfig& config) {
  cluster::ClusterNodeOptions options;
  options.server_url = flags.url;
  options.job = flags.job;
  options.security.credentials_file = flags.creds_file;
  options.security.ca_file = flags.ca_file;
  cluster::LeaseOptions& lease = options.lease;
  lease.node_id = flags.node_id.empty() ? DefaultNodeId() : flags.node_id;
  lease.partitions = flags.partitions != 0 ? flags.partitions : kDefaultPartitions;
  const double ttl = flags.lease_ttl > 0 ? flags.lease_ttl : kDefaultLeaseTtlSeconds;
  lease.ttl = FromSeconds(ttl);
  lease.renew_interval = FromSeconds(ttl / 9);
  // No request may outlive the lease it started under.
  lease.request_deadline = FromSeconds(config.total_timeout);
  // The longest delay between two requests to a host this job may have to
  // keep (a robots.txt Crawl-delay is honoured up to max_crawl_delay).
  lease.takeover_delay = FromSeconds(std::max(config.min_delay, config.max_crawl_delay));
  // Nodes started together see each other before any takes a partition.
  options.join_window =
      FromSeconds(flags.join_window >= 0 ? flags.join_window : kDefaultJoinWindowSeconds);
  return options;
}

sigset_t StopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

// SIGINT and SIGTERM are held back while the node joins its job: one that
// comes then stays pending, instead of its default action killing the
// process (exit 130) between two steps of the join. Blocked before any
// thread starts (libnats', the engine's), so every thread inherits the
// mask; the engine unblocks them once its handler is in place
// (CrawlEngine::Run), and one still pending is handled there.
void HoldStopSignals() {
  const sigset_t signals = StopSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

bool StopSignalPending() {
  sigset_t pending;
  sigemptyset(&pending);
  if (sigpending(&pending) != 0) return false;
  return sigismember(&pending, SIGINT) == 1 || sigismember(&pending, SIGTERM) == 1;
}

}  // namespace

int RunClusterJob(const ClusterFlags& flags, CrawlConfig config, const std::string& store_dir,
                  const ObserveFlags& observe, bool is_resume,
                  const std::function<void(CrawlConfig&)>& apply_overrides) {
  if (flags.url.empty() || flags.job.empty()) {
    std::cerr << "newscrawl: a cluster node needs both --cluster URL and --job NAME\n";
    return kExitUsage;
  }
  const std::vector<std::string> own_seeds = is_resume ? std::vector<std::string>() : config.seeds;
  if (is_resume) {
    auto stored = LoadJobConfig(store_dir);
    if (!stored.ok()) {
      std::cerr << "newscrawl: " << stored.error().message << "\n";
      return kExitFailure;
    }
    config = std::move(*stored);
    apply_overrides(config);
  }
  if (std::string why = UnsupportedInCluster(config); !why.empty()) {
    std::cerr << "newscrawl: " << why << "\n";
    return kExitUsage;
  }
  if (Status s = ValidateConfig(config); !s.ok()) {
    std::cerr << "newscrawl: " << s.error().message << "\n";
    return kExitUsage;
  }
  if (Status s = CheckSeeds(config); !s.ok()) {
    std::cerr << "newscrawl: " << s.error().message << "\n";
    return kExitUsage;
  }
  ClusterFeedOptions feed_options;
  feed_options.node = NodeOptions(flags, config);
  feed_options.route_seeds = !own_seeds.empty();
  if (Status s = cluster::ValidateLeaseOptions(feed_options.node.lease); !s.ok()) {
    std::cerr << "newscrawl: " << s.error().message
              << " (--cluster-lease-ttl must exceed the fetch total timeout by a ninth)\n";
    return kExitUsage;
  }
  HoldStopSignals();
  if (!observe.quiet) {
    std::cerr << "newscrawl: joining cluster job " << flags.job << " as node "
              << feed_options.node.lease.node_id << " on " << cluster::WithoutSecrets(flags.url)
              << "\n";
  }
  auto feed = ClusterFeed::Join(feed_options);
  if (!feed.ok()) {
    std::cerr << "newscrawl: " << feed.error().message << "\n";
    return ExitCodeFor(feed.error());
  }
  if (!is_resume) {
    // The first node records the job's config; later ones use it.
    auto recorded = (*feed)->RecordOnce(kConfigKey, ConfigToToml(config));
    if (!recorded.ok()) {
      std::cerr << "newscrawl: " << recorded.error().message << "\n";
      return kExitFailure;
    }
    auto job_config = JobConfig(*recorded, config, flags.job);
    if (!job_config.ok()) {
      std::cerr << "newscrawl: " << job_config.error().message << "\n";
      return kExitFailure;
    }
    config = std::move(*job_config);
    if (config.seeds.empty()) {
      std::cerr << "newscrawl: cluster job " << flags.job
                << " has no seeds yet: give the first node at least one --seed URL\n";
      return kExitUsage;
    }
  }
  if (StopSignalPending()) {
    // Ctrl-C while joining: the node leaves as it would after a crawl (its
    // status "left"), with nothing to hand over: it takes no partition in
    // its join window, and the engine has not started.
    Status left = (*feed)->Finish();
    std::cerr << "newscrawl: stopped while joining cluster job " << flags.job
              << ": no partition taken, nothing fetched"
              << (left.ok() ? std::string() : "; leaving the job: " + left.error().message) << "\n";
    return kExitInterrupted;
  }
  auto store = OpenJobStore(store_dir,
                            is_resume ? storage::OpenMode::kOpenExisting
                                      : storage::OpenMode::kOpenOrCreate,
                            config);
  if (!store.ok()) {
    std::cerr << "newscrawl: " << store.error().message << "\n";
    return kExitFailure;
  }
  const int code = RunJobAndReport(config, **store, store_dir, observe, feed->get());
  const ClusterFeed::Counts counts = (*feed)->counts();
  std::fprintf(stderr,
               "newscrawl: cluster job %s, node %s: %llu URLs pulled, %llu acknowledged, %llu "
               "published; %llu partitions taken, %llu of them after the takeover delay\n",
               flags.job.c_str(), feed_options.node.lease.node_id.c_str(),
               static_cast<unsigned long long>(counts.pulled),
               static_cast<unsigned long long>(counts.acked),
               static_cast<unsigned long long>(counts.routed),
               static_cast<unsigned long long>(counts.partitions_taken),
               static_cast<unsigned long long>(counts.partitions_delayed));
  if (counts.withdrawn != 0) {
    std::fprintf(stderr,
                 "newscrawl: %llu dispatch(es) not sent: their partition was no longer this "
                 "node's (released or lost); the URLs stay queued here and in the job\n",
                 static_cast<unsigned long long>(counts.withdrawn));
  }
  return code;
}

}  // namespace nc
