#pragma once
// Broker, N workers and sink in one process, on inproc endpoints: `quotewire run`, and a whole
// pipeline for tests and benchmarks. The roles are the same classes the separate processes run.

#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "broker/broker.h"
#include "producers/publisher.h"
#include "sink/sink.h"
#include "workers/worker.h"

namespace quotewire::pipeline {

struct EmbeddedConfig {
  unsigned workers = 2;
  std::string db = "quotewire.db";
  transport::HeartbeatSettings heartbeat;
  uint32_t worker_capacity = 128;
  bool noop_extraction = false;  // benchmarks: broker and sink without the extractor's work
  // The workers' extractor when the user gave lists or models of their own (it outlives the
  // pipeline); none: the bundled one.
  const extract::Extractor* extractor = nullptr;
  // The sink's API, dashboard and /metrics (with every role's metrics); none: no HTTP.
  std::optional<metrics::HttpSettings> http;
};

class EmbeddedPipeline {
 public:
  explicit EmbeddedPipeline(const EmbeddedConfig& config);
  ~EmbeddedPipeline() { stop(); }

  // Stops the roles, workers first so their last results are stored. Idempotent.
  void stop();

  zmq::context_t& context() { return context_; }
  const std::string& broker_endpoint() const { return broker_->frontend_endpoint(); }
  const std::string& updates_endpoint() const { return sink_->updates_endpoint(); }
  const std::string& snapshots_endpoint() const { return sink_->snapshots_endpoint(); }
  std::string http_url() const { return sink_->http_url(); }
  const broker::Broker& broker() const { return *broker_; }
  const sink::Sink& sink() const { return *sink_; }

  // Adds a producer's figures, with its source's (a feed follower's), to the sink's /metrics
  // beside the roles here: the producer of `quotewire run`. They are shown until the returned
  // handle is destroyed, which must be before the publisher is.
  [[nodiscard]] std::shared_ptr<void> show_producer(const producers::Publisher& publisher);

 private:
  zmq::context_t context_;
  std::unique_ptr<broker::Broker> broker_;
  std::vector<std::unique_ptr<workers::Worker>> workers_;
  std::unique_ptr<sink::Sink> sink_;
  std::jthread broker_thread_;
  std::jthread sink_thread_;
  std::vector<std::jthread> worker_threads_;
  std::mutex producer_mutex_;  // the sink's HTTP thread reads producer_
  const producers::Publisher* producer_ = nullptr;
};

}  // namespace quotewire::pipeline
