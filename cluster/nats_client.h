#pragma once
// The thin C++ layer over the NATS C client (libnats): return codes become
// typed errors naming the call, handles are RAII, and one NatsConnection
// owns a connection plus its JetStream context. Everything in cluster/ talks
// to NATS through this header.
//
// Threads: a NatsConnection may be used from one thread at a time (the
// cluster code calls it from the thread that owns the LeaseManager or the
// UrlHandoff); libnats runs its own I/O thread internally.

#include <nats/nats.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/c_ptr.h"
#include "common/clock.h"
#include "common/result.h"

namespace nc::cluster {

// `url` (one or several, comma-separated) with any USER:PASSWORD@ or
// TOKEN@ replaced by "***@", for messages: they end up in logs.
std::string WithoutSecrets(const std::string& url);

// "nats.<call>" error with the client's text and, when JetStream gave one,
// its error code: "kvStore_Update: wrong last sequence (js 10071)".
Error NatsError(const char* call, natsStatus status, jsErrCode js_error = jsErrCode(0));

// "No responders": the server found no subscriber for a JetStream or KV
// request's subject, so nobody received it. Seen when a stream is still
// starting (a KV bucket or stream another node has just created, its
// leader not elected yet; nodes started together on a loaded machine) and
// briefly while a server's JetStream starts. Nothing was done, so trying
// again is safe even for a revision-checked create or update.
//
// Every JetStream and KV request of cluster/ goes through
// RetryWhileNoResponders: while the answer is NATS_NO_RESPONDERS it is sent
// again, after `interval`, at most `retries` more times (by default every
// 50 ms for about 2 s), then the last status is returned. Acks of delivered
// messages are not wrapped: they answer a running stream, and an ack
// without responders means the consumer is gone (the next owner recreated
// it), which waiting does not change.
struct NoRespondersRetry {
  int retries = 40;
  Duration interval = std::chrono::milliseconds(50);
};
natsStatus RetryWhileNoResponders(const std::function<natsStatus()>& request,
                                  const NoRespondersRetry& retry = {});
// Test seam: called before each retry with its number (1, 2, ...), after
// the wait. Set before any request runs; empty: none.
void SetBeforeNoRespondersRetryForTesting(std::function<void(int retry)> hook);

using NatsMsgPtr = CPtr<natsMsg, natsMsg_Destroy>;
using KvEntryPtr = CPtr<kvEntry, kvEntry_Destroy>;
using KvStorePtr = CPtr<kvStore, kvStore_Destroy>;
using SubscriptionPtr = CPtr<natsSubscription, natsSubscription_Destroy>;
using StreamInfoPtr = CPtr<jsStreamInfo, jsStreamInfo_Destroy>;

// How a node proves who it is and checks the server (crawl --cluster-creds,
// --cluster-ca; docs/scale-out.md, "Security").
struct NatsSecurity {
  // A NATS credentials file (user JWT and NKey seed, as `nsc` writes it);
  // "" = connect without credentials.
  std::string credentials_file;
  // PEM CA certificates the server's TLS certificate must chain to; "" =
  // the system's. TLS itself comes from tls:// server URLs.
  std::string ca_file;
};

class NatsConnection {
 public:
  // Connects to `url` (nats://HOST:PORT or tls://HOST:PORT; several
  // separated by commas) and opens its JetStream context. `client_name`
  // shows in the server's connection list (the node id).
  static Result<std::unique_ptr<NatsConnection>> Connect(const std::string& url,
                                                         const std::string& client_name,
                                                         const NatsSecurity& security = {});
  ~NatsConnection();
  NatsConnection(const NatsConnection&) = delete;
  NatsConnection& operator=(const NatsConnection&) = delete;

  natsConnection* connection() const { return connection_; }
  jsCtx* jetstream() const { return jetstream_; }

  // Opens KV bucket `bucket`, creating it (history 1, file storage,
  // `replicas` copies on a JetStream cluster) when it does not exist yet.
  Result<KvStorePtr> OpenOrCreateBucket(const std::string& bucket, int replicas = 1);

  // What a job's stream is (UrlHandoff's work queue, SeenLog's log).
  struct StreamSpec {
    std::string name;
    std::string subjects;  // one subject filter, e.g. "nc.JOB.part.*"
    jsRetentionPolicy retention = js_LimitsPolicy;
    Duration duplicate_window = Duration::zero();  // zero: the server's default
    int replicas = 1;
  };
  // Creates the stream (file storage) unless it exists; a node that loses
  // the race to create it finds it made, which is success too.
  Status EnsureStream(const StreamSpec& spec);

  // Asynchronous publishes the stream refused (counted by libnats' thread):
  // a caller compares the count before and after its batch.
  uint64_t async_publish_failures() const { return async_publish_failures_.load(); }
  // Of those, the ones answered "no responders" (a stream still starting).
  uint64_t async_no_responders() const { return async_no_responders_.load(); }

 private:
  NatsConnection() = default;
  static void OnAsyncPublishError(jsCtx* js, jsPubAckErr* error, void* closure);

  natsConnection* connection_ = nullptr;
  jsCtx* jetstream_ = nullptr;
  std::atomic<uint64_t> async_publish_failures_{0};
  std::atomic<uint64_t> async_no_responders_{0};
};

}  // namespace nc::cluster
