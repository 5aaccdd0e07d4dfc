#pragma once
// The broker role: producers hand articles to its ROUTER frontend; workers pull them from its
// ROUTER backend with credit (LRU among workers with free credit). It heartbeats workers both
// ways, requeues a dead worker's articles, passes the sink's acknowledgements back to the
// producer, and stops reading producers while its queue is full (backpressure, not buffering).

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stop_token>
#include <string>
#include <zmq.hpp>

#include "broker/broker_probe.h"
#include "broker/dispatcher.h"
#include "metrics/http_server.h"
#include "transport/heartbeat.h"
#include "transport/security.h"

namespace quotewire::broker {

struct BrokerConfig {
  std::string frontend = "tcp://127.0.0.1:5555";  // producers connect here
  std::string backend = "tcp://127.0.0.1:5556";   // workers connect here
  transport::HeartbeatSettings heartbeat;
  DispatcherSettings dispatch;
  int64_t max_message_bytes = 16 << 20;
  std::optional<metrics::HttpSettings> http;  // /metrics, /healthz, /api/status; none: off
  transport::ServerSecurity security;         // CURVE for both sockets; required off loopback
};

class Broker {
 public:
  // Binds both sockets (so a test may ask for port "*" and read the endpoints back).
  Broker(zmq::context_t& context, BrokerConfig config);
  ~Broker();

  void run(std::stop_token stop);

  const std::string& frontend_endpoint() const { return frontend_endpoint_; }
  const std::string& backend_endpoint() const { return backend_endpoint_; }
  const BrokerProbe& probe() const { return probe_; }
  // Queue, in-flight and each worker's state, as of the last loop turn; thread-safe.
  nlohmann::json status() const;
  std::string http_url() const { return http_ ? http_->url() : std::string(); }

 private:
  void on_worker_message(const std::string& worker_id, std::string_view frame, int64_t now_ms);
  void on_producer_message(const std::string& producer_id, std::string_view frame);
  void dispatch();
  void heartbeat_workers(int64_t now_ms);
  void announced(const std::string& worker_id, uint32_t capacity, uint64_t session, int64_t now_ms);
  void drop_worker(const std::string& worker_id, const char* why);
  // A client whose key was removed from the allowed keys while connected: its message is
  // refused (and a worker's articles go to the others). True when refused.
  bool revoked(zmq::socket_t& socket, const std::string& peer, const zmq::message_t& message);
  void reject(zmq::socket_t& socket, const std::string& peer, const std::string& reason);
  // The probe's gauges (queue depth, in flight, workers) from the dispatcher.
  void update_gauges();
  void update_status(int64_t now_ms);

  BrokerConfig config_;
  std::unique_ptr<transport::ZapHandler> zap_;  // before the sockets bind: checks every client
  zmq::socket_t frontend_;
  zmq::socket_t backend_;
  std::string frontend_endpoint_;
  std::string backend_endpoint_;
  Dispatcher dispatcher_;
  BrokerProbe probe_;
  mutable std::mutex status_mutex_;
  nlohmann::json status_;
  int64_t next_status_ms_ = 0;
  std::unique_ptr<metrics::HttpServer> http_;
};

}  // namespace quotewire::broker
