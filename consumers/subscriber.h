#pragma once
// The reference downstream consumer (zguide "Clone" client): subscribe to the sink's updates,
// ask for a snapshot of everything before, apply only updates above the snapshot's sequence.
// A restarted sink (new instance id, or heartbeats gone silent) or a gap in the sequence (when
// subscribed to everything) makes it ask for the statements it missed, so it sees each update
// exactly once, in order.

#include <atomic>
#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <zmq.hpp>

#include "proto/quotewire.pb.h"
#include "transport/security.h"

namespace quotewire::consumers {

struct SubscriberConfig {
  std::string updates = "tcp://127.0.0.1:5558";
  std::string snapshots = "tcp://127.0.0.1:5559";
  // Actor ids starting with this; "" = every statement; "for:P" / "about:P": the statements
  // for / about actors whose id starts with P (transport/topics.h).
  std::string prefix;
  bool from_start = false;    // replay everything stored before joining (the snapshot)
  uint64_t since = 0;         // ... or everything after this sequence
  int64_t silence_ms = 3000;  // no heartbeat for this long: the sink is gone, catch up later
  int64_t snapshot_timeout_ms = 10000;
  transport::ClientSecurity security;  // CURVE towards the sink
};

struct SubscriberStats {
  uint64_t applied = 0;
  uint64_t skipped = 0;    // at or below the sequence already seen (snapshot overlap)
  uint64_t retracted = 0;  // delivered statements withdrawn by a later version of their story
  uint64_t snapshots = 0;  // catch-ups asked for (the first one included)
  uint64_t sink_restarts = 0;
};

class Subscriber {
 public:
  using Handler = std::function<void(const pb::ActorUpdate&)>;

  Subscriber(zmq::context_t& context, SubscriberConfig config);

  // Delivers updates in sequence order until stopped.
  void run(std::stop_token stop, const Handler& handler);

  uint64_t last_sequence() const { return last_; }
  // True once the sink has been heard (live-only subscribers start from that moment).
  bool joined() const { return joined_; }
  const SubscriberStats& stats() const { return stats_; }

 private:
  // Fetches and applies every statement after last_; false when the sink did not answer.
  bool catch_up(std::stop_token stop, const Handler& handler);
  void apply(const pb::ActorUpdate& update, const Handler& handler);

  zmq::context_t& context_;
  SubscriberConfig config_;
  zmq::socket_t updates_;
  uint64_t last_ = 0;
  std::atomic<bool> joined_{false};
  SubscriberStats stats_;
};

}  // namespace quotewire::consumers
