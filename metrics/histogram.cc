#include "metrics/histogram.h"

#include <algorithm>
#include <cmath>

namespace quotewire::metrics {

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), buckets_(bounds_.size() + 1) {}

void Histogram::observe(double value) {
  const auto it = std::lower_bound(bounds_.begin(), bounds_.end(), value);
  buckets_[static_cast<size_t>(it - bounds_.begin())].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micro_.fetch_add(static_cast<uint64_t>(std::max(0.0, value) * 1e6),
                       std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot s;
  s.bounds = bounds_;
  uint64_t running = 0;
  for (const auto& bucket : buckets_) {
    running += bucket.load(std::memory_order_relaxed);
    s.cumulative.push_back(running);
  }
  s.count = running;
  s.sum = static_cast<double>(sum_micro_.load(std::memory_order_relaxed)) / 1e6;
  return s;
}

double Histogram::Snapshot::quantile(double q) const {
  if (count == 0) return 0;
  const double rank = q * static_cast<double>(count);
  for (size_t i = 0; i < cumulative.size(); ++i) {
    if (static_cast<double>(cumulative[i]) < rank) continue;
    if (i == bounds.size()) return bounds.empty() ? 0 : bounds.back();  // in +Inf: clamp
    const double lower = i == 0 ? 0 : bounds[i - 1];
    const double below = i == 0 ? 0 : static_cast<double>(cumulative[i - 1]);
    const double in_bucket = static_cast<double>(cumulative[i]) - below;
    const double fraction = in_bucket > 0 ? (rank - below) / in_bucket : 1;
    return lower + (bounds[i] - lower) * fraction;
  }
  return bounds.empty() ? 0 : bounds.back();
}

std::vector<double> Histogram::latency_bounds() {
  std::vector<double> bounds;
  for (double b = 50e-6; b < 30; b *= 2) bounds.push_back(b);
  return bounds;
}

}  // namespace quotewire::metrics
