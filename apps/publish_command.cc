// quotewire publish: hand articles from files, directories, JSON Lines, RSS/Atom feeds or stdin
// to the broker, optionally following files, watching directories and checkpointing.
#include <spdlog/spdlog.h>

#include <exception>
#include <memory>

#include "apps/app.h"
#include "apps/reports.h"
#include "producers/feed_follower.h"
#include "producers/publisher.h"
#include "producers/sources.h"

namespace quotewire::app {

void add_publish_command(CLI::App& app) {
  struct Options {
    producers::PublisherConfig config;
    producers::SourceOptions source;
    SecurityFlags security;
    std::string log_level = "info";
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "publish", "Publish articles and wait until the sink has acknowledged every one");
  auto& config = options->config;
  auto& source = options->source;
  auto* inputs =
      cmd->add_option("inputs", source.inputs,
                      "text files, feeds, .jsonl files, HTML pages, directories, - for stdin, "
                      "or feed URLs")
          ->capture_default_str();
  cmd->footer(kInputsFooter);
  cmd->add_option("--map", source.map,
                  "JSON field mapping, e.g. body=story.text,url=link,published=date")
      ->delimiter(',');
  cmd->add_flag("--follow", source.files.follow,
                "keep reading JSON Lines files (and stdin) as they grow and keep polling feed "
                "URLs; stop with SIGINT/SIGTERM");
  cmd->add_flag("--watch", source.files.watch,
                "keep publishing files that land in the input directories (inotify)");
  cmd->add_option("--checkpoint", source.files.checkpoint,
                  "file recording how far each input is acknowledged; a restart resumes there");
  add_feed_flags(*cmd, source.feeds);
  auto& kafka = source.kafka;
  cmd->add_option("--kafka-brokers", kafka.brokers, "Kafka bootstrap servers, host:port,...");
  cmd->add_option("--kafka-topic", kafka.topics, "read articles (JSON) from these Kafka topics")
      ->delimiter(',')
      ->excludes(inputs);
  cmd->add_option("--kafka-group", kafka.group, "Kafka consumer group")->capture_default_str();
  cmd->add_option("--kafka-start", kafka.start, "where a group without committed offsets starts")
      ->check(CLI::IsMember({"earliest", "latest"}))
      ->capture_default_str();
  cmd->add_flag("--kafka-exit-at-end", kafka.exit_at_end,
                "stop once every partition is read to its end and acknowledged");
  cmd->add_option("--kafka-commit-ms", kafka.commit_interval_ms,
                  "commit acknowledged offsets at most this often")
      ->check(CLI::Range(10, 3600000))
      ->capture_default_str();
  cmd->add_option("--kafka-property", source.kafka_properties,
                  "librdkafka setting key=value (security, tuning); repeatable");
  cmd->add_option("--broker", config.broker, "broker's producer endpoint")->capture_default_str();
  cmd->add_option("--producer-id", config.producer_id, "producer id (default: host-pid)");
  cmd->add_option("--ack-log", config.ack_log,
                  "append \"article_id<TAB>status\" to this file for every acknowledgement");
  cmd->add_option("--window", config.window.capacity, "articles in flight at most")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--retry-ms", config.window.timeout_ms,
                  "re-send an article not acknowledged after this long")
      ->check(CLI::Range(10, 3600000))
      ->capture_default_str();
  add_http_flag(*cmd, config.http);
  add_client_security_flags(*cmd, options->security, true, false);
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] {
    apply_log_level(options->log_level);
    options->config.security =
        load_client_security(options->security, options->security.broker_key);
    auto stop = install_stop_signals();
    zmq::context_t context(1);
    producers::Publisher publisher(context, options->config);
    std::unique_ptr<producers::ArticleSource> source;
    try {
      source = producers::open_source(options->source, [&](const producers::InputError& e) {
        ++publisher.probe().input_errors;
        spdlog::error("publish: {}: {}", e.where, e.reason);
      });
    } catch (const std::exception& e) {  // a bad option, checkpoint or Kafka setting
      throw Failure{e.what(), 1};
    }
    const bool complete = publisher.run(*source, stop.get_token());
    print_publish_report(publisher.probe());
    throw_if_incomplete(publisher.probe(), complete);
  });
}

}  // namespace quotewire::app
