// quotewire worker: extracts articles from the broker and stores the results at the sink.
#include "apps/app.h"
#include "workers/worker.h"

namespace quotewire::app {

void add_worker_command(CLI::App& app) {
  struct Options {
    workers::WorkerConfig config;
    SecurityFlags security;
    std::string log_level = "info";
    std::string aliases;
  };
  auto options = std::make_shared<Options>();
  options->config.extract_timeout_ms = 30000;
  auto* cmd = app.add_subcommand("worker", "Extract who said what from the broker's articles");
  auto& config = options->config;
  cmd->add_option("--broker", config.broker, "broker's worker endpoint")->capture_default_str();
  cmd->add_option("--sink", config.sinks,
                  "sink's results endpoint; repeat it for sinks sharing one PostgreSQL database "
                  "(each result goes to one that is up)")
      ->capture_default_str();
  cmd->add_option("--id", config.worker_id, "worker id (default: host-pid-random)");
  cmd->add_option("--capacity", config.capacity, "articles held at once")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd->add_option("--sink-timeout-ms", config.sink_timeout_ms,
                  "re-send a result the sink has not acknowledged after this long")
      ->capture_default_str();
  cmd->add_option("--max-body-bytes", config.max_body_bytes,
                  "larger bodies go to the dead-letter store")
      ->capture_default_str();
  cmd->add_option("--extract-timeout-ms", config.extract_timeout_ms,
                  "exit (for the supervisor to restart) when one extraction takes longer; 0: "
                  "never")
      ->capture_default_str();
  cmd->add_option("--fault-crash-on", config.fault_crash_on,
                  "fault injection (tests): abort on an article whose body contains this text")
      ->group("Fault injection");
  cmd->add_option("--fault-hang-on", config.fault_hang_on,
                  "fault injection (tests): hang on an article whose body contains this text")
      ->group("Fault injection");
  add_aliases_flag(*cmd, options->aliases);
  add_heartbeat_flags(*cmd, config.heartbeat);
  add_http_flag(*cmd, config.http);
  add_client_security_flags(*cmd, options->security, true, true);
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] {
    apply_log_level(options->log_level);
    options->config.broker_security =
        load_client_security(options->security, options->security.broker_key);
    options->config.sink_security =
        load_client_security(options->security, options->security.sink_key);
    const auto extractor = load_extractor({.aliases = options->aliases});
    options->config.extractor = extractor.get();
    auto stop = install_stop_signals();
    zmq::context_t context(1);
    workers::Worker worker(context, options->config);
    worker.run(stop.get_token());
  });
}

}  // namespace quotewire::app
