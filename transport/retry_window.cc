#include "transport/retry_window.h"

#include <algorithm>

namespace quotewire::transport {

bool RetryWindow::add(std::string key, std::string frame, int64_t now_ms) {
  if (entries_.contains(key)) return false;
  const int64_t deadline = now_ms + settings_.timeout_ms;
  deadlines_.emplace(deadline, key);
  entries_.emplace(std::move(key), Entry{std::move(frame), deadline, settings_.timeout_ms});
  return true;
}

bool RetryWindow::ack(std::string_view key) {
  auto it = entries_.find(std::string(key));
  if (it == entries_.end()) return false;
  deadlines_.erase({it->second.deadline_ms, it->first});
  entries_.erase(it);
  return true;
}

size_t RetryWindow::resend_due(int64_t now_ms,
                               const std::function<void(const std::string&)>& send) {
  size_t sent = 0;
  while (!deadlines_.empty() && deadlines_.begin()->first <= now_ms) {
    auto node = deadlines_.extract(deadlines_.begin());
    Entry& entry = entries_.at(node.value().second);
    send(entry.frame);
    ++sent;
    // Back off: a peer that is slow, not dead, should not be flooded with copies.
    entry.timeout_ms = std::min(entry.timeout_ms * 2, settings_.max_timeout_ms);
    entry.deadline_ms = now_ms + entry.timeout_ms;
    node.value().first = entry.deadline_ms;
    deadlines_.insert(std::move(node));
  }
  return sent;
}

size_t RetryWindow::resend_all(int64_t now_ms,
                               const std::function<void(const std::string&)>& send) {
  deadlines_.clear();
  for (auto& [key, entry] : entries_) {
    send(entry.frame);
    entry.deadline_ms = now_ms + entry.timeout_ms;
    deadlines_.emplace(entry.deadline_ms, key);
  }
  return entries_.size();
}

int64_t RetryWindow::ms_until_due(int64_t now_ms) const {
  if (deadlines_.empty()) return -1;
  return std::max<int64_t>(0, deadlines_.begin()->first - now_ms);
}

std::vector<std::string> RetryWindow::keys() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& [key, entry] : entries_) out.push_back(key);
  return out;
}

}  // namespace quotewire::transport
