#pragma once
// The source `quotewire publish` reads, from its options: Kafka topics when given, else files,
// directories and stdin.

#include <memory>
#include <string>
#include <vector>

#include "producers/article_source.h"
#include "producers/kafka_source.h"

namespace quotewire::producers {

struct SourceOptions {
  std::vector<std::string> inputs{"-"};
  std::vector<std::string> map;  // "field=path" items, for JSON Lines and Kafka messages
  FileSourceOptions files;
  KafkaSourceConfig kafka;                    // used when kafka.topics is not empty
  std::vector<std::string> kafka_properties;  // "key=value" items
};

// Throws std::invalid_argument naming a bad option, CheckpointError or kafka::KafkaError.
std::unique_ptr<ArticleSource> open_source(SourceOptions options, ErrorHandler on_error);

}  // namespace quotewire::producers
