#pragma once
// The worker role (zguide "Paranoid Pirate" worker, with the sink in the loop): take articles
// from the broker within its credit, extract, send the result to the sink, and only when the
// sink has committed it pass the sink's ack on to the broker. Results are re-sent until a
// sink answers (one of several sharing a database: whichever is up); a silent broker gets a
// fresh connection with growing back-off.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <stop_token>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "metrics/http_server.h"
#include "proto/quotewire.pb.h"
#include "transport/heartbeat.h"
#include "transport/retry_window.h"
#include "transport/security.h"

namespace quotewire::extract {
class Extractor;
}
#include "workers/worker_probe.h"

namespace quotewire::workers {

struct WorkerConfig {
  std::string broker = "tcp://127.0.0.1:5556";
  // Sinks sharing one PostgreSQL database each take any result; one is the usual.
  std::vector<std::string> sinks{"tcp://127.0.0.1:5557"};
  std::string worker_id;  // empty: host-pid-random
  // Articles held at once (being extracted or awaiting the sink). Enough that the sink sees
  // batches to commit together while this worker extracts the next ones: `quotewire bench`
  // measured a 1-worker pipeline at 4.8k articles/s with 32, 6.2k/s with 128, 6.7k/s with 256.
  uint32_t capacity = 128;
  transport::HeartbeatSettings heartbeat;
  int64_t sink_timeout_ms = 3000;  // re-send a result the sink has not acknowledged by then
  int64_t reconnect_max_ms = 8000;
  size_t max_body_bytes = 4 << 20;  // larger bodies are dead-lettered, not extracted
  int64_t max_message_bytes = 16 << 20;
  int64_t stop_grace_ms = 1500;               // on stop, wait this long for the sink's last acks
  std::optional<metrics::HttpSettings> http;  // /metrics and /healthz; none: off
  // An extraction running longer than this is a hang (a poison article): the process exits so
  // its supervisor restarts it, and the broker redelivers the article until it is
  // dead-lettered. 0: no watchdog (the embedded pipeline, where exiting would stop everything).
  int64_t extract_timeout_ms = 0;
  // Fault injection for the fault suite: an article whose body contains this text crashes
  // (abort) or hangs the worker, as a poison article would. Empty: off.
  std::string fault_crash_on;
  std::string fault_hang_on;
  transport::ClientSecurity broker_security;  // CURVE towards the broker (its public key)
  transport::ClientSecurity sink_security;    // CURVE towards the sink
  // Benchmarks: skip the extractor (empty results), to measure what broker and sink carry.
  bool noop_extraction = false;
  // The extractor with the user's own lists or models (it outlives the worker); none: the
  // bundled one, Extractor::shared().
  const extract::Extractor* extractor = nullptr;
};

class Worker {
 public:
  Worker(zmq::context_t& context, WorkerConfig config);

  void run(std::stop_token stop);

  const std::string& id() const { return config_.worker_id; }
  const WorkerProbe& probe() const { return probe_; }
  std::string http_url() const { return http_ ? http_->url() : std::string(); }

 private:
  void connect_broker();
  // False for a reject: the broker did not take what this worker sent.
  bool on_broker_message(std::string_view frame);
  void on_sink_message(std::string_view frame);
  // Reads the sink socket's connection events (when /readyz is served): which sinks are up.
  void watch_sink_connections();
  // The Extraction, or the DeadLetter when the article cannot or must not be extracted.
  pb::Envelope process(pb::Article& article);
  void send_to_broker(pb::Envelope& envelope);
  void send_to_sink(const std::string& frame);
  void watch_extractions(std::stop_token stop);
  void inject_faults(std::string_view body) const;

  zmq::context_t& context_;
  WorkerConfig config_;
  zmq::socket_t broker_;
  zmq::socket_t sink_;
  // The sink socket's monitor, with /readyz only: handshakes done and connections dropped.
  zmq::socket_t sink_events_;
  std::set<std::string> sinks_up_;         // endpoints with a connection up (loop thread)
  std::atomic<size_t> sinks_up_count_{0};  // its size, for /readyz
  transport::RetryWindow pending_;         // results sent to the sink, not yet acknowledged
  WorkerProbe probe_;
  // Steady-clock ms when the broker was last heard, 0 before it first answers: /readyz. A
  // worker whose CURVE key the broker refuses, or that cannot reach it, hears nothing.
  std::atomic<int64_t> broker_heard_ms_{0};
  // Why the broker last refused this worker (a revoked key), for /readyz; empty once it answers.
  mutable std::mutex refusal_mutex_;
  std::string broker_refusal_;
  std::unique_ptr<metrics::HttpServer> http_;
  // Steady-clock ms when the running extraction started, 0 when none runs (for the watchdog).
  std::atomic<int64_t> extraction_started_ms_{0};
  std::string extracting_article_;  // written before extraction_started_ms_ is set
  // Numbers this worker's connections to the broker; random at start, so that a restarted
  // process with the same --id is a new session too.
  uint64_t session_ = std::random_device{}();
};

}  // namespace quotewire::workers
