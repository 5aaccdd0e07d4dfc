#pragma once
// The producer role: reads articles from a source and hands them to the broker, keeping each
// one in a bounded window until its acknowledgement (from the sink, via worker and broker)
// returns, re-sending on timeout. Memory stays bounded: at most `window` articles are held.

#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <zmq.hpp>

#include "metrics/http_server.h"
#include "producers/article_source.h"
#include "producers/producer_probe.h"
#include "transport/retry_window.h"
#include "transport/security.h"

namespace quotewire::producers {

struct PublisherConfig {
  std::string broker = "tcp://127.0.0.1:5555";
  std::string producer_id;  // empty: host-pid
  transport::RetrySettings window{.capacity = 1000, .timeout_ms = 5000, .max_timeout_ms = 30000};
  int64_t max_message_bytes = 16 << 20;
  int64_t stop_grace_ms = 1500;               // on stop, wait this long for outstanding acks
  std::optional<metrics::HttpSettings> http;  // /metrics and /healthz; none: off
  // Appends "article_id<TAB>status" for every acknowledgement, flushed at once: a record of
  // what the pipeline has promised to keep (the fault suite checks it against the sink).
  std::string ack_log;
  transport::ClientSecurity security;  // CURVE towards the broker
};

class Publisher {
 public:
  Publisher(zmq::context_t& context, PublisherConfig config);
  ~Publisher();

  // Returns true when every article read was acknowledged and the source is exhausted (or,
  // for a live source, stopped); false when stopped with articles outstanding or unread.
  bool run(ArticleSource& source, std::stop_token stop);

  const std::string& id() const { return config_.producer_id; }
  const ProducerProbe& probe() const { return probe_; }
  ProducerProbe& probe() { return probe_; }
  // Its figures, and its source's while run() has one: what its own /metrics shows.
  void export_to(metrics::Exposition& out) const;
  // Its figures as JSON, with its source's ("feeds" for a follower): its /api/status, and what
  // the sink shows of it in `quotewire top` and the dashboard.
  nlohmann::json status() const;

 private:
  void on_message(std::string_view frame, int64_t now_ms);

  PublisherConfig config_;
  zmq::socket_t socket_;
  transport::RetryWindow window_;
  struct InFlight {
    int64_t sent_ms;   // for publish → ack latency
    uint64_t ordinal;  // the source's number for it
  };
  std::unordered_map<std::string, InFlight> in_flight_;
  ArticleSource* source_ = nullptr;  // during run()
  // The source whose figures /metrics adds, while run() has it; the HTTP thread reads it.
  mutable std::mutex metrics_source_mutex_;
  const ArticleSource* metrics_source_ = nullptr;
  ProducerProbe probe_;
  std::unique_ptr<metrics::HttpServer> http_;
  std::FILE* ack_log_ = nullptr;
};

}  // namespace quotewire::producers
