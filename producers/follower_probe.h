#pragma once
// A feed follower's figures for /metrics: feeds polled by outcome, pages fetched, bytes, items
// by what became of them, errors by reason, and the fetch latency per host. Counters are
// atomics; the by-reason and by-host families sit behind a mutex (written once per fetch).

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "metrics/exposition.h"
#include "metrics/histogram.h"

namespace quotewire::producers {

struct FollowerProbe {
  std::atomic<uint64_t> feeds_fetched{0};       // 200 with a feed in it
  std::atomic<uint64_t> feeds_not_modified{0};  // 304
  std::atomic<uint64_t> feeds_failed{0};
  std::atomic<uint64_t> pages_fetched{0};
  std::atomic<uint64_t> bytes{0};  // bodies received (on the wire): feeds, pages, robots.txt
  std::atomic<uint64_t> robots_fetched{0};
  std::atomic<uint64_t> published{0};       // articles handed out (first versions)
  std::atomic<uint64_t> versions{0};        // later versions of stories
  std::atomic<uint64_t> duplicates{0};      // items whose story was already published
  std::atomic<uint64_t> dead_lettered{0};   // items given up on, sent as dead letters
  std::atomic<uint64_t> feed_text_kept{0};  // the feed's full text beat the page's
  std::atomic<uint64_t> retries{0};
  std::atomic<int64_t> feeds{0};         // followed
  std::atomic<int64_t> pages_queued{0};  // items waiting for their page: a crawl's progress
  std::atomic<int64_t> items_known{0};   // remembered items, after pruning

  void error(std::string_view reason);
  // Fetch latency per host; past kMaxHosts hosts, the rest share host="other".
  void latency(const std::string& host, double seconds);
  uint64_t errors(std::string_view reason) const;

  void export_to(metrics::Exposition& out) const;
  // The same figures for `quotewire top` and the dashboard, with the errors by reason and the
  // kShownHosts slowest hosts (p90 latency).
  nlohmann::json status() const;

  static constexpr size_t kMaxHosts = 200;
  static constexpr size_t kShownHosts = 5;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, uint64_t, std::less<>> errors_;
  std::map<std::string, std::unique_ptr<metrics::Histogram>> latency_;
};

}  // namespace quotewire::producers
