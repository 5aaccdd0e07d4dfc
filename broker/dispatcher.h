#pragma once
// The broker's bookkeeping, free of sockets so it can be tested alone: a bounded queue of
// articles, the workers with their credit in least-recently-used order, and what each worker
// holds. A dead worker's articles go first to the next worker; those that have failed twice
// become suspects, redelivered before fresh work and each alone on an idle worker, so a poison
// article cannot take innocent ones down with it again; an article delivered `max_attempts`
// times without success is marked for the dead-letter store.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "proto/quotewire.pb.h"

namespace quotewire::broker {

struct DispatcherSettings {
  size_t queue_limit = 10000;
  uint32_t max_attempts = 5;
};

struct Assignment {
  std::string worker_id;
  pb::Article article;
};

class Dispatcher {
 public:
  enum class Offer { queued, duplicate, full };

  explicit Dispatcher(DispatcherSettings settings) : settings_(settings) {}

  // A producer hands over an article. A copy already queued or held by a worker is a duplicate
  // (the producer re-sent it): it is not queued twice.
  Offer offer(pb::Article article);

  // A worker announced itself (or heartbeat from one we do not know yet: a restarted broker).
  // A worker announces itself (Ready, or a heartbeat). A known worker in a new session (a new
  // connection) may never have received what it holds: that is requeued, and counted in the
  // returned number.
  size_t worker_ready(const std::string& worker_id, uint32_t capacity, int64_t now_ms,
                      uint64_t session = 0);
  // Any message from the worker: it is alive.
  void worker_seen(const std::string& worker_id, int64_t now_ms);
  bool knows_worker(const std::string& worker_id) const { return workers_.contains(worker_id); }

  // The worker finished an article (the sink acknowledged it). Returns false when the worker
  // did not hold it (a late answer from a worker declared dead): harmless, the ack still counts.
  bool done(const std::string& worker_id, const std::string& key);

  // Next article for the least-recently-used worker with free credit, if any.
  std::optional<Assignment> next();

  // Removes workers silent since `deadline_ms` (or one that said goodbye) and requeues their
  // articles (see above). Returns the removed workers' ids.
  std::vector<std::string> expire(int64_t deadline_ms);
  size_t remove_worker(const std::string& worker_id);

  bool full() const { return queue_.size() >= settings_.queue_limit; }
  size_t queued() const { return queue_.size() + suspects_.size(); }
  size_t in_flight() const { return holder_of_.size(); }
  size_t workers() const { return workers_.size(); }
  std::vector<std::string> worker_ids() const { return {lru_.begin(), lru_.end()}; }

  struct WorkerInfo {
    std::string id;
    uint32_t capacity;
    size_t holding;
    int64_t last_seen_ms;
  };
  std::vector<WorkerInfo> worker_infos() const;
  uint64_t requeued_total() const { return requeued_total_; }

 private:
  struct Worker {
    uint32_t capacity = 1;
    uint64_t session = 0;
    int64_t last_seen_ms = 0;
    std::unordered_map<std::string, pb::Article> holding;
    bool isolated = false;  // holds a suspect: gets nothing else until it is done
    std::list<std::string>::iterator lru_position;
  };

  DispatcherSettings settings_;
  std::deque<pb::Article> queue_;     // fresh articles, bounded by queue_limit
  std::deque<pb::Article> suspects_;  // failed twice or more: isolated, oldest first
  // Keys of what is queued and of what workers hold: a re-sent article is recognised in O(1).
  std::unordered_set<std::string> queued_keys_;
  std::unordered_map<std::string, std::string> holder_of_;  // key -> worker id
  std::unordered_map<std::string, Worker> workers_;
  std::list<std::string> lru_;  // front = waited longest
  uint64_t requeued_total_ = 0;
};

}  // namespace quotewire::broker
