#include "apps/app.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <fmt/format.h>

#include <csignal>
#include <thread>

namespace quotewire::app {

void add_log_flag(CLI::App& command, std::string& level) {
  command.add_option("--log-level", level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();
}

void apply_log_level(const std::string& level) {
  // Logs go to stderr so that stdout stays clean for JSON and tables.
  auto logger = spdlog::stderr_color_mt("quotewire");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%n] %v");
}

void add_heartbeat_flags(CLI::App& command, transport::HeartbeatSettings& settings) {
  command.add_option("--heartbeat-ms", settings.interval_ms, "heartbeat interval")
      ->check(CLI::Range(10, 60000))
      ->capture_default_str();
  command.add_option("--liveness", settings.liveness, "missed heartbeats before a peer is dead")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
}

void add_http_flag(CLI::App& command, std::optional<metrics::HttpSettings>& settings) {
  const std::string current =
      settings ? fmt::format("{}:{}", settings->host, settings->port) : std::string("off");
  command
      .add_option_function<std::string>(
          "--http",
          [&settings](const std::string& value) {
            if (value == "off") {
              settings.reset();
              return;
            }
            metrics::HttpSettings parsed;
            const auto colon = value.rfind(':');
            const std::string port = colon == std::string::npos ? value : value.substr(colon + 1);
            if (colon != std::string::npos) parsed.host = value.substr(0, colon);
            parsed.port = std::stoi(port);
            settings = parsed;
          },
          fmt::format("[HOST:]PORT for /metrics and /healthz (HTTP), or off; loopback unless a "
                      "host is given (default: {})",
                      current))
      ->check([](const std::string& value) -> std::string {
        if (value == "off") return {};
        const auto colon = value.rfind(':');
        const std::string port = colon == std::string::npos ? value : value.substr(colon + 1);
        if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos ||
            port.size() > 5 || std::stoi(port) > 65535) {
          return "expected [HOST:]PORT or off, e.g. 127.0.0.1:9101";
        }
        return {};
      });
}

void add_server_security_flags(CLI::App& command, SecurityFlags& flags) {
  command.add_option("--curve-key", flags.key, "this server's CURVE key pair (quotewire keygen)")
      ->check(CLI::ExistingFile)
      ->group("Security");
  command
      .add_option("--curve-allow", flags.allow,
                  "public keys of the clients allowed in: a file, or a directory of .pub files")
      ->check(CLI::ExistingPath)
      ->group("Security");
  command
      .add_flag("--insecure", flags.insecure,
                "serve a non-loopback address without CURVE (only on a network you trust)")
      ->group("Security");
}

void add_client_security_flags(CLI::App& command, SecurityFlags& flags, bool to_broker,
                               bool to_sink) {
  command.add_option("--curve-key", flags.key, "this client's CURVE key pair (quotewire keygen)")
      ->check(CLI::ExistingFile)
      ->group("Security");
  if (to_broker) {
    command.add_option("--broker-key", flags.broker_key, "the broker's public key file")
        ->check(CLI::ExistingFile)
        ->group("Security");
  }
  if (to_sink) {
    command.add_option("--sink-key", flags.sink_key, "the sink's public key file")
        ->check(CLI::ExistingFile)
        ->group("Security");
  }
}

transport::ServerSecurity load_server_security(const SecurityFlags& flags) {
  transport::ServerSecurity security;
  security.insecure = flags.insecure;
  if (flags.key.empty()) {
    if (!flags.allow.empty()) throw Failure{"--curve-allow needs --curve-key", 2};
    return security;
  }
  if (flags.allow.empty()) {
    throw Failure{"--curve-key needs --curve-allow: which clients may connect?", 2};
  }
  security.keys = transport::read_key_file(flags.key);
  security.allowed = transport::read_allowed_keys(flags.allow);
  security.allowed_path = flags.allow;
  return security;
}

transport::ClientSecurity load_client_security(const SecurityFlags& flags,
                                               const std::string& server_key_file) {
  transport::ClientSecurity security;
  if (flags.key.empty()) return security;
  if (server_key_file.empty()) {
    throw Failure{"--curve-key needs the server's public key (--broker-key / --sink-key)", 2};
  }
  security.keys = transport::read_key_file(flags.key);
  if (security.keys->secret_key.empty()) {
    throw Failure{fmt::format("{} has no secret-key (a .pub file was given)", flags.key), 2};
  }
  security.server_public_key = transport::read_key_file(server_key_file).public_key;
  return security;
}

std::stop_source install_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::stop_source source;
  // sigwait in a thread of its own: the stop request then runs outside any signal handler.
  std::thread([set, source]() mutable {
    int signal = 0;
    sigwait(&set, &signal);
    spdlog::info("received {}, stopping", signal == SIGINT ? "SIGINT" : "SIGTERM");
    source.request_stop();
  }).detach();
  return source;
}

}  // namespace quotewire::app
