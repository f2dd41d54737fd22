#include "cluster/nats_client.h"

#include <thread>
#include <utility>

namespace nc::cluster {

namespace {

std::function<void(int)>& BeforeRetryHook() {
  static std::function<void(int)> hook;
  return hook;
}

}  // namespace

natsStatus RetryWhileNoResponders(const std::function<natsStatus()>& request,
                                  const NoRespondersRetry& retry) {
  natsStatus status = request();
  for (int attempt = 1; status == NATS_NO_RESPONDERS && attempt <= retry.retries; ++attempt) {
    std::this_thread::sleep_for(retry.interval);
    if (const auto& hook = BeforeRetryHook()) hook(attempt);
    status = request();
  }
  return status;
}

void SetBeforeNoRespondersRetryForTesting(std::function<void(int retry)> hook) {
  BeforeRetryHook() = std::move(hook);
}

std::string WithoutSecrets(const std::string& url) {
  std::string out;
  size_t start = 0;
  while (start <= url.size()) {
    size_t comma = url.find(',', start);
    std::string one = url.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const size_t scheme = one.find("://");
    const size_t at = one.find('@', scheme == std::string::npos ? 0 : scheme + 3);
    if (scheme != std::string::npos && at != std::string::npos) {
      one = one.substr(0, scheme + 3) + "***" + one.substr(at);
    }
    out += one;
    if (comma == std::string::npos) break;
    out += ',';
    start = comma + 1;
  }
  return out;
}

Error NatsError(const char* call, natsStatus status, jsErrCode js_error) {
  std::string message = std::string(call) + ": " + natsStatus_GetText(status);
  if (js_error != 0) message += " (js " + std::to_string(static_cast<int>(js_error)) + ")";
  return MakeError("nats.error", std::move(message));
}

Result<std::unique_ptr<NatsConnection>> NatsConnection::Connect(const std::string& url,
                                                                const std::string& client_name,
                                                                const NatsSecurity& security) {
  std::unique_ptr<NatsConnection> result(new NatsConnection());
  natsOptions* options = nullptr;
  natsStatus status = natsOptions_Create(&options);
  if (status != NATS_OK) return NatsError("natsOptions_Create", status);
  status = natsOptions_SetURL(options, url.c_str());
  if (status == NATS_OK) status = natsOptions_SetName(options, client_name.c_str());
  // A setting the client refuses (an unreadable CA file) is named, not
  // reported as a connection failure.
  const char* refused = nullptr;
  if (status == NATS_OK && url.find("tls://") != std::string::npos) {
    status = natsOptions_SetSecure(options, true);
    if (status != NATS_OK) refused = "TLS";
  }
  if (status == NATS_OK && !security.ca_file.empty()) {
    status = natsOptions_LoadCATrustedCertificates(options, security.ca_file.c_str());
    if (status != NATS_OK) refused = "CA file";
  }
  if (status == NATS_OK && !security.credentials_file.empty()) {
    status = natsOptions_SetUserCredentialsFromFiles(options, security.credentials_file.c_str(),
                                                     nullptr);
    if (status != NATS_OK) refused = "credentials file";
  }
  if (status == NATS_OK) status = natsConnection_Connect(&result->connection_, options);
  natsOptions_Destroy(options);
  if (refused != nullptr) {
    const std::string& file =
        std::string_view(refused) == "CA file" ? security.ca_file : security.credentials_file;
    const char* detail = nats_GetLastError(nullptr);
    return MakeError("nats.options", std::string(refused) + " " + file + ": " +
                                         natsStatus_GetText(status) +
                                         (detail != nullptr && *detail != '\0'
                                              ? std::string(" (") + detail + ")"
                                              : std::string()));
  }
  if (status != NATS_OK) {
    std::string message =
        "cannot connect to " + WithoutSecrets(url) + ": " + natsStatus_GetText(status);
    const char* detail = nats_GetLastError(nullptr);
    if (detail != nullptr && *detail != '\0' && message.find(detail) == std::string::npos) {
      message += std::string(" (") + detail + ")";
    }
    return MakeError("nats.connect", message);
  }
  jsOptions js_options;
  jsOptions_Init(&js_options);
  js_options.PublishAsync.ErrHandler = &NatsConnection::OnAsyncPublishError;
  js_options.PublishAsync.ErrHandlerClosure = result.get();
  status = natsConnection_JetStream(&result->jetstream_, result->connection_, &js_options);
  if (status != NATS_OK) return NatsError("natsConnection_JetStream", status);
  return result;
}

void NatsConnection::OnAsyncPublishError(jsCtx* /*js*/, jsPubAckErr* error, void* closure) {
  auto* connection = static_cast<NatsConnection*>(closure);
  if (error != nullptr && error->Err == NATS_NO_RESPONDERS) {
    connection->async_no_responders_.fetch_add(1);
  }
  connection->async_publish_failures_.fetch_add(1);
}

NatsConnection::~NatsConnection() {
  if (jetstream_ != nullptr) jsCtx_Destroy(jetstream_);
  if (connection_ != nullptr) natsConnection_Destroy(connection_);
}

Result<KvStorePtr> NatsConnection::OpenOrCreateBucket(const std::string& bucket, int replicas) {
  kvConfig config;
  kvConfig_Init(&config);
  config.Bucket = bucket.c_str();
  config.History = 1;
  config.Replicas = replicas;
  // Creating an existing bucket with the same configuration succeeds, so two
  // nodes starting together both get it; but a create that races another
  // one still being set up can be refused (a bare NATS_ERR, seen as
  // "js_CreateKeyValue: Error" when three nodes start together on a loaded
  // machine) although the bucket exists a moment later. So the open and the
  // create are tried again, a few times, before the node gives up.
  constexpr int kAttempts = 5;
  natsStatus status = NATS_OK;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    kvStore* kv = nullptr;
    status = RetryWhileNoResponders([&] { return js_KeyValue(&kv, jetstream_, bucket.c_str()); });
    if (status == NATS_OK) return KvStorePtr(kv);
    if (status != NATS_NOT_FOUND) return NatsError("js_KeyValue", status);
    status = RetryWhileNoResponders([&] { return js_CreateKeyValue(&kv, jetstream_, &config); });
    if (status == NATS_OK) return KvStorePtr(kv);
    if (attempt < kAttempts) std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
  }
  return NatsError("js_CreateKeyValue", status);
}

Status NatsConnection::EnsureStream(const StreamSpec& spec) {
  jsStreamInfo* info = nullptr;
  jsErrCode js_error = jsErrCode(0);
  natsStatus status = RetryWhileNoResponders(
      [&] { return js_GetStreamInfo(&info, jetstream_, spec.name.c_str(), nullptr, &js_error); });
  if (status == NATS_OK) {
    StreamInfoPtr owned(info);
    return Status::Ok();
  }
  if (status != NATS_NOT_FOUND && js_error != JSStreamNotFoundErr) {
    return NatsError("js_GetStreamInfo", status, js_error);
  }
  const char* subject_list[] = {spec.subjects.c_str()};
  jsStreamConfig config;
  jsStreamConfig_Init(&config);
  config.Name = spec.name.c_str();
  config.Subjects = subject_list;
  config.SubjectsLen = 1;
  config.Retention = spec.retention;
  config.Storage = js_FileStorage;
  if (spec.duplicate_window != Duration::zero()) {
    config.Duplicates =
        std::chrono::duration_cast<std::chrono::nanoseconds>(spec.duplicate_window).count();
  }
  config.Replicas = spec.replicas;
  status = RetryWhileNoResponders([&] {
    info = nullptr;
    js_error = jsErrCode(0);
    return js_AddStream(&info, jetstream_, &config, nullptr, &js_error);
  });
  StreamInfoPtr owned(info);
  if (status != NATS_OK && js_error != JSStreamNameExistErr) {
    return NatsError("js_AddStream", status, js_error);
  }
  return Status::Ok();
}

}  // namespace nc::cluster
