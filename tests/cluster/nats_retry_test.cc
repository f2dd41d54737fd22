// The "no responders" retry of the NATS layer (cluster/nats_client.h,
// RetryWhileNoResponders): bounded, only for that status, and, against a
// real nats-server, a KV put and a batch of hand-off publishes that meet a
// stream another client creates while they are being retried go through.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cluster/lease_manager.h"
#include "cluster/nats_client.h"
#include "cluster/url_handoff.h"
#include "tests/cluster/nats_connection_test.h"

namespace nc::cluster {
namespace {

constexpr NoRespondersRetry kQuick{5, std::chrono::milliseconds(0)};

TEST(NatsRetry, NoRespondersIsTriedAgainUntilTheStreamAnswers) {
  int calls = 0;
  natsStatus status =
      RetryWhileNoResponders([&] { return ++calls < 3 ? NATS_NO_RESPONDERS : NATS_OK; }, kQuick);
  EXPECT_EQ(status, NATS_OK);
  EXPECT_EQ(calls, 3);
}

// RetryWhileNoResponders over a call that always answers `answer`: the
// status it returned and how many times it made the call.
std::pair<natsStatus, int> RetryAlways(natsStatus answer) {
  int calls = 0;
  const natsStatus status = RetryWhileNoResponders(
      [&] {
        ++calls;
        return answer;
      },
      kQuick);
  return {status, calls};
}

TEST(NatsRetry, TheRetryIsBounded) {
  const auto [status, calls] = RetryAlways(NATS_NO_RESPONDERS);
  EXPECT_EQ(status, NATS_NO_RESPONDERS);
  EXPECT_EQ(calls, 1 + kQuick.retries);
}

TEST(NatsRetry, OtherFailuresAreNotRetried) {
  for (natsStatus failure : {NATS_TIMEOUT, NATS_NOT_FOUND, NATS_ERR, NATS_CONNECTION_CLOSED}) {
    const auto [status, calls] = RetryAlways(failure);
    EXPECT_EQ(status, failure);
    EXPECT_EQ(calls, 1);
  }
}

// Against a real nats-server: `connection_` is the client that deletes a
// stream and creates it again while another client's request is retried.
class NatsRetryWithServer : public testing::NatsConnectionTest {
 protected:
  NatsRetryWithServer() : NatsConnectionTest("creator") {}
};

// While it lives, each no-responders retry is counted, and at the first one
// `recreate` runs (another node creating the missing stream meanwhile); what
// it made is kept in made(). The test hook is cleared however the test ends.
template <class Made>
class RecreatedAtFirstRetry {
 public:
  explicit RecreatedAtFirstRetry(std::function<Result<Made>()> recreate) {
    SetBeforeNoRespondersRetryForTesting([this, recreate = std::move(recreate)](int retry) {
      retries_ = retry;
      if (retry != 1) return;
      Result<Made> made = recreate();
      ASSERT_TRUE(made.ok()) << made.error().message;
      made_ = std::move(*made);
    });
  }
  ~RecreatedAtFirstRetry() { SetBeforeNoRespondersRetryForTesting(nullptr); }
  RecreatedAtFirstRetry(const RecreatedAtFirstRetry&) = delete;
  RecreatedAtFirstRetry& operator=(const RecreatedAtFirstRetry&) = delete;

  int retries() const { return retries_; }
  Made& made() { return made_; }

 private:
  int retries_ = 0;
  Made made_{};
};

// What nodes started together met on a loaded machine: a KV put to a
// bucket whose stream is not there to answer. Here the bucket is deleted
// under a client's handle; at the first retry another client creates it,
// and the revision-checked create the lease code makes goes through.
TEST_F(NatsRetryWithServer, AKvPutMeetingABucketCreatedMeanwhileGoesThrough) {
  auto writer = NatsConnection::Connect(server_.url(), "writer");
  ASSERT_TRUE(writer.ok()) << writer.error().message;
  auto bucket = (*writer)->OpenOrCreateBucket("nc_late");
  ASSERT_TRUE(bucket.ok()) << bucket.error().message;
  ASSERT_EQ(js_DeleteKeyValue(connection_->jetstream(), "nc_late"), NATS_OK);

  RecreatedAtFirstRetry<KvStorePtr> recreated(
      [&] { return connection_->OpenOrCreateBucket("nc_late"); });
  auto written = CreateLease(bucket->get(), 7, "writer");
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_TRUE(written->has_value());
  EXPECT_GE(recreated.retries(), 1) << "the put did not meet a missing stream";
  ASSERT_TRUE(recreated.made());
  auto read = ReadLease(recreated.made().get(), 7);
  ASSERT_TRUE(read.ok() && read->has_value());
  EXPECT_EQ((*read)->owner, "writer");
}

// The same for a batch of asynchronous publishes (UrlHandoff::PublishAll,
// how a page's links go to the job): every URL is in the stream once.
TEST_F(NatsRetryWithServer, AHandoffBatchMeetingAStreamCreatedMeanwhileGoesThrough) {
  auto publisher = NatsConnection::Connect(server_.url(), "publisher");
  ASSERT_TRUE(publisher.ok()) << publisher.error().message;
  HandoffOptions options;
  options.job = "late";
  options.partitions = 4;
  auto handoff = UrlHandoff::Open(**publisher, options);
  ASSERT_TRUE(handoff.ok()) << handoff.error().message;
  ASSERT_EQ(js_DeleteStream(connection_->jetstream(), HandoffStreamName("late").c_str(), nullptr,
                            nullptr),
            NATS_OK);

  RecreatedAtFirstRetry<std::unique_ptr<UrlHandoff>> recreated(
      [&] { return UrlHandoff::Open(*connection_, options); });
  std::vector<std::pair<uint32_t, HandoffUrl>> urls;
  for (uint32_t i = 0; i < 8; ++i) {
    urls.emplace_back(i % 4, HandoffUrl{"http://a.test/" + std::to_string(i), 1, 0});
  }
  Status published = (*handoff)->PublishAll(urls);
  ASSERT_TRUE(published.ok()) << published.error().message;
  EXPECT_GE(recreated.retries(), 1) << "the batch did not meet a missing stream";
  ASSERT_TRUE(recreated.made());
  auto counts = recreated.made()->Counts();
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(counts->messages, urls.size());
}

}  // namespace
}  // namespace nc::cluster
