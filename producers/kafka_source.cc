#include "producers/kafka_source.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cassert>
#include <cstring>

#include "producers/article_id.h"
#include "transport/clock.h"

namespace quotewire::producers {

KafkaSource::KafkaSource(KafkaSourceConfig config, ErrorHandler on_error)
    : config_(std::move(config)), on_error_(std::move(on_error)) {
  kafka::Properties properties{{"bootstrap.servers", config_.brokers},
                               {"group.id", config_.group},
                               {"auto.offset.reset", config_.start}};
  properties.insert(properties.end(), config_.properties.begin(), config_.properties.end());
  // Last, so no setting can undo them: offsets are ours to commit, and only past acknowledged
  // articles.
  properties.insert(properties.end(),
                    {{"enable.auto.commit", "false"},
                     {"enable.auto.offset.store", "false"},
                     {"enable.partition.eof", config_.exit_at_end ? "true" : "false"}});
  auto conf = kafka::make_conf("quotewire-publish", properties);
  rd_kafka_conf_set_rebalance_cb(conf.get(), &KafkaSource::on_rebalance);
  rd_kafka_conf_set_offset_commit_cb(conf.get(), &KafkaSource::on_commit);
  rd_kafka_conf_set_opaque(conf.get(), this);
  consumer_ = kafka::make_handle(RD_KAFKA_CONSUMER, std::move(conf));
  rd_kafka_poll_set_consumer(consumer_.get());

  kafka::PartitionList topics(
      rd_kafka_topic_partition_list_new(static_cast<int>(config_.topics.size())));
  for (const auto& topic : config_.topics) {
    rd_kafka_topic_partition_list_add(topics.get(), topic.c_str(), RD_KAFKA_PARTITION_UA);
  }
  if (const auto err = rd_kafka_subscribe(consumer_.get(), topics.get())) {
    throw kafka::KafkaError(fmt::format("cannot subscribe to {}: {}",
                                        fmt::join(config_.topics, ","), rd_kafka_err2str(err)));
  }
  spdlog::info("publish: consuming {} from {} as group {}", fmt::join(config_.topics, ","),
               config_.brokers, config_.group);
}

KafkaSource::~KafkaSource() {
  // Leaving the group revokes the partitions, which commits what is acknowledged.
  rd_kafka_consumer_close(consumer_.get());
}

void KafkaSource::on_rebalance(rd_kafka_t* handle, rd_kafka_resp_err_t err,
                               rd_kafka_topic_partition_list_t* partitions, void* self) {
  auto* source = static_cast<KafkaSource*>(self);
  const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(handle), "COOPERATIVE") == 0;
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    source->assigned(partitions);
    if (cooperative) {
      rd_kafka_error_destroy(rd_kafka_incremental_assign(handle, partitions));
    } else {
      rd_kafka_assign(handle, partitions);
    }
  } else {
    if (err != RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
      spdlog::error("publish: Kafka rebalance failed: {}", rd_kafka_err2str(err));
    }
    source->revoked(partitions);
    if (cooperative) {
      rd_kafka_error_destroy(rd_kafka_incremental_unassign(handle, partitions));
    } else {
      rd_kafka_assign(handle, nullptr);
    }
  }
}

void KafkaSource::assigned(const rd_kafka_topic_partition_list_t* partitions) {
  for (int i = 0; i < partitions->cnt; ++i) {
    const auto& p = partitions->elems[i];
    // The starting offset is the group's committed one, fetched by librdkafka: nothing to
    // commit until an article from it is acknowledged.
    partitions_[{p.topic, p.partition}] = {.stream = ledger_.open({-1, 0})};
    spdlog::info("publish: assigned {}[{}]", p.topic, p.partition);
  }
}

void KafkaSource::revoked(const rd_kafka_topic_partition_list_t* partitions) {
  // Whoever gets these partitions next starts at what is committed now: commit what is
  // acknowledged. Articles still in flight are re-read by the new owner (the sink dedups).
  commit(true);
  for (int i = 0; i < partitions->cnt; ++i) {
    const auto& p = partitions->elems[i];
    const auto it = partitions_.find({p.topic, p.partition});
    if (it == partitions_.end()) continue;
    ledger_.close(it->second.stream);
    partitions_.erase(it);
    spdlog::info("publish: revoked {}[{}]", p.topic, p.partition);
  }
}

void KafkaSource::on_commit(rd_kafka_t*, rd_kafka_resp_err_t err,
                            rd_kafka_topic_partition_list_t* offsets, void* self) {
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR__NO_OFFSET) return;
  auto* source = static_cast<KafkaSource*>(self);
  spdlog::warn("publish: Kafka offset commit failed, retrying: {}", rd_kafka_err2str(err));
  // Forget what we thought was committed, so the next commit sends it again.
  for (int i = 0; offsets && i < offsets->cnt; ++i) {
    const auto& o = offsets->elems[i];
    const auto it = source->partitions_.find({o.topic, o.partition});
    if (it != source->partitions_.end() && it->second.committed == o.offset) {
      it->second.committed = -1;
    }
  }
}

void KafkaSource::commit(bool wait) {
  kafka::PartitionList offsets(
      rd_kafka_topic_partition_list_new(static_cast<int>(partitions_.size())));
  std::vector<Partition*> included;
  for (auto& [tp, partition] : partitions_) {
    const auto position = ledger_.committed(partition.stream);
    if (!position || position->offset <= partition.committed) continue;
    rd_kafka_topic_partition_list_add(offsets.get(), tp.first.c_str(), tp.second)->offset =
        position->offset;
    partition.committed = position->offset;
    included.push_back(&partition);
  }
  if (offsets->cnt == 0) return;
  const auto err = rd_kafka_commit(consumer_.get(), offsets.get(), wait ? 0 : 1);
  if (err) {
    spdlog::warn("publish: Kafka offset commit failed, retrying: {}", rd_kafka_err2str(err));
    for (Partition* p : included) p->committed = -1;
  }
}

std::optional<pb::Article> KafkaSource::take(rd_kafka_message_t* message) {
  const std::string topic = message->rkt ? rd_kafka_topic_name(message->rkt) : "";
  const auto it = partitions_.find({topic, message->partition});
  if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
    if (it != partitions_.end()) it->second.at_end = true;
    return std::nullopt;
  }
  if (message->err) {
    if (rd_kafka_fatal_error(consumer_.get(), nullptr, 0)) {
      throw kafka::KafkaError(
          fmt::format("Kafka consumer failed: {}", rd_kafka_message_errstr(message)));
    }
    spdlog::error("publish: Kafka: {}", rd_kafka_message_errstr(message));
    return std::nullopt;
  }
  if (it == partitions_.end()) return std::nullopt;  // revoked meanwhile: its new owner reads it
  Partition& partition = it->second;
  partition.at_end = false;
  const Position after{message->offset + 1, 0};
  const std::string where = kafka::where(topic, message->partition, message->offset);
  if (!message->payload || message->len == 0) {
    ledger_.skip(partition.stream, after);  // a tombstone: no article
    return std::nullopt;
  }
  auto parsed = parse_json_article(
      std::string_view(static_cast<const char*>(message->payload), message->len), config_.map);
  if (auto* error = std::get_if<FormatError>(&parsed)) {
    on_error_({where, error->reason});
    ledger_.skip(partition.stream, after);
    return std::nullopt;
  }
  auto& article = std::get<pb::Article>(parsed);
  ensure_article_id(article);
  auto& metadata = *article.mutable_metadata();
  metadata["kafka_topic"] = topic;
  metadata["kafka_partition"] = std::to_string(message->partition);
  metadata["kafka_offset"] = std::to_string(message->offset);
  [[maybe_unused]] const uint64_t ticket = ledger_.read(partition.stream, after);
  assert(ticket == handed_out_);  // tickets count from 0 in read order: they are the ordinals
  ++handed_out_;
  return std::move(article);
}

bool KafkaSource::poll() {
  rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer_.get(), 0);
  if (!message) return false;
  try {
    pending_ = take(message);
  } catch (...) {
    rd_kafka_message_destroy(message);
    throw;
  }
  rd_kafka_message_destroy(message);
  return true;
}

std::optional<pb::Article> KafkaSource::next() {
  // A few events (end of partition, errors, rebalances) may come before a message.
  for (int i = 0; i < 100 && !pending_; ++i) {
    if (!poll()) break;
  }
  auto article = std::move(pending_);
  pending_.reset();
  return article;
}

bool KafkaSource::exhausted() const {
  if (!config_.exit_at_end || pending_ || partitions_.empty()) return false;
  for (const auto& [tp, partition] : partitions_) {
    if (!partition.at_end) return false;
  }
  return true;
}

void KafkaSource::acknowledged(uint64_t ordinal) {
  ledger_.acknowledge(ordinal);
}

void KafkaSource::sync(bool final) {
  // Serves the group (heartbeats, rebalances, commit results) also while the publisher's
  // window is full and next() is not called; a message polled meanwhile waits in pending_.
  if (!final && !pending_) poll();
  const int64_t now = transport::steady_ms();
  if (!final && now < next_commit_ms_) return;
  next_commit_ms_ = now + config_.commit_interval_ms;
  commit(final);
}

}  // namespace quotewire::producers
