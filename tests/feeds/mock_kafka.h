#pragma once
// librdkafka's in-process mock cluster: real Kafka protocol on loopback ports, so the Kafka
// input and output (and child `quotewire` processes) talk to it as to a broker.

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kafka/client.h"

namespace quotewire::testing {

// Kafka protocol request types (ApiKey), for injecting errors.
enum class KafkaApi : int16_t { produce = 0, fetch = 1, offset_commit = 8 };

struct KafkaMessage {
  int32_t partition = 0;
  int64_t offset = 0;
  std::optional<std::string> key;
  std::string value;
};

class MockKafka {
 public:
  explicit MockKafka(int brokers = 1);
  ~MockKafka();

  const std::string& bootstraps() const { return bootstraps_; }
  void create_topic(const std::string& topic, int partitions);
  // Produces and waits for delivery.
  void produce(const std::string& topic, int32_t partition, const std::string& value);
  // The group's committed offset per partition (-1001, RD_KAFKA_OFFSET_INVALID, when none).
  std::map<int32_t, int64_t> committed(const std::string& group, const std::string& topic,
                                       int partitions);
  // Every message of the topic, by partition and offset (reads to the end of each partition).
  std::vector<KafkaMessage> read_all(const std::string& topic, int partitions);
  // The next `count` requests of this type fail with `error`.
  void fail_next(KafkaApi api, int count, rd_kafka_resp_err_t error);

 private:
  kafka::Handle host_;  // the client the mock cluster lives in
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
  std::string bootstraps_;
  kafka::Handle producer_;
};

}  // namespace quotewire::testing
