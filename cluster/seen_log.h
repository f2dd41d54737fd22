#pragma once
// The seen log of a cluster job (docs/scale-out.md, "Seen log"): stream
// "NCSEEN_<job>" (limits retention, kept for the job's life) holds, on
// subject "nc.<job>.seen.N", the digests of partition N's URLs whose fetch
// an owner committed, one message per commit batch, appended before the
// batch's URLs are acknowledged. A node that takes a partition over reads
// its log first, so a URL that comes back after its first owner fetched it
// (a repeat publish after the stream's duplicate window, or a URL the old
// owner committed and was killed before acknowledging) is acknowledged
// without a second fetch.
//
// Digests are the first 16 bytes of SHA-256 of the URL: the same on every
// node and build, and a collision (which would drop a URL) out of reach.
// Message bodies are the digests back to back; they come from the job's
// subjects, so decoding treats them as outside input (fuzzed by
// tests/fuzz/fuzz_seen_log.cc).
//
// Threads: a SeenLog is used from one thread at a time (the node's cluster
// loop); UrlDigestOf and the codec are pure.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cluster/nats_client.h"
#include "common/result.h"

namespace nc::cluster {

struct UrlDigest {
  uint64_t high = 0;
  uint64_t low = 0;
  bool operator==(const UrlDigest&) const = default;
};
struct UrlDigestHash {
  size_t operator()(const UrlDigest& d) const { return static_cast<size_t>(d.high ^ d.low); }
};

UrlDigest UrlDigestOf(std::string_view url);

inline constexpr size_t kUrlDigestBytes = 16;
std::string EncodeSeenDigests(std::span<const UrlDigest> digests);
// Errors ("cluster.bad_seen_log"): a body that is not a whole number of digests.
Result<std::vector<UrlDigest>> DecodeSeenDigests(std::string_view body);

std::string SeenStreamName(const std::string& job);                   // "NCSEEN_<job>"
std::string SeenSubject(const std::string& job, uint32_t partition);  // "nc.<job>.seen.N"

class SeenLog {
 public:
  // Creates the job's seen-log stream when it does not exist. `connection`
  // must outlive the SeenLog.
  static Result<std::unique_ptr<SeenLog>> Open(NatsConnection& connection, const std::string& job,
                                               int replicas);

  // Appends `digests` to partition `partition`'s log, durable on return.
  Status Append(uint32_t partition, std::span<const UrlDigest> digests);
  // Every digest appended to `partition`'s log so far, oldest first. A
  // malformed message is skipped and counted in `*malformed`.
  Result<std::vector<UrlDigest>> Read(uint32_t partition, size_t* malformed = nullptr);

 private:
  SeenLog(NatsConnection& connection, std::string job) : connection_(connection), job_(std::move(job)) {}
  NatsConnection& connection_;
  const std::string job_;
};

}  // namespace nc::cluster
