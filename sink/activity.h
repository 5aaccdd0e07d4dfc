#pragma once
// What the dashboard and `quotewire top` show that the database does not keep: throughput and
// latency per second over the last minutes, the workers results came from, the latest
// statements. Written by the sink thread once per batch, read by HTTP threads.

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "proto/quotewire.pb.h"

namespace quotewire::sink {

class Activity {
 public:
  explicit Activity(size_t seconds_kept = 600, size_t recent_kept = 50)
      : seconds_kept_(seconds_kept), recent_kept_(recent_kept) {}

  struct Batch {
    int64_t now_ms = 0;
    uint64_t stored = 0;
    uint64_t duplicates = 0;
    uint64_t dead_lettered = 0;
    std::vector<double> latencies_s;  // end to end, one per stored article
    std::map<std::string, uint64_t> results_by_worker;
  };
  void record(Batch batch, const std::vector<pb::ActorUpdate>& updates);

  // {"seconds":[{t, stored, duplicates, dead_lettered, statements, p50, p99}...],
  //  "workers":[{id, results, last_seen_ms}], "recent":[update json, newest first]}
  nlohmann::json to_json(int64_t now_ms) const;

 private:
  struct Second {
    int64_t t = 0;  // unix seconds
    uint64_t stored = 0, duplicates = 0, dead_lettered = 0, statements = 0;
    std::vector<double> latencies;  // only until the second is over
    double p50 = 0, p99 = 0;
  };
  struct WorkerSeen {
    uint64_t results = 0;
    int64_t last_seen_ms = 0;
  };
  static void summarise(Second& second);

  size_t seconds_kept_;
  size_t recent_kept_;
  mutable std::mutex mutex_;
  std::deque<Second> seconds_;
  std::map<std::string, WorkerSeen> workers_;
  // Kept as protobuf and turned into JSON only when asked: most are replaced before anyone looks.
  std::deque<pb::ActorUpdate> recent_;
};

}  // namespace quotewire::sink
