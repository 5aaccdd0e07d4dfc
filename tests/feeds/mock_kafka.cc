#include "tests/feeds/mock_kafka.h"

#include <stdexcept>
#include <thread>

namespace quotewire::testing {
namespace {

kafka::Handle client(rd_kafka_type_t type, const kafka::Properties& properties) {
  return kafka::make_handle(type, kafka::make_conf("test-client", properties));
}

}  // namespace

MockKafka::MockKafka(int brokers) : host_(client(RD_KAFKA_PRODUCER, {})) {
  cluster_ = rd_kafka_mock_cluster_new(host_.get(), brokers);
  if (!cluster_) throw std::runtime_error("cannot start the mock Kafka cluster");
  bootstraps_ = rd_kafka_mock_cluster_bootstraps(cluster_);
  producer_ = client(RD_KAFKA_PRODUCER, {{"bootstrap.servers", bootstraps_}});
}

MockKafka::~MockKafka() {
  producer_.reset();
  rd_kafka_mock_cluster_destroy(cluster_);
}

void MockKafka::create_topic(const std::string& topic, int partitions) {
  if (rd_kafka_mock_topic_create(cluster_, topic.c_str(), partitions, 1)) {
    throw std::runtime_error("cannot create topic " + topic);
  }
}

void MockKafka::produce(const std::string& topic, int32_t partition, const std::string& value) {
  const auto err = rd_kafka_producev(
      producer_.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(partition),
      RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
      RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
  if (err) throw std::runtime_error(std::string("produce: ") + rd_kafka_err2str(err));
  if (rd_kafka_flush(producer_.get(), 10000)) throw std::runtime_error("produce: not delivered");
}

std::map<int32_t, int64_t> MockKafka::committed(const std::string& group, const std::string& topic,
                                                int partitions) {
  auto consumer =
      client(RD_KAFKA_CONSUMER, {{"bootstrap.servers", bootstraps_}, {"group.id", group}});
  kafka::PartitionList list(rd_kafka_topic_partition_list_new(partitions));
  for (int32_t p = 0; p < partitions; ++p) {
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), p);
  }
  if (const auto err = rd_kafka_committed(consumer.get(), list.get(), 10000)) {
    throw std::runtime_error(std::string("committed: ") + rd_kafka_err2str(err));
  }
  std::map<int32_t, int64_t> out;
  for (int i = 0; i < list->cnt; ++i) out[list->elems[i].partition] = list->elems[i].offset;
  rd_kafka_consumer_close(consumer.get());
  return out;
}

std::vector<KafkaMessage> MockKafka::read_all(const std::string& topic, int partitions) {
  auto consumer = client(RD_KAFKA_CONSUMER, {{"bootstrap.servers", bootstraps_},
                                             {"group.id", "test-reader"},
                                             {"enable.partition.eof", "true"},
                                             {"enable.auto.commit", "false"}});
  kafka::PartitionList list(rd_kafka_topic_partition_list_new(partitions));
  for (int32_t p = 0; p < partitions; ++p) {
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), p)->offset =
        RD_KAFKA_OFFSET_BEGINNING;
  }
  rd_kafka_assign(consumer.get(), list.get());
  std::vector<KafkaMessage> out;
  int at_end = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (at_end < partitions && std::chrono::steady_clock::now() < deadline) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer.get(), 100);
    if (!m) continue;
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      ++at_end;
    } else if (!m->err) {
      KafkaMessage message{.partition = m->partition, .offset = m->offset};
      if (m->key) message.key.emplace(static_cast<const char*>(m->key), m->key_len);
      message.value.assign(static_cast<const char*>(m->payload), m->len);
      out.push_back(std::move(message));
    }
    rd_kafka_message_destroy(m);
  }
  rd_kafka_consumer_close(consumer.get());
  return out;
}

void MockKafka::fail_next(KafkaApi api, int count, rd_kafka_resp_err_t error) {
  std::vector<rd_kafka_resp_err_t> errors(static_cast<size_t>(count), error);
  rd_kafka_mock_push_request_errors_array(cluster_, static_cast<int16_t>(api), errors.size(),
                                          errors.data());
}

}  // namespace quotewire::testing
