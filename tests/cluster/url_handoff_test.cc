// URL hand-off against a real nats-server: what a partition's owner receives,
// what stays in the stream until it is acked, and what a new owner gets when
// the old one died without acking.

#include "cluster/url_handoff.h"

#include <gtest/gtest.h>

#include <set>

#include "tests/cluster/nats_connection_test.h"

namespace nc::cluster {
namespace {

using std::chrono::milliseconds;

class UrlHandoffTest : public testing::NatsConnectionTest {
 protected:
  UrlHandoffTest() : NatsConnectionTest("handoff-test") {}

  void SetUpConnected() override {
    HandoffOptions options;
    options.job = "news";
    options.partitions = 4;
    auto handoff = UrlHandoff::Open(*connection_, options);
    ASSERT_TRUE(handoff.ok()) << handoff.error().message;
    handoff_ = std::move(*handoff);
  }

  void PublishOk(uint32_t partition, const std::string& url, uint32_t depth = 1) {
    Status status = handoff_->Publish(partition, HandoffUrl{url, depth, 0});
    ASSERT_TRUE(status.ok()) << status.error().message;
  }

  std::unique_ptr<PartitionConsumer> ConsumeOk(uint32_t partition, bool takeover) {
    auto consumer = handoff_->Consume(partition, takeover);
    EXPECT_TRUE(consumer.ok()) << consumer.error().message;
    return consumer.ok() ? std::move(*consumer) : nullptr;
  }

  static std::vector<DeliveredUrl> PullOk(PartitionConsumer& consumer, int max) {
    // The messages are in the stream already; the wait only bounds a pull
    // that finds none.
    auto pulled = consumer.Pull(max, milliseconds(300));
    EXPECT_TRUE(pulled.ok()) << pulled.error().message;
    return pulled.ok() ? std::move(*pulled) : std::vector<DeliveredUrl>();
  }

  // Publishes http://a.test/0 to /(n-1) to `partition`, then pulls them
  // with `*consumer`, a new consumer of it without takeover. It asks for
  // more than n, so that a URL too many would show.
  std::vector<DeliveredUrl> PublishNumberedAndPull(uint32_t partition, int n,
                                                   std::unique_ptr<PartitionConsumer>* consumer) {
    for (int i = 0; i < n; ++i) PublishOk(partition, "http://a.test/" + std::to_string(i));
    *consumer = ConsumeOk(partition, false);
    EXPECT_NE(*consumer, nullptr);
    return *consumer ? PullOk(**consumer, 2 * n) : std::vector<DeliveredUrl>();
  }

  static std::set<std::string> Urls(const std::vector<DeliveredUrl>& delivered) {
    std::set<std::string> urls;
    for (const auto& d : delivered) urls.insert(d.url.ok() ? d.url->url : "error");
    return urls;
  }

  uint64_t Pending() {
    auto pending = handoff_->PendingMessages();
    EXPECT_TRUE(pending.ok()) << pending.error().message;
    return pending.ok() ? *pending : 0;
  }

  std::unique_ptr<UrlHandoff> handoff_;
};

TEST_F(UrlHandoffTest, EachPartitionsOwnerReceivesOnlyItsUrls) {
  PublishOk(2, "http://a.test/1", 3);
  PublishOk(2, "http://a.test/2");
  PublishOk(1, "http://b.test/1");
  auto two = ConsumeOk(2, false);
  ASSERT_NE(two, nullptr);
  auto delivered = PullOk(*two, 10);
  EXPECT_EQ(Urls(delivered), (std::set<std::string>{"http://a.test/1", "http://a.test/2"}));
  ASSERT_FALSE(delivered.empty());
  ASSERT_TRUE(delivered[0].url.ok());
  EXPECT_EQ(*delivered[0].url, (HandoffUrl{"http://a.test/1", 3, 0}));
  EXPECT_GT(delivered[0].stream_sequence, 0u);

  auto three = ConsumeOk(3, false);
  ASSERT_NE(three, nullptr);
  EXPECT_TRUE(PullOk(*three, 10).empty());
}

TEST_F(UrlHandoffTest, UrlsStayInTheStreamUntilAcked) {
  PublishOk(0, "http://a.test/1");
  PublishOk(0, "http://a.test/2");
  auto consumer = ConsumeOk(0, false);
  ASSERT_NE(consumer, nullptr);
  auto delivered = PullOk(*consumer, 10);
  ASSERT_EQ(delivered.size(), 2u);
  EXPECT_EQ(Pending(), 2u);  // delivered is not done
  ASSERT_TRUE(consumer->Ack(delivered[0]).ok());
  EXPECT_EQ(Pending(), 1u);
  ASSERT_TRUE(consumer->Ack(delivered[1]).ok());
  EXPECT_EQ(Pending(), 0u);
  EXPECT_FALSE(consumer->Ack(delivered[1]).ok());  // twice is a caller error
}

TEST_F(UrlHandoffTest, AckAllRemovesACommitBatchWithOneWait) {
  std::unique_ptr<PartitionConsumer> consumer;
  auto delivered = PublishNumberedAndPull(2, 20, &consumer);
  ASSERT_EQ(delivered.size(), 20u);
  ASSERT_TRUE(consumer->Ack(delivered[3]).ok());  // acked alone earlier: skipped
  Status acked = AckAllDelivered(delivered);
  ASSERT_TRUE(acked.ok()) << acked.error().message;
  EXPECT_EQ(Pending(), 0u);
  for (const auto& d : delivered) EXPECT_EQ(d.message, nullptr);
  EXPECT_TRUE(AckAllDelivered(delivered).ok());  // nothing left to ack
}

TEST_F(UrlHandoffTest, NextOwnerGetsWhatTheDeadOwnerHadNotAckedAtOnce) {
  std::unique_ptr<PartitionConsumer> first_owner;
  auto delivered = PublishNumberedAndPull(1, 5, &first_owner);
  ASSERT_EQ(delivered.size(), 5u);
  ASSERT_TRUE(first_owner->Ack(delivered[0]).ok());  // committed before it died
  ASSERT_TRUE(first_owner->Ack(delivered[1]).ok());
  // kill -9: the unacked messages are never acked; ack_wait is an hour.
  std::set<std::string> unacked = Urls({});
  for (size_t i = 2; i < delivered.size(); ++i) unacked.insert(delivered[i].url->url);
  delivered.clear();
  first_owner.reset();

  // Binding to the same consumer without takeover gets nothing for an hour.
  auto without_takeover = ConsumeOk(1, false);
  ASSERT_NE(without_takeover, nullptr);
  EXPECT_TRUE(PullOk(*without_takeover, 10).empty());
  without_takeover.reset();

  auto next_owner = ConsumeOk(1, true);
  ASSERT_NE(next_owner, nullptr);
  auto redelivered = PullOk(*next_owner, 10);
  EXPECT_EQ(Urls(redelivered), unacked);
  for (auto& d : redelivered) ASSERT_TRUE(next_owner->Ack(d).ok());
  EXPECT_EQ(Pending(), 0u);
}

TEST_F(UrlHandoffTest, SameUrlPublishedTwiceWithinTheWindowIsStoredOnce) {
  PublishOk(3, "http://a.test/same");
  PublishOk(3, "http://a.test/same");  // another node found the same link
  EXPECT_EQ(Pending(), 1u);
}

TEST_F(UrlHandoffTest, PublishAllIsDurableWhenItReturns) {
  std::vector<std::pair<uint32_t, HandoffUrl>> urls;
  for (int i = 0; i < 40; ++i) {
    urls.emplace_back(i % 4, HandoffUrl{"http://a.test/" + std::to_string(i), 1, 0});
  }
  urls.emplace_back(0, HandoffUrl{"http://a.test/0", 1, 0});  // a duplicate
  Status published = handoff_->PublishAll(urls);
  ASSERT_TRUE(published.ok()) << published.error().message;
  EXPECT_EQ(Pending(), 40u);
  auto consumer = ConsumeOk(3, false);
  ASSERT_NE(consumer, nullptr);
  EXPECT_EQ(PullOk(*consumer, 100).size(), 10u);
}

TEST_F(UrlHandoffTest, PublishAllRefusesAnOutOfRangePartitionBeforeSendingAny) {
  Status published = handoff_->PublishAll(
      {{0, HandoffUrl{"http://a.test/1", 0, 0}}, {4, HandoffUrl{"http://a.test/2", 0, 0}}});
  EXPECT_FALSE(published.ok());
  EXPECT_EQ(Pending(), 0u);
}

TEST_F(UrlHandoffTest, MalformedMessageIsDeliveredAsAnErrorForThatItem) {
  const std::string subject = PartitionSubject("news", 0);
  const std::string body = "v1 x 0 http://a.test/";
  ASSERT_EQ(js_Publish(nullptr, connection_->jetstream(), subject.c_str(), body.data(),
                       static_cast<int>(body.size()), nullptr, nullptr),
            NATS_OK);
  PublishOk(0, "http://a.test/good");
  auto consumer = ConsumeOk(0, false);
  ASSERT_NE(consumer, nullptr);
  auto delivered = PullOk(*consumer, 10);
  ASSERT_EQ(delivered.size(), 2u);
  ASSERT_FALSE(delivered[0].url.ok());
  EXPECT_EQ(delivered[0].url.error().code, "cluster.bad_handoff");
  EXPECT_TRUE(delivered[1].url.ok());
  for (auto& d : delivered) ASSERT_TRUE(consumer->Ack(d).ok());
  EXPECT_EQ(Pending(), 0u);
}

TEST_F(UrlHandoffTest, SecondNodeOpeningTheJobReusesTheStream) {
  PublishOk(0, "http://a.test/1");
  auto other = NatsConnection::Connect(server_.url(), "handoff-test-2");
  ASSERT_TRUE(other.ok());
  HandoffOptions options;
  options.job = "news";
  options.partitions = 4;
  auto again = UrlHandoff::Open(**other, options);
  ASSERT_TRUE(again.ok()) << again.error().message;
  auto pending = (*again)->PendingMessages();
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(*pending, 1u);
}

TEST_F(UrlHandoffTest, MoreReplicasThanServersIsAClearError) {
  HandoffOptions options;
  options.job = "replicated";
  options.replicas = 3;  // one server here
  auto handoff = UrlHandoff::Open(*connection_, options);
  ASSERT_FALSE(handoff.ok());
  EXPECT_NE(handoff.error().message.find("js_AddStream"), std::string::npos)
      << handoff.error().message;
}

TEST_F(UrlHandoffTest, BadJobNamesAndPartitionsAreRefused) {
  HandoffOptions options;
  options.job = "news.today";  // '.' would split the subject
  EXPECT_FALSE(UrlHandoff::Open(*connection_, options).ok());
  EXPECT_FALSE(handoff_->Publish(4, HandoffUrl{"http://a.test/", 0, 0}).ok());
  EXPECT_FALSE(handoff_->Consume(4, false).ok());
}

}  // namespace
}  // namespace nc::cluster
