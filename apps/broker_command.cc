// quotewire broker: the load balancer between producers and workers.
#include <spdlog/spdlog.h>

#include "apps/app.h"
#include "broker/broker.h"

namespace quotewire::app {

void add_broker_command(CLI::App& app) {
  struct Options {
    broker::BrokerConfig config;
    SecurityFlags security;
    std::string log_level = "info";
  };
  auto options = std::make_shared<Options>();
  options->config.http = metrics::HttpSettings{.port = 9101};
  auto* cmd = app.add_subcommand("broker", "Balance articles from producers over workers");
  auto& config = options->config;
  cmd->add_option("--frontend", config.frontend, "endpoint producers connect to")
      ->capture_default_str();
  cmd->add_option("--backend", config.backend, "endpoint workers connect to")
      ->capture_default_str();
  cmd->add_option("--queue-limit", config.dispatch.queue_limit,
                  "articles queued before producers are held back")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--max-attempts", config.dispatch.max_attempts,
                  "deliveries before an article goes to the dead-letter store")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->add_option("--max-message-bytes", config.max_message_bytes, "largest message accepted")
      ->capture_default_str();
  add_heartbeat_flags(*cmd, config.heartbeat);
  add_http_flag(*cmd, config.http);
  add_server_security_flags(*cmd, options->security);
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] {
    apply_log_level(options->log_level);
    options->config.security = load_server_security(options->security);
    auto stop = install_stop_signals();
    zmq::context_t context(1);
    broker::Broker broker(context, options->config);
    broker.run(stop.get_token());
  });
}

}  // namespace quotewire::app
