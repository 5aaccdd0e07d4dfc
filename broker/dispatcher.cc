#include "broker/dispatcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "transport/envelope.h"

namespace quotewire::broker {
namespace {

std::string key_of(const pb::Article& article) {
  return transport::delivery_key(article.producer_id(), article.sequence());
}

}  // namespace

Dispatcher::Offer Dispatcher::offer(pb::Article article) {
  std::string key = key_of(article);
  if (queued_keys_.contains(key) || holder_of_.contains(key)) return Offer::duplicate;
  if (full()) return Offer::full;
  queued_keys_.insert(std::move(key));
  queue_.push_back(std::move(article));
  return Offer::queued;
}

size_t Dispatcher::worker_ready(const std::string& worker_id, uint32_t capacity, int64_t now_ms,
                                uint64_t session) {
  size_t requeued = 0;
  if (auto known = workers_.find(worker_id);
      known != workers_.end() && known->second.session != session) {
    requeued = remove_worker(worker_id);
  }
  auto [it, inserted] = workers_.try_emplace(worker_id);
  Worker& worker = it->second;
  worker.capacity = std::max<uint32_t>(1, capacity);
  worker.session = session;
  worker.last_seen_ms = now_ms;
  if (inserted) worker.lru_position = lru_.insert(lru_.end(), worker_id);
  return requeued;
}

void Dispatcher::worker_seen(const std::string& worker_id, int64_t now_ms) {
  auto it = workers_.find(worker_id);
  if (it != workers_.end()) it->second.last_seen_ms = now_ms;
}

bool Dispatcher::done(const std::string& worker_id, const std::string& key) {
  // The article may also sit in the queue again (requeued after its worker looked dead):
  // it is stored now, so drop the queued copy rather than extract it twice.
  if (queued_keys_.erase(key) > 0) {
    std::erase_if(queue_, [&](const pb::Article& a) { return key_of(a) == key; });
    std::erase_if(suspects_, [&](const pb::Article& a) { return key_of(a) == key; });
  }
  auto holder = holder_of_.find(key);
  if (holder == holder_of_.end() || holder->second != worker_id) return false;
  holder_of_.erase(holder);
  Worker& worker = workers_.at(worker_id);
  worker.holding.erase(key);
  if (worker.holding.empty()) worker.isolated = false;
  return true;
}

std::optional<Assignment> Dispatcher::next() {
  if (queue_.empty() && suspects_.empty()) return std::nullopt;
  for (auto pos = lru_.begin(); pos != lru_.end(); ++pos) {
    Worker& worker = workers_.at(*pos);
    if (worker.isolated || worker.holding.size() >= worker.capacity) continue;
    // Suspects (articles that failed twice) go one at a time to an idle worker,
    // so that a poison article takes down nothing else with it; fresh work waits meanwhile,
    // or busy workers would never become idle.
    std::deque<pb::Article>* from = &queue_;
    if (!suspects_.empty()) {
      if (!worker.holding.empty()) continue;
      from = &suspects_;
      worker.isolated = true;
    }
    pb::Article article = std::move(from->front());
    from->pop_front();
    article.set_attempt(article.attempt() + 1);
    Assignment assignment{*pos, article};
    std::string key = key_of(article);
    queued_keys_.erase(key);
    holder_of_[key] = *pos;
    worker.holding.emplace(std::move(key), std::move(article));
    lru_.splice(lru_.end(), lru_, pos);  // just served: now the most recently used
    return assignment;
  }
  return std::nullopt;
}

size_t Dispatcher::remove_worker(const std::string& worker_id) {
  auto it = workers_.find(worker_id);
  if (it == workers_.end()) return 0;
  const size_t held = it->second.holding.size();
  // In the order they were published, so redelivery does not depend on hash order.
  std::vector<pb::Article> articles;
  for (auto& [key, article] : it->second.holding) {
    holder_of_.erase(key);
    queued_keys_.insert(key);
    articles.push_back(std::move(article));
  }
  std::sort(articles.begin(), articles.end(), [](const pb::Article& a, const pb::Article& b) {
    return std::make_tuple(a.producer_id(), a.sequence()) <
           std::make_tuple(b.producer_id(), b.sequence());
  });
  // A first failure is most likely the worker's (killed, restarted, cut off): those articles
  // simply go first. An article that has failed twice may be what kills workers: a suspect,
  // isolated from now on.
  std::vector<pb::Article> again;
  for (auto& article : articles) {
    ++requeued_total_;
    if (article.attempt() >= settings_.max_attempts && article.dead_letter_reason().empty()) {
      article.set_dead_letter_reason(fmt::format(
          "delivered {} times, and each time the worker died or went silent before finishing",
          article.attempt()));
    }
    if (article.attempt() >= 2) {
      suspects_.push_back(std::move(article));
    } else {
      again.push_back(std::move(article));
    }
  }
  // Not bounded by the queue limit: these were already accepted and must not be dropped.
  queue_.insert(queue_.begin(), std::make_move_iterator(again.begin()),
                std::make_move_iterator(again.end()));
  lru_.erase(it->second.lru_position);
  workers_.erase(it);
  return held;
}

std::vector<Dispatcher::WorkerInfo> Dispatcher::worker_infos() const {
  std::vector<WorkerInfo> out;
  for (const auto& id : lru_) {
    const Worker& w = workers_.at(id);
    out.push_back({id, w.capacity, w.holding.size(), w.last_seen_ms});
  }
  return out;
}

std::vector<std::string> Dispatcher::expire(int64_t deadline_ms) {
  std::vector<std::string> dead;
  for (const auto& [id, worker] : workers_) {
    if (worker.last_seen_ms < deadline_ms) dead.push_back(id);
  }
  for (const auto& id : dead) remove_worker(id);
  return dead;
}

}  // namespace quotewire::broker
