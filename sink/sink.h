#pragma once
// The sink role: workers send results to its ROUTER; each batch is committed to SQLite in one
// transaction and only then acknowledged; every new attributed statement is published on a
// PUB socket with topic = actor id and a sink-wide sequence number.

#include <stop_token>
#include <string>
#include <zmq.hpp>

#include "sink/sink_probe.h"
#include "sink/store.h"

namespace quotewire::sink {

struct SinkConfig {
  std::string results = "tcp://127.0.0.1:5557";  // workers connect here
  std::string updates = "tcp://127.0.0.1:5558";  // subscribers connect here
  StoreSettings store;
  size_t max_batch = 256;              // results committed per transaction, at most
  int64_t retry_after_error_ms = 500;  // pause after SQLite refused a commit
  int64_t max_message_bytes = 16 << 20;
};

class Sink {
 public:
  // Opens the database and binds both sockets.
  Sink(zmq::context_t& context, SinkConfig config);

  void run(std::stop_token stop);

  const std::string& results_endpoint() const { return results_endpoint_; }
  const std::string& updates_endpoint() const { return updates_endpoint_; }
  const SinkProbe& probe() const { return probe_; }

 private:
  // Receives up to max_batch results, commits them, acks and publishes. False when idle.
  bool process_batch();

  SinkConfig config_;
  Store store_;
  zmq::socket_t results_;
  zmq::socket_t updates_;
  std::string results_endpoint_;
  std::string updates_endpoint_;
  SinkProbe probe_;
};

}  // namespace quotewire::sink
