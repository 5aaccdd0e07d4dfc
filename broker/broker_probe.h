#pragma once
// The broker's counters and gauges; atomics so a metrics reader on another thread sees them.

#include <atomic>
#include <cstdint>

#include "metrics/exposition.h"

namespace quotewire::broker {

struct BrokerProbe {
  std::atomic<uint64_t> articles_received{0};    // new articles accepted from producers
  std::atomic<uint64_t> duplicates_received{0};  // re-sent while still queued or in flight
  std::atomic<uint64_t> dispatched{0};           // deliveries to workers (redeliveries too)
  std::atomic<uint64_t> acknowledged{0};         // done reports forwarded to producers
  std::atomic<uint64_t> requeued{0};             // articles taken back from dead workers
  std::atomic<uint64_t> workers_expired{0};
  std::atomic<uint64_t> bad_frames{0};    // undecodable or unexpected messages
  std::atomic<uint64_t> refused_keys{0};  // messages from keys revoked while connected
  std::atomic<int64_t> queue_depth{0};
  std::atomic<int64_t> in_flight{0};
  std::atomic<int64_t> workers_alive{0};

  void export_to(metrics::Exposition& out) const;
};

}  // namespace quotewire::broker
