#pragma once
// Articles from Kafka topics, as a member of a consumer group. Offsets are committed only past
// articles the sink has acknowledged (per partition, the contiguous acknowledged prefix), so a
// crash or a rebalance replays articles, never skips them; the sink's deduplication makes the
// replay harmless. Message values are JSON articles, read like JSON Lines (with --map).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kafka/client.h"
#include "producers/article_source.h"

namespace quotewire::producers {

struct KafkaSourceConfig {
  std::string brokers;  // bootstrap servers, "host:port,..."
  std::vector<std::string> topics;
  std::string group = "quotewire";
  FieldMap map;
  // Where a group without committed offsets starts: "earliest" or "latest".
  std::string start = "earliest";
  // Stop once every assigned partition is read to its end (a backfill, a test) instead of
  // waiting for more.
  bool exit_at_end = false;
  int64_t commit_interval_ms = 1000;  // commit acknowledged offsets at most this often
  kafka::Properties properties;       // any librdkafka setting (security, tuning)
};

class KafkaSource : public ArticleSource {
 public:
  // Joins the group and subscribes. Throws kafka::KafkaError on a bad configuration.
  KafkaSource(KafkaSourceConfig config, ErrorHandler on_error);
  // Leaves the group (committing what is acknowledged, as on a rebalance).
  ~KafkaSource() override;

  std::optional<pb::Article> next() override;
  bool exhausted() const override;
  bool live() const override { return !config_.exit_at_end; }
  void acknowledged(uint64_t ordinal) override;
  void sync(bool final) override;

 private:
  using TopicPartition = std::pair<std::string, int32_t>;
  struct Partition {
    AckLedger::Stream stream = 0;
    int64_t committed = -1;  // the offset last committed (or being committed); -1: none
    bool at_end = false;
  };

  static void on_rebalance(rd_kafka_t* handle, rd_kafka_resp_err_t err,
                           rd_kafka_topic_partition_list_t* partitions, void* self);
  static void on_commit(rd_kafka_t* handle, rd_kafka_resp_err_t err,
                        rd_kafka_topic_partition_list_t* offsets, void* self);
  void assigned(const rd_kafka_topic_partition_list_t* partitions);
  void revoked(const rd_kafka_topic_partition_list_t* partitions);
  // Polls one message (or event) from the group without waiting; false when none.
  bool poll();
  std::optional<pb::Article> take(rd_kafka_message_t* message);
  // Commits every partition whose acknowledged position moved; synchronously when `wait`.
  void commit(bool wait);

  KafkaSourceConfig config_;
  ErrorHandler on_error_;
  kafka::Handle consumer_;
  AckLedger ledger_;
  std::map<TopicPartition, Partition> partitions_;  // assigned now
  std::optional<pb::Article> pending_;  // polled to keep the group alive, not yet handed out
  uint64_t handed_out_ = 0;
  int64_t next_commit_ms_ = 0;
};

}  // namespace quotewire::producers
