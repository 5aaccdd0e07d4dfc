// quotewire sink: stores results exactly once and publishes per-actor updates.
#include <httplib.h>
#include <spdlog/spdlog.h>

#include "apps/app.h"
#include "sink/sink.h"

namespace quotewire::app {
namespace {

// The broker's /api/status, fetched for each dashboard refresh; null while it is unreachable.
std::function<nlohmann::json()> broker_status_from(const std::string& url) {
  return [url] {
    httplib::Client client(url);
    client.set_connection_timeout(0, 300000);
    client.set_read_timeout(0, 500000);
    auto res = client.Get("/api/status");
    if (!res || res->status != 200) return nlohmann::json(nullptr);
    auto status = nlohmann::json::parse(res->body, nullptr, false);
    return status.is_discarded() ? nlohmann::json(nullptr) : status;
  };
}

}  // namespace

void add_sink_command(CLI::App& app) {
  struct Options {
    sink::SinkConfig config;
    std::string log_level = "info";
    std::string broker_http;
  };
  auto options = std::make_shared<Options>();
  options->config.http = metrics::HttpSettings{.port = 8080};
  auto* cmd = app.add_subcommand("sink", "Store extractions and aggregate statements per actor");
  auto& config = options->config;
  cmd->add_option("--db", config.store.path, "SQLite database file")->capture_default_str();
  cmd->add_option("--results", config.results, "endpoint workers send results to")
      ->capture_default_str();
  cmd->add_option("--updates", config.updates, "PUB endpoint for per-actor updates")
      ->capture_default_str();
  cmd->add_option("--snapshots", config.snapshots, "endpoint subscribers ask for snapshots")
      ->capture_default_str();
  cmd->add_option("--broker-http", options->broker_http,
                  "the broker's HTTP address (http://host:port), for the dashboard's queue and "
                  "worker view");
  cmd->add_option("--max-batch", config.max_batch, "results committed per transaction")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--max-db-bytes", config.store.max_db_bytes,
                  "stop storing (and acknowledging) past this database size; 0: no limit")
      ->capture_default_str();
  cmd->add_flag("--sync-full", config.store.synchronous_full,
                "fsync every commit (survives power loss, slower)");
  add_http_flag(*cmd, config.http);
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] {
    apply_log_level(options->log_level);
    auto stop = install_stop_signals();
    zmq::context_t context(1);
    if (!options->broker_http.empty()) {
      options->config.broker_status = broker_status_from(options->broker_http);
    }
    try {
      sink::Sink sink(context, options->config);
      sink.run(stop.get_token());
    } catch (const sink::StoreError& e) {
      throw Failure{e.what(), 1};
    }
  });
}

}  // namespace quotewire::app
