#include "sink/activity.h"

#include <algorithm>

#include "sink/updates.h"

namespace quotewire::sink {

void Activity::summarise(Second& second) {
  auto& l = second.latencies;
  if (l.empty()) return;
  auto at = [&](double q) {
    auto nth = l.begin() + static_cast<std::ptrdiff_t>(q * static_cast<double>(l.size() - 1));
    std::nth_element(l.begin(), nth, l.end());
    return *nth;
  };
  second.p50 = at(0.5);
  second.p99 = at(0.99);
  l.clear();
  l.shrink_to_fit();
}

void Activity::record(Batch batch, const std::vector<pb::ActorUpdate>& updates) {
  const int64_t t = batch.now_ms / 1000;
  std::lock_guard lock(mutex_);
  if (seconds_.empty() || seconds_.back().t != t) {
    if (!seconds_.empty()) summarise(seconds_.back());
    seconds_.push_back({.t = t});
    while (seconds_.size() > seconds_kept_) seconds_.pop_front();
  }
  Second& now = seconds_.back();
  now.stored += batch.stored;
  now.duplicates += batch.duplicates;
  now.dead_lettered += batch.dead_lettered;
  now.statements += updates.size();
  now.latencies.insert(now.latencies.end(), batch.latencies_s.begin(), batch.latencies_s.end());
  for (const auto& [id, n] : batch.results_by_worker) {
    auto& w = workers_[id];
    w.results += n;
    w.last_seen_ms = batch.now_ms;
  }
  // Only the newest are kept: copy those, not the whole batch.
  const size_t from = updates.size() > recent_kept_ ? updates.size() - recent_kept_ : 0;
  for (size_t i = from; i < updates.size(); ++i) {
    recent_.push_front(updates[i]);
    if (recent_.size() > recent_kept_) recent_.pop_back();
  }
}

nlohmann::json Activity::to_json(int64_t now_ms) const {
  std::lock_guard lock(mutex_);
  auto seconds = nlohmann::json::array();
  for (const auto& s : seconds_) {
    Second copy = s;
    if (!copy.latencies.empty()) summarise(copy);  // the current, unfinished second
    seconds.push_back({{"t", copy.t},
                       {"stored", copy.stored},
                       {"duplicates", copy.duplicates},
                       {"dead_lettered", copy.dead_lettered},
                       {"statements", copy.statements},
                       {"p50_s", copy.p50},
                       {"p99_s", copy.p99}});
  }
  auto workers = nlohmann::json::array();
  for (const auto& [id, w] : workers_) {
    workers.push_back({{"id", id},
                       {"results", w.results},
                       {"last_seen_ms", w.last_seen_ms},
                       {"idle_s", static_cast<double>(now_ms - w.last_seen_ms) / 1000.0}});
  }
  auto recent = nlohmann::json::array();
  for (const auto& update : recent_) recent.push_back(sink::to_json(update));
  return {{"now_ms", now_ms},
          {"seconds", std::move(seconds)},
          {"workers", std::move(workers)},
          {"recent", std::move(recent)}};
}

}  // namespace quotewire::sink
