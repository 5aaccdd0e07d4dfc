#pragma once
// Paranoid Pirate heartbeating (zguide ch. 4): send one every `interval`; a peer silent for
// `liveness` intervals is dead.

#include <cstdint>

namespace quotewire::transport {

struct HeartbeatSettings {
  int64_t interval_ms = 1000;
  int liveness = 3;
  int64_t expiry_ms() const { return interval_ms * liveness; }
};

class HeartbeatTimer {
 public:
  HeartbeatTimer(HeartbeatSettings settings, int64_t now_ms)
      : settings_(settings), next_send_ms_(now_ms + settings.interval_ms), last_heard_ms_(now_ms) {}

  // True once per interval: time to send a heartbeat.
  bool send_due(int64_t now_ms) {
    if (now_ms < next_send_ms_) return false;
    next_send_ms_ = now_ms + settings_.interval_ms;
    return true;
  }
  // Any message from the peer counts as a sign of life.
  void heard(int64_t now_ms) { last_heard_ms_ = now_ms; }
  bool peer_dead(int64_t now_ms) const { return now_ms - last_heard_ms_ > settings_.expiry_ms(); }
  // How long a poll may wait before the next send falls due.
  int64_t ms_until_send(int64_t now_ms) const {
    return next_send_ms_ > now_ms ? next_send_ms_ - now_ms : 0;
  }
  const HeartbeatSettings& settings() const { return settings_; }

 private:
  HeartbeatSettings settings_;
  int64_t next_send_ms_;
  int64_t last_heard_ms_;
};

}  // namespace quotewire::transport
