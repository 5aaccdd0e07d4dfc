#pragma once
// A Prometheus-style histogram with fixed bucket bounds; observe() is lock-free so the hot path
// of a role can record into it while the metrics endpoint reads it from another thread.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace quotewire::metrics {

class Histogram {
 public:
  // Upper bounds in ascending order; an implicit +Inf bucket follows.
  explicit Histogram(std::vector<double> bounds);

  void observe(double value);

  struct Snapshot {
    std::vector<double> bounds;
    std::vector<uint64_t> cumulative;  // per bound, then +Inf (== count)
    double sum = 0;
    uint64_t count = 0;
    // Estimate of the q-quantile (0..1) by linear interpolation inside the bucket.
    double quantile(double q) const;
  };
  Snapshot snapshot() const;

  // Exponential bounds for latencies in seconds: 50 µs ... ~27 s.
  static std::vector<double> latency_bounds();

 private:
  std::vector<double> bounds_;
  std::vector<std::atomic<uint64_t>> buckets_;  // non-cumulative, last = +Inf
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_micro_{0};  // sum in millionths, to stay an integer atomic
};

}  // namespace quotewire::metrics
