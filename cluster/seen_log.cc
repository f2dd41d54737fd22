#include "cluster/seen_log.h"

#include <openssl/sha.h>

namespace nc::cluster {

namespace {

// Messages of at most this many digests (64 KiB), well under the server's
// default 1 MiB message limit.
constexpr size_t kMaxDigestsPerMessage = 4096;
// Reading a log waits this long at most for each next message of an ordered
// consumer (the server sends them at once; this bounds a broken connection).
constexpr int64_t kReadWaitMs = 10000;

uint64_t LoadBigEndian(const unsigned char* bytes) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | bytes[i];
  return value;
}

void AppendBigEndian(uint64_t value, std::string& out) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(value >> shift));
}

}  // namespace

UrlDigest UrlDigestOf(std::string_view url) {
  unsigned char hash[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(url.data()), url.size(), hash);
  return UrlDigest{LoadBigEndian(hash), LoadBigEndian(hash + 8)};
}

std::string EncodeSeenDigests(std::span<const UrlDigest> digests) {
  std::string body;
  body.reserve(digests.size() * kUrlDigestBytes);
  for (const UrlDigest& d : digests) {
    AppendBigEndian(d.high, body);
    AppendBigEndian(d.low, body);
  }
  return body;
}

Result<std::vector<UrlDigest>> DecodeSeenDigests(std::string_view body) {
  if (body.size() % kUrlDigestBytes != 0) {
    return MakeError("cluster.bad_seen_log", "seen-log message of " + std::to_string(body.size()) +
                                                 " bytes (not a multiple of 16)");
  }
  std::vector<UrlDigest> digests;
  digests.reserve(body.size() / kUrlDigestBytes);
  const auto* bytes = reinterpret_cast<const unsigned char*>(body.data());
  for (size_t at = 0; at < body.size(); at += kUrlDigestBytes) {
    digests.push_back(UrlDigest{LoadBigEndian(bytes + at), LoadBigEndian(bytes + at + 8)});
  }
  return digests;
}

std::string SeenStreamName(const std::string& job) { return "NCSEEN_" + job; }

std::string SeenSubject(const std::string& job, uint32_t partition) {
  return "nc." + job + ".seen." + std::to_string(partition);
}

Result<std::unique_ptr<SeenLog>> SeenLog::Open(NatsConnection& connection, const std::string& job,
                                               int replicas) {
  std::unique_ptr<SeenLog> log(new SeenLog(connection, job));
  Status made = connection.EnsureStream(NatsConnection::StreamSpec{
      SeenStreamName(job), "nc." + job + ".seen.*", js_LimitsPolicy, Duration::zero(), replicas});
  if (!made.ok()) return made.error();
  return log;
}

Status SeenLog::Append(uint32_t partition, std::span<const UrlDigest> digests) {
  const std::string subject = SeenSubject(job_, partition);
  for (size_t start = 0; start < digests.size(); start += kMaxDigestsPerMessage) {
    const std::string body = EncodeSeenDigests(
        digests.subspan(start, std::min(kMaxDigestsPerMessage, digests.size() - start)));
    jsPubAck* ack = nullptr;
    jsErrCode js_error = jsErrCode(0);
    natsStatus status = RetryWhileNoResponders([&] {
      return js_Publish(&ack, connection_.jetstream(), subject.c_str(), body.data(),
                        static_cast<int>(body.size()), nullptr, &js_error);
    });
    if (ack != nullptr) jsPubAck_Destroy(ack);
    if (status != NATS_OK) return NatsError("js_Publish", status, js_error);
  }
  return Status::Ok();
}

Result<std::vector<UrlDigest>> SeenLog::Read(uint32_t partition, size_t* malformed) {
  if (malformed != nullptr) *malformed = 0;
  const std::string stream = SeenStreamName(job_);
  const std::string subject = SeenSubject(job_, partition);
  std::vector<UrlDigest> digests;
  // The last message now bounds the read: later appends are the new
  // owner's own, already in its store.
  natsMsg* last_raw = nullptr;
  jsErrCode js_error = jsErrCode(0);
  natsStatus status = RetryWhileNoResponders([&] {
    return js_GetLastMsg(&last_raw, connection_.jetstream(), stream.c_str(), subject.c_str(),
                         nullptr, &js_error);
  });
  if (status == NATS_NOT_FOUND || js_error == JSNoMessageFoundErr) return digests;
  if (status != NATS_OK) return NatsError("js_GetLastMsg", status, js_error);
  NatsMsgPtr last(last_raw);
  const uint64_t last_sequence = natsMsg_GetSequence(last.get());
  jsSubOptions sub_options;
  jsSubOptions_Init(&sub_options);
  sub_options.Stream = stream.c_str();
  sub_options.Ordered = true;  // an ephemeral consumer, gone with the subscription
  natsSubscription* raw = nullptr;
  js_error = jsErrCode(0);
  status = RetryWhileNoResponders([&] {
    return js_SubscribeSync(&raw, connection_.jetstream(), subject.c_str(), nullptr, &sub_options,
                            &js_error);
  });
  if (status != NATS_OK) return NatsError("js_SubscribeSync", status, js_error);
  SubscriptionPtr subscription(raw);
  for (;;) {
    natsMsg* message_raw = nullptr;
    status = natsSubscription_NextMsg(&message_raw, subscription.get(), kReadWaitMs);
    if (status != NATS_OK) return NatsError("natsSubscription_NextMsg", status);
    NatsMsgPtr message(message_raw);
    uint64_t sequence = 0;
    jsMsgMetaData* meta = nullptr;
    if (natsMsg_GetMetaData(&meta, message.get()) == NATS_OK) {
      sequence = meta->Sequence.Stream;
      jsMsgMetaData_Destroy(meta);
    }
    auto decoded = DecodeSeenDigests(std::string_view(
        natsMsg_GetData(message.get()), static_cast<size_t>(natsMsg_GetDataLength(message.get()))));
    if (decoded.ok()) {
      digests.insert(digests.end(), decoded->begin(), decoded->end());
    } else if (malformed != nullptr) {
      ++*malformed;
    }
    if (sequence >= last_sequence) break;
  }
  return digests;
}

}  // namespace nc::cluster
