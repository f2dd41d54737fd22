#pragma once
// URL hand-off between the nodes of a cluster job (docs/scale-out.md, "URL
// hand-off"): stream "NC_<job>" with work-queue retention holds, on subject
// "nc.<job>.part.N", the URLs of partition N not yet fetched; durable pull
// consumer "part-N" delivers them to the partition's owner, who acks each
// one only after the batch commit that records its fetch. Unacked messages
// stay in the stream, so a node killed with kill -9 loses none: the next
// owner recreates the consumer (takeover) and receives them at once.
//
// Threads: a UrlHandoff and its PartitionConsumers are used from one thread
// at a time (the node's cluster loop); libnats has its own I/O thread.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "cluster/handoff_message.h"
#include "cluster/nats_client.h"
#include "common/clock.h"
#include "common/result.h"

namespace nc::cluster {

struct HandoffOptions {
  // The job's name: letters, digits, '-', '_'. Required.
  std::string job;
  // Number of partitions of the job. Default: 1024.
  uint32_t partitions = 1024;
  // Unacked messages one partition's consumer may hold (the owner's intake
  // window). Default: 20000.
  int64_t max_ack_pending = 20000;
  // Redelivery to the same consumer after this long without an ack. Long on
  // purpose: takeover recreates the consumer instead. Default: 1 h.
  Duration ack_wait = std::chrono::hours(1);
  // Publishing the same URL again within this window is dropped by the
  // stream (Nats-Msg-Id). Default: 2 min.
  Duration duplicate_window = std::chrono::minutes(2);
  // Copies of the stream (and of the job's KV buckets) on a JetStream
  // cluster: 3 survives the loss of one server. Applies when the job's
  // first node creates them. Default: 1 (one server).
  int replicas = 1;
};

Status ValidateJobName(const std::string& job);
std::string HandoffStreamName(const std::string& job);                     // "NC_<job>"
std::string PartitionSubject(const std::string& job, uint32_t partition);  // "nc.<job>.part.N"
std::string PartitionConsumerName(uint32_t partition);                     // "part-N"

// One delivered message. Ack it after the commit that records its fetch;
// destroying it unacked leaves it in the stream for redelivery.
struct DeliveredUrl {
  Result<HandoffUrl> url = HandoffUrl();  // an error when the body is malformed
  uint64_t stream_sequence = 0;
  NatsMsgPtr message;
};

// Acknowledges, waiting for the server's confirmation: afterwards the
// message is gone from the stream. Call it only after the commit that
// records the URL's fetch; it is right even if the partition was lost since
// (the fetch is committed, so the next owner need not repeat it).
Status AckDelivered(DeliveredUrl& delivered);

// Acknowledges a commit batch's messages with one round trip: all but the
// last are sent without waiting, the last waits for the server, which
// handles a connection's acks in order. Messages already acked are skipped.
Status AckAllDelivered(std::span<DeliveredUrl> delivered);

class PartitionConsumer {
 public:
  PartitionConsumer(uint32_t partition, SubscriptionPtr subscription)
      : partition_(partition), subscription_(std::move(subscription)) {}

  // Up to `max` messages, waiting at most `wait` when none is there (an empty
  // vector then). A malformed body is delivered as an error item: report it
  // and Ack it, as it can never be fetched.
  Result<std::vector<DeliveredUrl>> Pull(int max, Duration wait);
  Status Ack(DeliveredUrl& delivered) { return AckDelivered(delivered); }

  uint32_t partition() const { return partition_; }

 private:
  const uint32_t partition_;
  SubscriptionPtr subscription_;
};

class UrlHandoff {
 public:
  // Creates the job's stream when it does not exist (or checks it does).
  // `connection` must outlive the UrlHandoff.
  static Result<std::unique_ptr<UrlHandoff>> Open(NatsConnection& connection,
                                                  HandoffOptions options);

  // Publishes `url` for `partition` and waits for the stream's ack, so the
  // URL is durable when this returns. A duplicate within the window is
  // accepted and dropped by the stream.
  Status Publish(uint32_t partition, const HandoffUrl& url);

  // Publishes a page's followed URLs together: sent without waiting, then
  // one wait for all the stream's acks (about ten times cheaper per URL than
  // Publish on loopback). OK means every URL is durable; an error means some
  // may not be, and the caller publishes the whole batch again (duplicates
  // are dropped by the stream).
  Status PublishAll(const std::vector<std::pair<uint32_t, HandoffUrl>>& urls);

  // Starts consuming `partition`. With `takeover`, the partition's consumer
  // is deleted and recreated first, so every message the previous owner had
  // not acked is delivered now instead of after ack_wait.
  Result<std::unique_ptr<PartitionConsumer>> Consume(uint32_t partition, bool takeover);

  // Messages in the stream: not yet delivered plus delivered and not acked.
  Result<uint64_t> PendingMessages();
  struct StreamCounts {
    uint64_t messages = 0;       // pending plus unacked
    uint64_t last_sequence = 0;  // 0: nothing was ever published
  };
  Result<StreamCounts> Counts();

  const HandoffOptions& options() const { return options_; }

 private:
  UrlHandoff(NatsConnection& connection, HandoffOptions options)
      : connection_(connection), options_(std::move(options)) {}
  Status EnsureStream();
  Status EnsureConsumer(uint32_t partition, bool recreate);

  NatsConnection& connection_;
  const HandoffOptions options_;
};

}  // namespace nc::cluster
