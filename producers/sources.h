#pragma once
// The source `quotewire publish` and `run` read, from their options: Kafka topics when given,
// else files, directories and stdin, and feed URLs (http://, https://) followed over HTTP; files
// and URLs together are read side by side.

#include <memory>
#include <string>
#include <vector>

#include "producers/article_source.h"
#include "producers/feed_follower.h"
#include "producers/kafka_source.h"

namespace quotewire::producers {

struct SourceOptions {
  std::vector<std::string> inputs{"-"};
  std::vector<std::string> map;  // "field=path" items, for JSON Lines and Kafka messages
  FileSourceOptions files;
  FollowerConfig feeds;     // its `feeds` and `follow` are filled from `inputs` and files.follow
  KafkaSourceConfig kafka;  // used when kafka.topics is not empty
  std::vector<std::string> kafka_properties;  // "key=value" items
};

// Throws std::invalid_argument naming a bad option, CheckpointError or kafka::KafkaError.
std::unique_ptr<ArticleSource> open_source(SourceOptions options, ErrorHandler on_error);

}  // namespace quotewire::producers
