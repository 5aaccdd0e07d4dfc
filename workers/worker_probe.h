#pragma once
// The worker's counters; atomics so a metrics reader on another thread sees them.

#include <atomic>
#include <cstdint>
#include <string>

#include "metrics/exposition.h"
#include "metrics/histogram.h"

namespace quotewire::workers {

struct WorkerProbe {
  std::atomic<uint64_t> articles_received{0};
  std::atomic<uint64_t> extracted{0};
  std::atomic<uint64_t> dead_lettered{0};  // sent to the sink's dead-letter store
  std::atomic<uint64_t> acknowledged{0};   // sink acks passed on to the broker
  std::atomic<uint64_t> sink_resends{0};
  std::atomic<uint64_t> broker_reconnects{0};
  std::atomic<uint64_t> bad_frames{0};
  metrics::Histogram extraction_seconds{metrics::Histogram::latency_bounds()};

  void export_to(metrics::Exposition& out, const std::string& worker_id) const;
};

}  // namespace quotewire::workers
