#include "pipeline/embedded_pipeline.h"

#include <atomic>

#include <fmt/format.h>

#include "transport/thread_name.h"

namespace quotewire::pipeline {
namespace {

// inproc names are per context, but a unique prefix keeps logs of several pipelines apart.
std::string inproc(const char* role) {
  static std::atomic<int> instances{0};
  return fmt::format("inproc://quotewire-{}-{}", instances++, role);
}

}  // namespace

EmbeddedPipeline::EmbeddedPipeline(const EmbeddedConfig& config) : context_(1) {
  broker::BrokerConfig broker_config;
  broker_config.frontend = inproc("broker-frontend");
  broker_config.backend = inproc("broker-backend");
  broker_config.heartbeat = config.heartbeat;
  broker_ = std::make_unique<broker::Broker>(context_, broker_config);

  // Workers first: the sink's /metrics reads them, so they exist before it serves and outlive
  // it (members are destroyed in reverse order of declaration: sink, workers, broker).
  const std::string sink_results = inproc("sink-results");
  for (unsigned i = 0; i < config.workers; ++i) {
    workers::WorkerConfig worker_config;
    worker_config.broker = broker_->backend_endpoint();
    worker_config.sinks = {sink_results};  // inproc allows connecting before the bind
    worker_config.heartbeat = config.heartbeat;
    worker_config.capacity = config.worker_capacity;
    worker_config.noop_extraction = config.noop_extraction;
    worker_config.extractor = config.extractor;
    worker_config.worker_id = fmt::format("embedded-worker-{}", i + 1);
    workers_.push_back(std::make_unique<workers::Worker>(context_, worker_config));
  }

  sink::SinkConfig sink_config;
  sink_config.results = sink_results;
  sink_config.updates = inproc("sink-updates");
  sink_config.snapshots = inproc("sink-snapshots");
  sink_config.store.path = config.db;
  sink_config.http = config.http;
  sink_config.broker_status = [this] { return broker_->status(); };
  sink_config.producers_status = [this] {
    std::lock_guard lock(producer_mutex_);
    return producer_ ? nlohmann::json::array({producer_->status()}) : nlohmann::json::array();
  };
  sink_config.extra_metrics = [this](metrics::Exposition& out) {
    broker_->probe().export_to(out);
    for (const auto& worker : workers_) worker->probe().export_to(out, worker->id());
    std::lock_guard lock(producer_mutex_);
    if (producer_) producer_->export_to(out);
  };
  sink_ = std::make_unique<sink::Sink>(context_, sink_config);

  broker_thread_ = std::jthread([this](std::stop_token stop) {
    transport::name_this_thread("broker");
    broker_->run(stop);
  });
  sink_thread_ = std::jthread([this](std::stop_token stop) {
    transport::name_this_thread("sink");
    sink_->run(stop);
  });
  for (unsigned i = 0; i < workers_.size(); ++i) {
    worker_threads_.emplace_back([w = workers_[i].get(), i](std::stop_token stop) {
      transport::name_this_thread(fmt::format("worker-{}", i + 1));
      w->run(stop);
    });
  }
}

std::shared_ptr<void> EmbeddedPipeline::show_producer(const producers::Publisher& publisher) {
  {
    std::lock_guard lock(producer_mutex_);
    producer_ = &publisher;
  }
  return std::shared_ptr<void>(nullptr, [this](void*) {
    std::lock_guard lock(producer_mutex_);
    producer_ = nullptr;
  });
}

void EmbeddedPipeline::stop() {
  for (auto& thread : worker_threads_) thread.request_stop();
  worker_threads_.clear();  // joins
  broker_thread_.request_stop();
  sink_thread_.request_stop();
  broker_thread_ = {};
  sink_thread_ = {};
}

}  // namespace quotewire::pipeline
