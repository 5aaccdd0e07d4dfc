#pragma once
// The sink's counters; atomics so a metrics reader on another thread sees them.

#include <atomic>
#include <cstdint>

namespace quotewire::sink {

struct SinkProbe {
  std::atomic<uint64_t> results_received{0};
  std::atomic<uint64_t> stored{0};
  std::atomic<uint64_t> duplicates{0};  // deliveries of articles already stored: ignored
  std::atomic<uint64_t> dead_lettered{0};
  std::atomic<uint64_t> updates_published{0};
  std::atomic<uint64_t> store_errors{0};  // batches SQLite could not commit (not acked)
  std::atomic<uint64_t> bad_frames{0};
  std::atomic<uint64_t> commits{0};
};

}  // namespace quotewire::sink
