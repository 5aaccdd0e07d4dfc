#pragma once
// The producer's counters; atomics so a metrics reader on another thread sees them.

#include <atomic>
#include <cstdint>

#include "metrics/exposition.h"
#include "metrics/histogram.h"

namespace quotewire::producers {

struct ProducerProbe {
  std::atomic<uint64_t> published{0};      // distinct articles handed to the broker
  std::atomic<uint64_t> stored{0};         // acknowledged: stored now
  std::atomic<uint64_t> duplicates{0};     // acknowledged: the sink had it already
  std::atomic<uint64_t> dead_lettered{0};  // acknowledged: in the dead-letter store
  std::atomic<uint64_t> resent{0};
  std::atomic<uint64_t> input_errors{0};
  std::atomic<uint64_t> rejected{0};  // the broker refused a message
  std::atomic<int64_t> in_flight{0};  // sent, not yet acknowledged: the producer's lag
  metrics::Histogram ack_seconds{metrics::Histogram::latency_bounds()};  // send → ack

  void export_to(metrics::Exposition& out) const;
};

}  // namespace quotewire::producers
