#include "apps/app.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <csignal>
#include <fstream>
#include <iterator>
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

void add_aliases_flag(CLI::App& command, std::string& path) {
  command
      .add_option("--aliases", path,
                  "state aliases beside the bundled ones: lines of alias<TAB>what it stands "
                  "for<TAB>why (\"Kremlin\tRussia\tseat of the Russian presidency\"); "
                  "alias<TAB>- drops a bundled one")
      ->check(CLI::ExistingFile);
}

std::unique_ptr<extract::Extractor> load_extractor(const ExtractorFiles& files) {
  if (files.ner_model.empty() && files.attribution_model.empty() && files.aliases.empty()) {
    return nullptr;
  }
  auto read = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Failure{fmt::format("cannot read {}", path), 2};
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  extract::ExtractorOptions options;
  std::vector<std::string> given;
  for (auto [path, into] : {std::pair{&files.ner_model, &options.ner_model},
                            std::pair{&files.attribution_model, &options.attribution_model},
                            std::pair{&files.aliases, &options.state_aliases}}) {
    if (path->empty()) continue;
    *into = read(*path);
    given.push_back(*path);
  }
  try {
    return std::make_unique<extract::Extractor>(std::move(options));
  } catch (const std::runtime_error& e) {
    throw Failure{fmt::format("{}: {}", fmt::join(given, ", "), e.what()), 2};
  }
}

}  // namespace quotewire::app
