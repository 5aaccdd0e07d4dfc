// quotewire sink: stores results exactly once and publishes per-actor updates.
#include "apps/app.h"
#include "sink/sink.h"

namespace quotewire::app {

void add_sink_command(CLI::App& app) {
  struct Options {
    sink::SinkConfig config;
    std::string log_level = "info";
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("sink", "Store extractions and aggregate statements per actor");
  auto& config = options->config;
  cmd->add_option("--db", config.store.path, "SQLite database file")->capture_default_str();
  cmd->add_option("--results", config.results, "endpoint workers send results to")
      ->capture_default_str();
  cmd->add_option("--updates", config.updates, "PUB endpoint for per-actor updates")
      ->capture_default_str();
  cmd->add_option("--max-batch", config.max_batch, "results committed per transaction")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--max-db-bytes", config.store.max_db_bytes,
                  "stop storing (and acknowledging) past this database size; 0: no limit")
      ->capture_default_str();
  cmd->add_flag("--sync-full", config.store.synchronous_full,
                "fsync every commit (survives power loss, slower)");
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] {
    apply_log_level(options->log_level);
    auto stop = install_stop_signals();
    zmq::context_t context(1);
    try {
      sink::Sink sink(context, options->config);
      sink.run(stop.get_token());
    } catch (const sink::StoreError& e) {
      throw Failure{e.what(), 1};
    }
  });
}

}  // namespace quotewire::app
