#include "cluster/url_handoff.h"

#include <utility>

#include "common/ascii.h"

namespace nc::cluster {

namespace {

int64_t Nanoseconds(Duration d) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
}

int64_t Milliseconds(Duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

}  // namespace

Status ValidateJobName(const std::string& job) {
  if (job.empty() || job.size() > 64) {
    return MakeError("cluster.job_name", "job name must be 1 to 64 characters");
  }
  for (char c : job) {
    if (!ascii::IsAlnum(c) && c != '-' && c != '_') {
      return MakeError("cluster.job_name",
                       "job name \"" + job + "\": only letters, digits, '-' and '_'");
    }
  }
  return Status::Ok();
}

std::string HandoffStreamName(const std::string& job) { return "NC_" + job; }

std::string PartitionSubject(const std::string& job, uint32_t partition) {
  return "nc." + job + ".part." + std::to_string(partition);
}

std::string PartitionConsumerName(uint32_t partition) {
  return "part-" + std::to_string(partition);
}

Result<std::unique_ptr<UrlHandoff>> UrlHandoff::Open(NatsConnection& connection,
                                                     HandoffOptions options) {
  if (Status valid = ValidateJobName(options.job); !valid.ok()) return valid.error();
  if (options.partitions == 0) return MakeError("cluster.partitions", "partitions must be > 0");
  std::unique_ptr<UrlHandoff> handoff(new UrlHandoff(connection, std::move(options)));
  if (Status stream = handoff->EnsureStream(); !stream.ok()) return stream.error();
  return handoff;
}

Status UrlHandoff::EnsureStream() {
  return connection_.EnsureStream(
      NatsConnection::StreamSpec{HandoffStreamName(options_.job), "nc." + options_.job + ".part.*",
                                 js_WorkQueuePolicy, options_.duplicate_window, options_.replicas});
}

Status UrlHandoff::Publish(uint32_t partition, const HandoffUrl& url) {
  if (partition >= options_.partitions) {
    return MakeError("cluster.partition",
                     "partition " + std::to_string(partition) + " out of range");
  }
  const std::string body = EncodeHandoffUrl(url);
  const std::string subject = PartitionSubject(options_.job, partition);
  jsPubOptions publish_options;
  jsPubOptions_Init(&publish_options);
  publish_options.MsgId = url.url.c_str();
  jsPubAck* ack = nullptr;
  jsErrCode js_error = jsErrCode(0);
  natsStatus status = RetryWhileNoResponders([&] {
    return js_Publish(&ack, connection_.jetstream(), subject.c_str(), body.data(),
                      static_cast<int>(body.size()), &publish_options, &js_error);
  });
  if (ack != nullptr) jsPubAck_Destroy(ack);
  if (status != NATS_OK) return NatsError("js_Publish", status, js_error);
  return Status::Ok();
}

Status UrlHandoff::PublishAll(const std::vector<std::pair<uint32_t, HandoffUrl>>& urls) {
  for (const auto& [partition, url] : urls) {
    if (partition >= options_.partitions) {
      return MakeError("cluster.partition",
                       "partition " + std::to_string(partition) + " out of range");
    }
  }
  // One request for the retry layer: a batch whose only refusals were "no
  // responders" (the stream starting) is published again whole; the URLs
  // that went through are dropped as duplicates (message id = URL).
  uint64_t failures = 0;
  const char* failed_call = nullptr;
  natsStatus status = RetryWhileNoResponders([&] {
    failed_call = nullptr;
    const uint64_t failures_before = connection_.async_publish_failures();
    const uint64_t no_responders_before = connection_.async_no_responders();
    for (const auto& [partition, url] : urls) {
      const std::string body = EncodeHandoffUrl(url);
      const std::string subject = PartitionSubject(options_.job, partition);
      jsPubOptions publish_options;
      jsPubOptions_Init(&publish_options);
      publish_options.MsgId = url.url.c_str();
      natsStatus published = js_PublishAsync(connection_.jetstream(), subject.c_str(), body.data(),
                                             static_cast<int>(body.size()), &publish_options);
      if (published != NATS_OK) {
        failed_call = "js_PublishAsync";
        return published;
      }
    }
    jsPubOptions complete_options;
    jsPubOptions_Init(&complete_options);
    complete_options.MaxWait = 10000;  // ms
    natsStatus completed = js_PublishAsyncComplete(connection_.jetstream(), &complete_options);
    if (completed != NATS_OK) {
      failed_call = "js_PublishAsyncComplete";
      return completed;
    }
    failures = connection_.async_publish_failures() - failures_before;
    const uint64_t no_responders = connection_.async_no_responders() - no_responders_before;
    if (failures == 0) return NATS_OK;
    return failures == no_responders ? NATS_NO_RESPONDERS : NATS_ERR;
  });
  if (status == NATS_OK) return Status::Ok();
  if (failed_call != nullptr) return NatsError(failed_call, status);
  return MakeError(
      "cluster.publish",
      std::to_string(failures) + " of " + std::to_string(urls.size()) +
          " URLs were refused by the stream" +
          (status == NATS_NO_RESPONDERS ? " (no responders: is the job's stream there?)" : ""));
}

Status UrlHandoff::EnsureConsumer(uint32_t partition, bool recreate) {
  const std::string stream = HandoffStreamName(options_.job);
  const std::string durable = PartitionConsumerName(partition);
  const std::string subject = PartitionSubject(options_.job, partition);
  jsErrCode js_error = jsErrCode(0);
  if (recreate) {
    natsStatus status = RetryWhileNoResponders([&] {
      return js_DeleteConsumer(connection_.jetstream(), stream.c_str(), durable.c_str(), nullptr,
                               &js_error);
    });
    if (status != NATS_OK && status != NATS_NOT_FOUND && js_error != JSConsumerNotFoundErr) {
      return NatsError("js_DeleteConsumer", status, js_error);
    }
  }
  jsConsumerConfig config;
  jsConsumerConfig_Init(&config);
  config.Durable = durable.c_str();
  config.FilterSubject = subject.c_str();
  config.AckPolicy = js_AckExplicit;
  config.DeliverPolicy = js_DeliverAll;
  config.AckWait = Nanoseconds(options_.ack_wait);
  config.MaxAckPending = options_.max_ack_pending;
  jsConsumerInfo* info = nullptr;
  js_error = jsErrCode(0);
  // Adding a durable that exists with the same configuration returns it.
  natsStatus status = RetryWhileNoResponders([&] {
    return js_AddConsumer(&info, connection_.jetstream(), stream.c_str(), &config, nullptr,
                          &js_error);
  });
  if (info != nullptr) jsConsumerInfo_Destroy(info);
  if (status != NATS_OK) return NatsError("js_AddConsumer", status, js_error);
  return Status::Ok();
}

Result<std::unique_ptr<PartitionConsumer>> UrlHandoff::Consume(uint32_t partition, bool takeover) {
  if (partition >= options_.partitions) {
    return MakeError("cluster.partition",
                     "partition " + std::to_string(partition) + " out of range");
  }
  if (Status consumer = EnsureConsumer(partition, takeover); !consumer.ok()) {
    return consumer.error();
  }
  const std::string stream = HandoffStreamName(options_.job);
  const std::string durable = PartitionConsumerName(partition);
  const std::string subject = PartitionSubject(options_.job, partition);
  jsSubOptions sub_options;
  jsSubOptions_Init(&sub_options);
  sub_options.Stream = stream.c_str();
  sub_options.Consumer = durable.c_str();  // bind to the consumer made above
  natsSubscription* raw = nullptr;
  jsErrCode js_error = jsErrCode(0);
  natsStatus status = RetryWhileNoResponders([&] {
    return js_PullSubscribe(&raw, connection_.jetstream(), subject.c_str(), durable.c_str(),
                            nullptr, &sub_options, &js_error);
  });
  if (status != NATS_OK) return NatsError("js_PullSubscribe", status, js_error);
  return std::make_unique<PartitionConsumer>(partition, SubscriptionPtr(raw));
}

Result<uint64_t> UrlHandoff::PendingMessages() {
  auto counts = Counts();
  if (!counts.ok()) return counts.error();
  return counts->messages;
}

Result<UrlHandoff::StreamCounts> UrlHandoff::Counts() {
  jsStreamInfo* info = nullptr;
  jsErrCode js_error = jsErrCode(0);
  const std::string stream = HandoffStreamName(options_.job);
  natsStatus status = RetryWhileNoResponders([&] {
    return js_GetStreamInfo(&info, connection_.jetstream(), stream.c_str(), nullptr, &js_error);
  });
  if (status != NATS_OK) return NatsError("js_GetStreamInfo", status, js_error);
  StreamInfoPtr owned(info);
  return StreamCounts{owned->State.Msgs, owned->State.LastSeq};
}

Result<std::vector<DeliveredUrl>> PartitionConsumer::Pull(int max, Duration wait) {
  natsMsgList list{nullptr, 0};
  jsErrCode js_error = jsErrCode(0);
  int64_t timeout_ms = std::max<int64_t>(1, Milliseconds(wait));
  natsStatus status = RetryWhileNoResponders([&] {
    return natsSubscription_Fetch(&list, subscription_.get(), max, timeout_ms, &js_error);
  });
  std::vector<DeliveredUrl> delivered;
  if (status == NATS_TIMEOUT) return delivered;
  if (status != NATS_OK) return NatsError("natsSubscription_Fetch", status, js_error);
  delivered.reserve(list.Count);
  for (int i = 0; i < list.Count; ++i) {
    DeliveredUrl item;
    item.message.reset(list.Msgs[i]);
    list.Msgs[i] = nullptr;  // owned by `item` now
    std::string_view body(natsMsg_GetData(item.message.get()),
                          static_cast<size_t>(natsMsg_GetDataLength(item.message.get())));
    item.url = DecodeHandoffUrl(body);
    jsMsgMetaData* meta = nullptr;
    if (natsMsg_GetMetaData(&meta, item.message.get()) == NATS_OK) {
      item.stream_sequence = meta->Sequence.Stream;
      jsMsgMetaData_Destroy(meta);
    }
    delivered.push_back(std::move(item));
  }
  natsMsgList_Destroy(&list);
  return delivered;
}

Status AckDelivered(DeliveredUrl& delivered) {
  if (!delivered.message) return MakeError("cluster.ack", "message already acknowledged");
  jsErrCode js_error = jsErrCode(0);
  natsStatus status = natsMsg_AckSync(delivered.message.get(), nullptr, &js_error);
  if (status != NATS_OK) return NatsError("natsMsg_AckSync", status, js_error);
  delivered.message.reset();
  return Status::Ok();
}

Status AckAllDelivered(std::span<DeliveredUrl> delivered) {
  DeliveredUrl* last = nullptr;
  for (DeliveredUrl& d : delivered) {
    if (!d.message) continue;
    if (last != nullptr) {
      natsStatus status = natsMsg_Ack(last->message.get(), nullptr);
      if (status != NATS_OK) return NatsError("natsMsg_Ack", status);
      last->message.reset();
    }
    last = &d;
  }
  return last == nullptr ? Status::Ok() : AckDelivered(*last);
}

}  // namespace nc::cluster
