#include "producers/sources.h"

#include <fmt/format.h>

#include <stdexcept>

#include "producers/merged_source.h"

namespace quotewire::producers {

std::unique_ptr<ArticleSource> open_source(SourceOptions options, ErrorHandler on_error) {
  FieldMap map;
  try {
    map = FieldMap::parse(options.map);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(fmt::format("--map: {}", e.what()));
  }
  if (options.kafka.topics.empty()) {
    std::vector<std::string> files;
    for (auto& input : options.inputs) {
      (is_feed_url(input) ? options.feeds.feeds : files).push_back(std::move(input));
    }
    options.files.map = std::move(map);
    options.feeds.follow = options.files.follow;
    std::vector<std::unique_ptr<ArticleSource>> sources;
    if (!files.empty() || options.feeds.feeds.empty()) {
      sources.push_back(
          std::make_unique<FileSource>(std::move(files), on_error, std::move(options.files)));
    }
    if (!options.feeds.feeds.empty()) {
      sources.push_back(std::make_unique<FeedFollower>(std::move(options.feeds), on_error));
    }
    if (sources.size() == 1) return std::move(sources.front());
    return std::make_unique<MergedSource>(std::move(sources));
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
