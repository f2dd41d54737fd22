// Per-message cost of the cluster's JetStream traffic on loopback
// (docs/scale-out.md): a URL published with a synchronous publish ack, pulled
// in batches and acked (synchronously, and asynchronously with one flush per
// batch), and a lease renewal. Starts its own nats-server (file storage in a
// temporary directory). Prints figures; asserts nothing.
#include <chrono>
#include <cstdio>
#include <string>

#include "cluster/lease_manager.h"
#include "cluster/nats_client.h"
#include "cluster/url_handoff.h"
#include "tests/cluster/nats_server_helpers.h"

namespace {

using Clock = std::chrono::steady_clock;

double MicrosPer(Clock::time_point start, int count) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count() / count;
}

int Fail(const std::string& what) {
  std::fprintf(stderr, "bench_cluster_handoff: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main() {
  using namespace nc::cluster;
  using nc::Status;
  nc::testing::NatsServer server;
  if (!server.available()) return Fail("nats-server not installed (scripts/setup.sh)");
  if (!server.error().empty()) return Fail(server.error());
  auto connection = NatsConnection::Connect(server.url(), "bench");
  if (!connection.ok()) return Fail(connection.error().message);
  HandoffOptions options;
  options.job = "bench";
  options.partitions = 2;
  auto handoff = UrlHandoff::Open(**connection, options);
  if (!handoff.ok()) return Fail(handoff.error().message);

  constexpr int kMessages = 5000;
  constexpr int kBatch = 100;
  for (uint32_t partition : {0u, 1u}) {
    auto start = Clock::now();
    for (int i = 0; i < kMessages; ++i) {
      std::string url = "http://host" + std::to_string(i % 97) + ".test/p" +
                        std::to_string(partition) + "/article-" + std::to_string(i);
      Status published = (*handoff)->Publish(partition, HandoffUrl{url, 2, 0});
      if (!published.ok()) return Fail(published.error().message);
    }
    std::printf("publish with pub-ack (partition %u): %.1f us/URL\n", partition,
                MicrosPer(start, kMessages));
  }

  // Partition 0 again: a page's links sent together, one wait for the acks.
  auto batch_start = Clock::now();
  for (int first = 0; first < kMessages; first += kBatch) {
    std::vector<std::pair<uint32_t, HandoffUrl>> batch;
    for (int i = first; i < first + kBatch; ++i) {
      batch.emplace_back(0, HandoffUrl{"http://batch.test/article-" + std::to_string(i), 2, 0});
    }
    Status published = (*handoff)->PublishAll(batch);
    if (!published.ok()) return Fail(published.error().message);
  }
  std::printf("publish %d at a time, one wait for the acks: %.1f us/URL\n", kBatch,
              MicrosPer(batch_start, kMessages));

  // Partition 0: every ack waits for the server's confirmation.
  auto consumer = (*handoff)->Consume(0, false);
  if (!consumer.ok()) return Fail(consumer.error().message);
  auto start = Clock::now();
  int received = 0;
  while (received < 2 * kMessages) {
    auto pulled = (*consumer)->Pull(kBatch, std::chrono::seconds(2));
    if (!pulled.ok() || pulled->empty()) return Fail("pull returned nothing");
    for (auto& d : *pulled) {
      if (Status acked = (*consumer)->Ack(d); !acked.ok()) return Fail(acked.error().message);
    }
    received += static_cast<int>(pulled->size());
  }
  std::printf("pull (batch %d) + synchronous ack: %.1f us/URL\n", kBatch,
              MicrosPer(start, 2 * kMessages));

  // Partition 1: AckAllDelivered, one round trip per batch.
  consumer = (*handoff)->Consume(1, false);
  if (!consumer.ok()) return Fail(consumer.error().message);
  start = Clock::now();
  received = 0;
  while (received < kMessages) {
    auto pulled = (*consumer)->Pull(kBatch, std::chrono::seconds(2));
    if (!pulled.ok() || pulled->empty()) return Fail("pull returned nothing");
    if (Status acked = AckAllDelivered(*pulled); !acked.ok()) return Fail(acked.error().message);
    received += static_cast<int>(pulled->size());
  }
  std::printf("pull (batch %d) + AckAllDelivered (one wait per batch): %.1f us/URL\n", kBatch,
              MicrosPer(start, kMessages));

  auto bucket = (*connection)->OpenOrCreateBucket("nc_bench");
  if (!bucket.ok()) return Fail(bucket.error().message);
  auto created = CreateLease(bucket->get(), 0, "bench");
  if (!created.ok() || !created->has_value()) return Fail("cannot create a lease");
  uint64_t revision = **created;
  constexpr int kRenewals = 2000;
  start = Clock::now();
  for (int i = 0; i < kRenewals; ++i) {
    auto renewed = UpdateLease(bucket->get(), 0, "bench", revision);
    if (!renewed.ok() || !renewed->has_value()) return Fail("renewal failed");
    revision = **renewed;
  }
  std::printf("lease renewal (revision-checked KV update): %.1f us\n", MicrosPer(start, kRenewals));
  return 0;
}
