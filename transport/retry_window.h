#pragma once
// A bounded window of sent-but-unacknowledged frames, each re-sent when its acknowledgement is
// overdue (timeout doubling up to a ceiling). The producer keeps articles here until the sink's
// ack returns; a worker keeps results here until the sink has committed them.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace quotewire::transport {

struct RetrySettings {
  size_t capacity = 1000;
  int64_t timeout_ms = 5000;
  int64_t max_timeout_ms = 60000;
};

class RetryWindow {
 public:
  explicit RetryWindow(RetrySettings settings) : settings_(settings) {}

  bool full() const { return entries_.size() >= settings_.capacity; }
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  bool contains(const std::string& key) const { return entries_.contains(key); }
  const RetrySettings& settings() const { return settings_; }

  // Records a frame that was just sent. False (and nothing changes) when the key is pending.
  bool add(std::string key, std::string frame, int64_t now_ms);
  // The acknowledgement came back: forget the frame. False when the key was not pending.
  bool ack(std::string_view key);
  // Re-sends every overdue frame through `send`; returns how many were re-sent.
  size_t resend_due(int64_t now_ms, const std::function<void(const std::string& frame)>& send);
  // Re-sends every pending frame now (after a reconnect), keeping their timeouts.
  size_t resend_all(int64_t now_ms, const std::function<void(const std::string& frame)>& send);
  // Milliseconds until the earliest deadline (0 if overdue, -1 if empty).
  int64_t ms_until_due(int64_t now_ms) const;
  std::vector<std::string> keys() const;

 private:
  struct Entry {
    std::string frame;
    int64_t deadline_ms;
    int64_t timeout_ms;
  };
  RetrySettings settings_;
  std::unordered_map<std::string, Entry> entries_;
  std::set<std::pair<int64_t, std::string>> deadlines_;
};

}  // namespace quotewire::transport
