#include "producers/sources.h"

#include <fmt/format.h>

#include <stdexcept>

namespace quotewire::producers {

std::unique_ptr<ArticleSource> open_source(SourceOptions options, ErrorHandler on_error) {
  FieldMap map;
  try {
    map = FieldMap::parse(options.map);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(fmt::format("--map: {}", e.what()));
  }
  if (options.kafka.topics.empty()) {
    options.files.map = std::move(map);
    return std::make_unique<FileSource>(std::move(options.inputs), std::move(on_error),
                                        std::move(options.files));
  }
  if (options.kafka.brokers.empty())
    throw std::invalid_argument("--kafka-topic needs --kafka-brokers");
  try {
    options.kafka.properties = kafka::parse_properties(options.kafka_properties);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(fmt::format("--kafka-property: {}", e.what()));
  }
  options.kafka.map = std::move(map);
  return std::make_unique<KafkaSource>(std::move(options.kafka), std::move(on_error));
}

}  // namespace quotewire::producers
