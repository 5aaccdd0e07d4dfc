#include "kafka/client.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace quotewire::kafka {
namespace {

void log(const rd_kafka_t* handle, int level, const char* facility, const char* message) {
  // syslog levels: 0-3 errors, 4 warning, 5-6 notice/info, 7 debug.
  const auto spd = level <= 3   ? spdlog::level::err
                   : level == 4 ? spdlog::level::warn
                   : level <= 6 ? spdlog::level::info
                                : spdlog::level::debug;
  spdlog::log(spd, "kafka {}: {}: {}", rd_kafka_name(handle), facility, message);
}

void error(rd_kafka_t* handle, int code, const char* reason, void*) {
  // Most errors are transient (a broker away): librdkafka retries on its own. Fatal ones are
  // acted on where they surface.
  spdlog::warn("kafka {}: {} ({})", rd_kafka_name(handle), reason,
               rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(code)));
}

}  // namespace

Properties parse_properties(const std::vector<std::string>& items) {
  Properties out;
  for (const auto& item : items) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw std::invalid_argument(fmt::format("\"{}\" is not key=value", item));
    }
    out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
  }
  return out;
}

Conf make_conf(const std::string& client_id, const Properties& properties) {
  Conf conf(rd_kafka_conf_new());
  char reason[512];
  rd_kafka_conf_set(conf.get(), "client.id", client_id.c_str(), reason, sizeof reason);
  for (const auto& [key, value] : properties) {
    if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), reason, sizeof reason) !=
        RD_KAFKA_CONF_OK) {
      throw KafkaError(fmt::format("Kafka setting {}={}: {}", key, value, reason));
    }
  }
  rd_kafka_conf_set_log_cb(conf.get(), &log);
  rd_kafka_conf_set_error_cb(conf.get(), &error);
  return conf;
}

Handle make_handle(rd_kafka_type_t type, Conf conf) {
  char reason[512];
  rd_kafka_t* handle = rd_kafka_new(type, conf.get(), reason, sizeof reason);
  if (!handle) throw KafkaError(fmt::format("cannot create Kafka client: {}", reason));
  conf.release();  // rd_kafka_new took it
  return Handle(handle);
}

std::string where(const std::string& topic, int32_t partition, int64_t offset) {
  return fmt::format("{}[{}]@{}", topic, partition, offset);
}

}  // namespace quotewire::kafka
