// The seen log of a job against a real nats-server: what one owner appends
// to a partition's log is what the next owner reads, partition by
// partition; and the digest codec, whose input comes from the job's
// subjects.

#include "cluster/seen_log.h"

#include <gtest/gtest.h>

#include "tests/cluster/nats_server_helpers.h"

namespace nc::cluster {
namespace {

TEST(SeenLogCodec, DigestsRoundTripAndABadLengthIsAnError) {
  const std::vector<UrlDigest> digests = {UrlDigestOf("https://a.test/"),
                                          UrlDigestOf("https://a.test/x")};
  EXPECT_NE(digests[0], digests[1]);
  EXPECT_EQ(UrlDigestOf("https://a.test/"), digests[0]);  // the same on every node
  const std::string body = EncodeSeenDigests(digests);
  ASSERT_EQ(body.size(), 32u);
  auto decoded = DecodeSeenDigests(body);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, digests);
  auto bad = DecodeSeenDigests(body.substr(0, 20));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "cluster.bad_seen_log");
  // SHA-256("abc"), first 16 bytes: fixed, so every build agrees.
  EXPECT_EQ(UrlDigestOf("abc").high, 0xba7816bf8f01cfeaULL);
  EXPECT_EQ(UrlDigestOf("abc").low, 0x414140de5dae2223ULL);
}

TEST(SeenLog, WhatOneOwnerAppendsTheNextReadsPerPartition) {
  testing::NatsServer server;
  NC_REQUIRE_NATS_SERVER(server);
  auto first = NatsConnection::Connect(server.url(), "old-owner");
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto log = SeenLog::Open(**first, "news", 1);
  ASSERT_TRUE(log.ok()) << log.error().message;
  auto empty = (*log)->Read(2);
  ASSERT_TRUE(empty.ok()) << empty.error().message;
  EXPECT_TRUE(empty->empty());

  const std::vector<UrlDigest> batch1 = {UrlDigestOf("https://a.test/"),
                                         UrlDigestOf("https://a.test/1")};
  const std::vector<UrlDigest> batch2 = {UrlDigestOf("https://a.test/2")};
  const std::vector<UrlDigest> other = {UrlDigestOf("https://b.test/")};
  ASSERT_TRUE((*log)->Append(2, batch1).ok());
  ASSERT_TRUE((*log)->Append(3, other).ok());
  // Anyone who can publish to the job's subjects may send garbage: skipped.
  const std::string garbage = "not digests";
  ASSERT_EQ(js_Publish(nullptr, (*first)->jetstream(), SeenSubject("news", 2).c_str(),
                       garbage.data(), static_cast<int>(garbage.size()), nullptr, nullptr),
            NATS_OK);
  ASSERT_TRUE((*log)->Append(2, batch2).ok());

  // Another node (its own connection, the stream made already) reads it.
  auto second = NatsConnection::Connect(server.url(), "new-owner");
  ASSERT_TRUE(second.ok()) << second.error().message;
  auto next = SeenLog::Open(**second, "news", 1);
  ASSERT_TRUE(next.ok()) << next.error().message;
  size_t malformed = 0;
  auto read = (*next)->Read(2, &malformed);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(malformed, 1u);
  EXPECT_EQ(*read, (std::vector<UrlDigest>{batch1[0], batch1[1], batch2[0]}));
  auto read3 = (*next)->Read(3);
  ASSERT_TRUE(read3.ok()) << read3.error().message;
  EXPECT_EQ(*read3, other);
  auto read1 = (*next)->Read(1);
  ASSERT_TRUE(read1.ok());
  EXPECT_TRUE(read1->empty());
}

}  // namespace
}  // namespace nc::cluster
