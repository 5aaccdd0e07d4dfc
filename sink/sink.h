#pragma once
// The sink role: workers send results to its ROUTER; each batch is committed to SQLite in one
// transaction and only then acknowledged; every new statement is published on a PUB socket
// (topic = actor id, and again for each actor it is for or about: transport/topics.h) with a
// sink-wide sequence number, and late subscribers catch up from the snapshot endpoint (zguide
// "Clone"). Optionally serves the HTTP API, dashboard and /metrics.

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stop_token>
#include <string>
#include <zmq.hpp>

#include "metrics/http_server.h"
#include "sink/activity.h"
#include "sink/sink_probe.h"
#include "sink/snapshot_server.h"
#include "sink/store.h"
#include "transport/security.h"
#include "transport/topics.h"

namespace quotewire::sink {

struct SinkConfig {
  std::string results = "tcp://127.0.0.1:5557";    // workers connect here
  std::string updates = "tcp://127.0.0.1:5558";    // subscribers connect here (PUB)
  std::string snapshots = "tcp://127.0.0.1:5559";  // subscribers ask for snapshots here
  StoreSettings store;
  size_t max_batch = 256;              // results committed per transaction, at most
  int64_t retry_after_error_ms = 500;  // pause after SQLite refused a commit
  int64_t max_message_bytes = 16 << 20;
  int64_t heartbeat_ms = 1000;                // to subscribers, on the PUB socket
  transport::ServerSecurity security;         // CURVE for all three sockets; required off loopback
  std::optional<metrics::HttpSettings> http;  // API, dashboard and /metrics; none: no HTTP
  // What the dashboard shows of the broker (queue, workers); empty when unknown.
  std::function<nlohmann::json()> broker_status;
  // What it shows of the producers (counts, a feed follower's polls, fetches and errors): an
  // array of their /api/status; empty when unknown.
  std::function<nlohmann::json()> producers_status;
  // Fault injection for the fault suite: sleep this long before each commit (a slow disk).
  int64_t fault_commit_delay_ms = 0;
  // Extra /metrics text (the embedded pipeline adds its other roles' metrics).
  std::function<void(metrics::Exposition&)> extra_metrics;
  // Called after each commit with its new statements, in sequence order (the Kafka output).
  std::function<void(const std::vector<pb::ActorUpdate>&)> on_statements;
};

class Sink {
 public:
  // Opens the database, binds the sockets and starts the HTTP server if configured.
  Sink(zmq::context_t& context, SinkConfig config);
  ~Sink();

  void run(std::stop_token stop);

  const std::string& results_endpoint() const { return results_endpoint_; }
  const std::string& updates_endpoint() const { return updates_endpoint_; }
  const std::string& snapshots_endpoint() const { return snapshots_.endpoint(); }
  std::string http_url() const { return http_ ? http_->url() : std::string(); }
  const SinkProbe& probe() const { return probe_; }

 private:
  // Receives up to max_batch results, commits them, acks and publishes. False when idle.
  bool process_batch();
  void publish_heartbeat();
  // Closes every live subscription when a key was revoked; rebinds the same endpoint.
  void drop_subscribers_after_revocation();

  uint64_t revocations_seen_ = 0;
  bool updates_unbound_ = false;  // between a revocation and the rebind
  // The database refusing batches: said when it begins, when its reason changes and when it
  // ends, not once per batch the workers re-send meanwhile.
  int64_t store_failing_since_ms_ = 0;  // steady ms of the first failure; 0 while storing
  uint64_t failed_batches_ = 0;
  std::string last_store_error_;

  SinkConfig config_;
  std::unique_ptr<transport::ZapHandler> zap_;  // before the sockets bind: checks every client
  Store store_;
  zmq::socket_t results_;
  zmq::socket_t updates_;
  std::string results_endpoint_;
  std::string updates_endpoint_;
  SnapshotServer snapshots_;
  std::string instance_id_;  // changes at every start: subscribers notice a restart
  SinkProbe probe_;
  Activity activity_;
  std::unique_ptr<metrics::HttpServer> http_;
};

}  // namespace quotewire::sink
