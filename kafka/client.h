#pragma once
// What the Kafka input (producers/kafka_source) and output (sink/kafka_output) share: librdkafka
// configuration from key=value properties (so security and tuning settings pass straight
// through, as with kcat -X), client handles that free themselves, and librdkafka's own logs
// and errors routed to spdlog.

#include <librdkafka/rdkafka.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace quotewire::kafka {

class KafkaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using Properties = std::vector<std::pair<std::string, std::string>>;

// "key=value" items (--kafka-property); throws std::invalid_argument naming a bad item.
Properties parse_properties(const std::vector<std::string>& items);

struct ConfDeleter {
  void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
};
using Conf = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;

struct HandleDeleter {
  void operator()(rd_kafka_t* handle) const { rd_kafka_destroy(handle); }
};
using Handle = std::unique_ptr<rd_kafka_t, HandleDeleter>;

struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* list) const {
    rd_kafka_topic_partition_list_destroy(list);
  }
};
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

// A configuration with the given properties applied in order (later ones win, also over
// `client_id`, which names the client in logs and on the brokers) and logging routed to
// spdlog. Throws KafkaError naming a property librdkafka refuses.
Conf make_conf(const std::string& client_id, const Properties& properties);

// Creates the client; the configuration is consumed. Throws KafkaError.
Handle make_handle(rd_kafka_type_t type, Conf conf);

// "topic[partition]@offset", how errors name a message.
std::string where(const std::string& topic, int32_t partition, int64_t offset);

}  // namespace quotewire::kafka
