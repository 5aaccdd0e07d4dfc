#pragma once
// The sink's Kafka output: every new statement to a topic, keyed by actor id (and optionally
// each actor's latest statement and count to a second topic, a compaction-friendly changelog),
// as JSON or protobuf (pb::ActorUpdate), from an idempotent producer.
//
// Statements arrive live from the sink after each commit. The database stays the source of
// truth: at start, and whenever the live queue overflowed while Kafka was away, the output
// catches up from it after its cursor, the last sequence Kafka confirmed (kept in a small file
// next to the database). So nothing committed is ever missing from Kafka; a statement
// confirmed but not yet in the cursor when the sink stops is sent again (at-least-once across
// restarts; consumers deduplicate by `seq`).

#include <atomic>
#include <cstdint>
#include <mutex>
#include <set>
#include <stop_token>
#include <string>
#include <vector>

#include "kafka/client.h"
#include "metrics/exposition.h"
#include "proto/quotewire.pb.h"

namespace quotewire::sink {

struct KafkaOutputConfig {
  std::string brokers;
  std::string statements_topic;
  std::string actors_topic;  // empty: no actor topic
  bool protobuf = false;     // values as serialized pb::ActorUpdate instead of JSON
  std::string cursor;        // empty: "<database>.kafka-cursor"
  kafka::Properties properties;
  size_t max_queue = 100000;  // live statements held while Kafka is slow, then the database
  int64_t cursor_interval_ms = 500;
};

struct KafkaOutputProbe {
  std::atomic<uint64_t> produced{0};   // messages handed to the producer
  std::atomic<uint64_t> delivered{0};  // confirmed by Kafka
  std::atomic<uint64_t> failed{0};     // given up by the producer (sent again from the cursor)
  std::atomic<uint64_t> cursor{0};     // every statement up to this sequence is in Kafka

  void export_to(metrics::Exposition& out) const;  // beside the sink's own, on its /metrics
};

class KafkaOutput {
 public:
  // Throws kafka::KafkaError on a bad setting, and when the cursor file exists but cannot be
  // read (starting over silently would resend everything).
  KafkaOutput(KafkaOutputConfig config, std::string db_path);
  ~KafkaOutput();
  KafkaOutput(const KafkaOutput&) = delete;
  KafkaOutput& operator=(const KafkaOutput&) = delete;

  // The sink's hook: a committed batch's new statements, in sequence order. Thread-safe.
  void offer(const std::vector<pb::ActorUpdate>& updates);

  // Produces until stopped, then waits (a few seconds at most) for Kafka to confirm.
  void run(std::stop_token stop);

  const KafkaOutputProbe& probe() const { return probe_; }

 private:
  static void on_delivery(rd_kafka_t* handle, const rd_kafka_message_t* message, void* self);
  void create_producer();
  void catch_up();
  void produce_live();
  void produce(const pb::ActorUpdate& update, const std::string& topic);
  uint64_t cursor() const;
  void save_cursor(bool force);

  KafkaOutputConfig config_;
  std::string db_path_;
  kafka::Handle producer_;

  std::mutex mutex_;  // guards queue_ and gap_, which the sink's thread fills
  std::vector<pb::ActorUpdate> queue_;
  bool gap_ = true;  // the queue misses statements: read them from the database

  uint64_t produced_ = 0;                // every statement up to here handed to the producer
  std::multiset<uint64_t> outstanding_;  // produced, not yet confirmed
  uint64_t failed_at_ = UINT64_MAX;      // the lowest statement Kafka refused since the rewind
  uint64_t saved_cursor_ = 0;
  int64_t next_save_ms_ = 0;
  KafkaOutputProbe probe_;
};

}  // namespace quotewire::sink
