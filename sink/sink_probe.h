#pragma once
// The sink's counters and latency histogram; atomics so a metrics reader on another thread
// sees them.

#include <atomic>
#include <cstdint>

#include "metrics/exposition.h"
#include "metrics/histogram.h"

namespace quotewire::sink {

struct SinkProbe {
  std::atomic<uint64_t> results_received{0};
  std::atomic<uint64_t> stored{0};
  std::atomic<uint64_t> duplicates{0};  // deliveries of articles already stored: ignored
  std::atomic<uint64_t> dead_lettered{0};
  std::atomic<uint64_t> statements{0};
  std::atomic<uint64_t> retracted{0};  // statements replaced by a later version of their story
  std::atomic<uint64_t> updates_published{0};
  std::atomic<uint64_t> store_errors{0};  // batches SQLite could not commit (not acked)
  std::atomic<uint64_t> bad_frames{0};
  std::atomic<uint64_t> refused_keys{0};       // messages from keys revoked while connected
  std::atomic<uint64_t> subscriber_resets{0};  // live subscriptions closed after a revocation
  std::atomic<uint64_t> commits{0};
  std::atomic<uint64_t> last_sequence{0};  // highest statement sequence committed
  // From the producer's first send to the commit here, across processes (clocks of different
  // hosts must agree for this to mean anything).
  metrics::Histogram end_to_end_seconds{metrics::Histogram::latency_bounds()};
  metrics::Histogram commit_seconds{metrics::Histogram::latency_bounds()};

  void export_to(metrics::Exposition& out) const;
};

}  // namespace quotewire::sink
