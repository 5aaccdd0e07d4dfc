#pragma once
// The broker role: producers hand articles to its ROUTER frontend; workers pull them from its
// ROUTER backend with credit (LRU among workers with free credit). It heartbeats workers both
// ways, requeues a dead worker's articles, passes the sink's acknowledgements back to the
// producer, and stops reading producers while its queue is full (backpressure, not buffering).

#include <stop_token>
#include <string>
#include <zmq.hpp>

#include "broker/broker_probe.h"
#include "broker/dispatcher.h"
#include "transport/heartbeat.h"

namespace quotewire::broker {

struct BrokerConfig {
  std::string frontend = "tcp://127.0.0.1:5555";  // producers connect here
  std::string backend = "tcp://127.0.0.1:5556";   // workers connect here
  transport::HeartbeatSettings heartbeat;
  DispatcherSettings dispatch;
  int64_t max_message_bytes = 16 << 20;
};

class Broker {
 public:
  // Binds both sockets (so a test may ask for port "*" and read the endpoints back).
  Broker(zmq::context_t& context, BrokerConfig config);

  void run(std::stop_token stop);

  const std::string& frontend_endpoint() const { return frontend_endpoint_; }
  const std::string& backend_endpoint() const { return backend_endpoint_; }
  const BrokerProbe& probe() const { return probe_; }

 private:
  void on_worker_message(const std::string& worker_id, std::string_view frame, int64_t now_ms);
  void on_producer_message(const std::string& producer_id, std::string_view frame);
  void dispatch();
  void heartbeat_workers(int64_t now_ms);
  void drop_worker(const std::string& worker_id, const char* why);
  void reject(zmq::socket_t& socket, const std::string& peer, const std::string& reason);
  void update_gauges();

  BrokerConfig config_;
  zmq::socket_t frontend_;
  zmq::socket_t backend_;
  std::string frontend_endpoint_;
  std::string backend_endpoint_;
  Dispatcher dispatcher_;
  BrokerProbe probe_;
};

}  // namespace quotewire::broker
