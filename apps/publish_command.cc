// quotewire publish: hand articles from files, directories, JSON Lines or stdin to the broker.
#include <spdlog/spdlog.h>

#include "apps/app.h"
#include "apps/reports.h"
#include "producers/publisher.h"

namespace quotewire::app {

void add_publish_command(CLI::App& app) {
  struct Options {
    producers::PublisherConfig config;
    std::vector<std::string> inputs{"-"};
    std::string log_level = "info";
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "publish", "Publish articles and wait until the sink has acknowledged every one");
  auto& config = options->config;
  cmd->add_option("inputs", options->inputs,
                  "text files, directories, .jsonl files, or - for stdin")
      ->capture_default_str();
  cmd->add_option("--broker", config.broker, "broker's producer endpoint")->capture_default_str();
  cmd->add_option("--producer-id", config.producer_id, "producer id (default: host-pid)");
  cmd->add_option("--window", config.window.capacity, "articles in flight at most")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--retry-ms", config.window.timeout_ms,
                  "re-send an article not acknowledged after this long")
      ->check(CLI::Range(10, 3600000))
      ->capture_default_str();
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] {
    apply_log_level(options->log_level);
    auto stop = install_stop_signals();
    zmq::context_t context(1);
    producers::Publisher publisher(context, options->config);
    producers::FileSource source(options->inputs, [&](const producers::InputError& e) {
      ++publisher.probe().input_errors;
      spdlog::error("publish: {}: {}", e.where, e.reason);
    });
    const bool complete = publisher.run(source, stop.get_token());
    print_publish_report(publisher.probe());
    throw_if_incomplete(publisher.probe(), complete);
  });
}

}  // namespace quotewire::app
