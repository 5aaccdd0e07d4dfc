#pragma once
// What every subcommand shares: logging flags, signal-driven stop, the one-line error exit.

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>

#include "config/configured_app.h"
#include "extract/extractor.h"
#include "metrics/http_server.h"
#include "transport/heartbeat.h"
#include "transport/security.h"

namespace quotewire::producers {
struct FollowerConfig;
}

namespace quotewire::app {

// Adds --log-level to a subcommand; call apply_log_level() at the start of its callback.
void add_log_flag(CLI::App& command, std::string& level);
void apply_log_level(const std::string& level);

// --heartbeat-ms and --liveness, shared by the roles that heartbeat.
void add_heartbeat_flags(CLI::App& command, transport::HeartbeatSettings& settings);

// Blocks SIGINT/SIGTERM in every thread and turns them into a stop request on the returned
// token. Call once, before any thread starts.
std::stop_source install_stop_signals();

// --http [HOST:]PORT|off: where the role serves /metrics (and the sink its API and dashboard).
// `settings` keeps its initial value (the role's default) when the flag is absent.
void add_http_flag(CLI::App& command, std::optional<metrics::HttpSettings>& settings);

// --feed-state, --poll-interval, --user-agent and the politeness limits of following feeds.
void add_feed_flags(CLI::App& command, producers::FollowerConfig& feeds);

// What `publish` and `run` print under their --help: inputs and exit codes.
extern const char* const kInputsFooter;

// CurveZMQ key files named on the command line (loaded when the command runs).
struct SecurityFlags {
  std::string key;         // this process's key pair (quotewire keygen)
  std::string allow;       // servers: the clients' public keys (file or directory of .pub)
  std::string broker_key;  // clients: the broker's public key
  std::string sink_key;    // clients: the sink's public key
  bool insecure = false;   // servers: allow non-loopback binds without keys
};
void add_server_security_flags(CLI::App& command, SecurityFlags& flags);
void add_client_security_flags(CLI::App& command, SecurityFlags& flags, bool to_broker,
                               bool to_sink);
transport::ServerSecurity load_server_security(const SecurityFlags& flags);
transport::ClientSecurity load_client_security(const SecurityFlags& flags,
                                               const std::string& server_key_file);

// A failure that ends the command with a one-line reason and the given exit code.
struct Failure {
  std::string reason;
  int exit_code = 1;
};

// Files of the user's own for the extractor, in place of or beside the bundled ones.
struct ExtractorFiles {
  std::string ner_model;          // in place of the built-in entity model
  std::string attribution_model;  // in place of the built-in attribution model
  std::string aliases;            // state aliases beside the bundled ones
};
// --aliases FILE, for the commands that extract (extract, worker, run).
void add_aliases_flag(CLI::App& command, std::string& path);
// An extractor of its own when files were given, else nullptr (Extractor::shared() serves). A
// file that cannot be read or used fails the command (exit 2) with the reason.
std::unique_ptr<extract::Extractor> load_extractor(const ExtractorFiles& files);

// Each command file registers its subcommand here.
void add_extract_command(CLI::App& app);
void add_train_command(CLI::App& app);
void add_broker_command(CLI::App& app);
void add_worker_command(CLI::App& app);
void add_sink_command(CLI::App& app);
void add_publish_command(CLI::App& app);
void add_run_command(CLI::App& app);
void add_actors_command(CLI::App& app);
void add_subscribe_command(CLI::App& app);
void add_top_command(CLI::App& app);
void add_bench_command(CLI::App& app);
void add_keygen_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_config_command(config::ConfiguredApp& app);

}  // namespace quotewire::app
