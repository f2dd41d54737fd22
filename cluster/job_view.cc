#include "cluster/job_view.h"

#include <charconv>
#include <sstream>

#include "cluster/cluster_node.h"
#include "cluster/lease_manager.h"
#include "cluster/nats_client.h"
#include "cluster/node_roster.h"
#include "cluster/url_handoff.h"

namespace nc::cluster {

namespace {

// Opens an existing bucket; nullptr when it does not exist.
Result<KvStorePtr> OpenBucket(NatsConnection& connection, const std::string& name) {
  kvStore* kv = nullptr;
  natsStatus status = RetryWhileNoResponders(
      [&] { return js_KeyValue(&kv, connection.jetstream(), name.c_str()); });
  if (status == NATS_NOT_FOUND) return KvStorePtr();
  if (status != NATS_OK) return NatsError("js_KeyValue", status);
  return KvStorePtr(kv);
}

Result<std::string> GetString(kvStore* kv, const std::string& key) {
  kvEntry* raw = nullptr;
  natsStatus status = RetryWhileNoResponders([&] { return kvStore_Get(&raw, kv, key.c_str()); });
  if (status != NATS_OK) return NatsError("kvStore_Get", status);
  KvEntryPtr entry(raw);
  const char* data = static_cast<const char*>(kvEntry_Value(entry.get()));
  return std::string(data == nullptr ? "" : data, kvEntry_ValueLen(entry.get()));
}

}  // namespace

Result<JobView> ReadJobView(const std::string& server_url, const std::string& job,
                            const NatsSecurity& security) {
  if (Status valid = ValidateJobName(job); !valid.ok()) return valid.error();
  auto connection = NatsConnection::Connect(server_url, "newscrawl-status", security);
  if (!connection.ok()) return connection.error();
  auto bucket = OpenBucket(**connection, JobBucketName(job));
  if (!bucket.ok()) return bucket.error();
  if (!*bucket) {
    return MakeError("cluster.no_job",
                     "no cluster job \"" + job + "\" on " + WithoutSecrets(server_url));
  }
  JobView view;
  view.job = job;
  auto partitions = GetString(bucket->get(), "partitions");
  if (!partitions.ok()) return partitions.error();
  auto [end, error] =
      std::from_chars(partitions->data(), partitions->data() + partitions->size(), view.partitions);
  if (error != std::errc() || end != partitions->data() + partitions->size()) {
    return MakeError("cluster.job", "job " + job + ": recorded partition count \"" + *partitions +
                                        "\" is not a number");
  }
  for (uint32_t p = 0; p < view.partitions; ++p) {
    auto lease = ReadLease(bucket->get(), p);
    if (!lease.ok()) return lease.error();
    if (!lease->has_value() || IsReleasedLease((*lease)->owner)) {
      ++view.partitions_unowned;
    } else {
      ++view.partitions_by_owner[(*lease)->owner];
    }
  }
  auto roster = OpenBucket(**connection, RosterBucketName(job));
  if (!roster.ok()) return roster.error();
  if (*roster) {
    kvKeysList keys{nullptr, 0};
    natsStatus status =
        RetryWhileNoResponders([&] { return kvStore_Keys(&keys, roster->get(), nullptr); });
    if (status != NATS_OK && status != NATS_NOT_FOUND) return NatsError("kvStore_Keys", status);
    for (int i = 0; i < keys.Count; ++i) {
      auto beats = GetString(roster->get(), keys.Keys[i]);
      uint64_t count = 0;
      if (beats.ok()) std::from_chars(beats->data(), beats->data() + beats->size(), count);
      view.heartbeats[keys.Keys[i]] = count;
    }
    kvKeysList_Destroy(&keys);
  }
  // Every node named by a lease or a heartbeat may have written its counts.
  std::map<std::string, bool> ids;
  for (const auto& [id, count] : view.heartbeats) ids[id] = true;
  for (const auto& [id, count] : view.partitions_by_owner) ids[id] = true;
  for (const auto& [id, unused] : ids) {
    kvEntry* raw = nullptr;
    const std::string key = NodeStatusKey(id);
    natsStatus got =
        RetryWhileNoResponders([&] { return kvStore_Get(&raw, bucket->get(), key.c_str()); });
    if (got == NATS_NOT_FOUND) continue;
    if (got != NATS_OK) return NatsError("kvStore_Get", got);
    KvEntryPtr entry(raw);
    const char* data = static_cast<const char*>(kvEntry_Value(entry.get()));
    auto status = DecodeNodeStatus(
        std::string_view(data == nullptr ? "" : data, kvEntry_ValueLen(entry.get())));
    if (status.ok()) {
      view.node_status[id] = std::move(*status);
    } else {
      view.node_status_errors[id] = status.error().message;
    }
  }
  jsStreamInfo* info = nullptr;
  jsErrCode js_error = jsErrCode(0);
  const std::string stream = HandoffStreamName(job);
  natsStatus status = RetryWhileNoResponders([&] {
    return js_GetStreamInfo(&info, (*connection)->jetstream(), stream.c_str(), nullptr, &js_error);
  });
  if (status == NATS_OK) {
    StreamInfoPtr owned(info);
    view.urls_waiting = owned->State.Msgs;
    view.urls_published = owned->State.LastSeq;
  } else if (status != NATS_NOT_FOUND && js_error != JSStreamNotFoundErr) {
    return NatsError("js_GetStreamInfo", status, js_error);
  }
  view.finished = view.urls_published > 0 && view.urls_waiting == 0;
  return view;
}

std::string FormatJobView(const JobView& view) {
  std::ostringstream out;
  out << "job:           " << view.job << (view.finished ? " (finished)\n" : "\n")
      << "partitions:    " << view.partitions << " (" << view.partitions_unowned
      << " without owner)\n"
      << "urls waiting:  " << view.urls_waiting << " (published: " << view.urls_published << ")\n"
      << "nodes:\n";
  std::map<std::string, bool> ids;
  for (const auto& [id, count] : view.heartbeats) ids[id] = true;
  for (const auto& [id, count] : view.partitions_by_owner) ids[id] = true;
  for (const auto& [id, unused] : ids) {
    auto owned = view.partitions_by_owner.find(id);
    auto beats = view.heartbeats.find(id);
    out << "  " << id << "  partitions "
        << (owned == view.partitions_by_owner.end() ? 0 : owned->second) << "  heartbeats "
        << (beats == view.heartbeats.end() ? 0 : beats->second);
    if (auto status = view.node_status.find(id); status != view.node_status.end()) {
      const NodeStatus& s = status->second;
      out << "  pulled " << s.pulled << "  acked " << s.acked << "  published " << s.published
          << "  seen-log " << s.seen_absorbed << "  " << s.state;
    } else if (auto bad = view.node_status_errors.find(id); bad != view.node_status_errors.end()) {
      out << "  (" << bad->second << ")";
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace nc::cluster
