// quotewire publish: hand articles from files, directories, JSON Lines, RSS/Atom feeds or stdin
// to the broker, optionally following files, watching directories and checkpointing.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <stdexcept>

#include "apps/app.h"
#include "apps/reports.h"
#include "producers/publisher.h"

namespace quotewire::app {

void add_publish_command(CLI::App& app) {
  struct Options {
    producers::PublisherConfig config;
    std::vector<std::string> inputs{"-"};
    producers::FileSourceOptions files;
    std::vector<std::string> map;
    std::string log_level = "info";
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "publish", "Publish articles and wait until the sink has acknowledged every one");
  auto& config = options->config;
  cmd->add_option("inputs", options->inputs,
                  "text files, RSS/Atom feeds, .jsonl files, directories, or - for stdin")
      ->capture_default_str();
  auto& files = options->files;
  cmd->add_option("--map", options->map,
                  "JSON Lines field mapping, e.g. body=story.text,url=link,published=date")
      ->delimiter(',');
  cmd->add_flag("--follow", files.follow,
                "keep reading JSON Lines files (and stdin) as they grow; stop with SIGINT/SIGTERM");
  cmd->add_flag("--watch", files.watch,
                "keep publishing files that land in the input directories (inotify)");
  cmd->add_option("--checkpoint", files.checkpoint,
                  "file recording how far each input is acknowledged; a restart resumes there");
  cmd->add_option("--broker", config.broker, "broker's producer endpoint")->capture_default_str();
  cmd->add_option("--producer-id", config.producer_id, "producer id (default: host-pid)");
  cmd->add_option("--window", config.window.capacity, "articles in flight at most")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--retry-ms", config.window.timeout_ms,
                  "re-send an article not acknowledged after this long")
      ->check(CLI::Range(10, 3600000))
      ->capture_default_str();
  add_http_flag(*cmd, config.http);
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] {
    apply_log_level(options->log_level);
    auto stop = install_stop_signals();
    zmq::context_t context(1);
    producers::Publisher publisher(context, options->config);
    try {
      options->files.map = producers::FieldMap::parse(options->map);
    } catch (const std::invalid_argument& e) {
      throw Failure{fmt::format("--map: {}", e.what()), 1};
    }
    auto on_error = [&](const producers::InputError& e) {
      ++publisher.probe().input_errors;
      spdlog::error("publish: {}: {}", e.where, e.reason);
    };
    std::unique_ptr<producers::FileSource> files;
    try {
      files = std::make_unique<producers::FileSource>(options->inputs, on_error, options->files);
    } catch (const producers::CheckpointError& e) {
      throw Failure{e.what(), 1};
    }
    auto& source = *files;
    const bool complete = publisher.run(source, stop.get_token());
    print_publish_report(publisher.probe());
    throw_if_incomplete(publisher.probe(), complete);
  });
}

}  // namespace quotewire::app
