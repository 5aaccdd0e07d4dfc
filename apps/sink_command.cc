// quotewire sink: stores results exactly once and publishes per-actor updates.
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <thread>

#include "apps/app.h"
#include "sink/kafka_output.h"
#include "sink/sink.h"

namespace quotewire::app {
namespace {

// A role's /api/status (the broker's, a producer's), fetched for each dashboard refresh; null
// while it is unreachable.
nlohmann::json status_from(const std::string& url) {
  httplib::Client client(url);
  client.set_connection_timeout(0, 300000);
  client.set_read_timeout(0, 500000);
  auto res = client.Get("/api/status");
  if (!res || res->status != 200) return nullptr;
  auto status = nlohmann::json::parse(res->body, nullptr, false);
  return status.is_discarded() ? nlohmann::json(nullptr) : status;
}

}  // namespace

void add_sink_command(CLI::App& app) {
  struct Options {
    sink::SinkConfig config;
    SecurityFlags security;
    std::string log_level = "info";
    std::string broker_http;
    std::vector<std::string> producer_http;
    sink::KafkaOutputConfig kafka;
    std::string kafka_format = "json";
    std::vector<std::string> kafka_properties;
  };
  auto options = std::make_shared<Options>();
  options->config.http = metrics::HttpSettings{.port = 8080};
  auto* cmd = app.add_subcommand("sink", "Store extractions and aggregate statements per actor");
  auto& config = options->config;
  cmd->add_option("--db", config.store.path, "SQLite database file or postgresql:// URI")
      ->capture_default_str();
  cmd->add_option("--results", config.results, "endpoint workers send results to")
      ->capture_default_str();
  cmd->add_option("--updates", config.updates, "PUB endpoint for per-actor updates")
      ->capture_default_str();
  cmd->add_option("--snapshots", config.snapshots, "endpoint subscribers ask for snapshots")
      ->capture_default_str();
  cmd->add_option("--broker-http", options->broker_http,
                  "the broker's HTTP address (http://host:port), for the dashboard's queue and "
                  "worker view");
  cmd->add_option("--producer-http", options->producer_http,
                  "a producer's HTTP address (publish --http), for its counts and feeds in the "
                  "dashboard and `quotewire top`; repeatable");
  cmd->add_option("--max-batch", config.max_batch, "results committed per transaction")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--max-db-bytes", config.store.max_db_bytes,
                  "stop storing (and acknowledging) past this database size; 0: no limit")
      ->capture_default_str();
  cmd->add_option("--fault-commit-delay-ms", config.fault_commit_delay_ms,
                  "fault injection (tests): sleep this long before each commit")
      ->group("Fault injection");
  cmd->add_flag("--sync-full", config.store.synchronous_full,
                "fsync every commit (survives power loss, slower)");
  auto& kafka = options->kafka;
  cmd->add_option("--kafka-brokers", kafka.brokers, "Kafka bootstrap servers, host:port,...")
      ->group("Kafka output");
  cmd->add_option("--kafka-topic", kafka.statements_topic,
                  "send every new statement here, keyed by actor id")
      ->group("Kafka output");
  cmd->add_option("--kafka-actors-topic", kafka.actors_topic,
                  "also send each actor's latest statement and count here (a changelog)")
      ->group("Kafka output");
  cmd->add_option("--kafka-format", options->kafka_format, "message values")
      ->check(CLI::IsMember({"json", "protobuf"}))
      ->capture_default_str()
      ->group("Kafka output");
  cmd->add_option("--kafka-cursor", kafka.cursor,
                  "file keeping how far Kafka has every statement (default: <db>.kafka-cursor; "
                  "required with a postgresql:// database)")
      ->group("Kafka output");
  cmd->add_option("--kafka-property", options->kafka_properties,
                  "librdkafka setting key=value (security, tuning); repeatable")
      ->group("Kafka output");
  add_http_flag(*cmd, config.http);
  add_server_security_flags(*cmd, options->security);
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] {
    apply_log_level(options->log_level);
    options->config.security = load_server_security(options->security);
    auto stop = install_stop_signals();
    zmq::context_t context(1);
    if (!options->broker_http.empty()) {
      options->config.broker_status = [url = options->broker_http] { return status_from(url); };
    }
    if (!options->producer_http.empty()) {
      options->config.producers_status = [urls = options->producer_http] {
        auto all = nlohmann::json::array();
        for (const auto& url : urls) {
          auto status = status_from(url);
          all.push_back(status.is_null() ? nlohmann::json{{"url", url}, {"unreachable", true}}
                                         : std::move(status));
        }
        return all;
      };
    }
    std::unique_ptr<sink::KafkaOutput> kafka;
    std::jthread kafka_thread;
    if (!options->kafka.statements_topic.empty()) {
      try {
        options->kafka.protobuf = options->kafka_format == "protobuf";
        options->kafka.properties = kafka::parse_properties(options->kafka_properties);
        kafka = std::make_unique<sink::KafkaOutput>(options->kafka, options->config.store.path);
      } catch (const std::exception& e) {  // a bad Kafka setting or cursor file
        throw Failure{e.what(), 1};
      }
      options->config.on_statements = [&](const auto& updates) { kafka->offer(updates); };
      options->config.extra_metrics = [&](metrics::Exposition& out) {
        kafka->probe().export_to(out);
      };
    }
    try {
      sink::Sink sink(context, options->config);
      // Started once the sink has opened (and created) the database it reads from.
      if (kafka) kafka_thread = std::jthread([&](std::stop_token s) { kafka->run(s); });
      sink.run(stop.get_token());
    } catch (const sink::StoreError& e) {
      throw Failure{e.what(), 1};
    }
    // The jthread stops the output after the sink: the last commits reach Kafka too.
  });
}

}  // namespace quotewire::app
