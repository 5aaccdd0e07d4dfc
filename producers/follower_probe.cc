#include "producers/follower_probe.h"

namespace quotewire::producers {

void FollowerProbe::error(std::string_view reason) {
  std::lock_guard lock(mutex_);
  auto it = errors_.find(reason);
  if (it == errors_.end()) it = errors_.emplace(std::string(reason), 0).first;
  ++it->second;
}

uint64_t FollowerProbe::errors(std::string_view reason) const {
  std::lock_guard lock(mutex_);
  const auto it = errors_.find(reason);
  return it == errors_.end() ? 0 : it->second;
}

void FollowerProbe::latency(const std::string& host, double seconds) {
  std::lock_guard lock(mutex_);
  auto it = latency_.find(host);
  if (it == latency_.end()) {
    const std::string key = latency_.size() < kMaxHosts ? host : "other";
    it = latency_.find(key);
    if (it == latency_.end()) {
      it = latency_
               .emplace(key,
                        std::make_unique<metrics::Histogram>(metrics::Histogram::latency_bounds()))
               .first;
    }
  }
  it->second->observe(seconds);
}

void FollowerProbe::export_to(metrics::Exposition& out) const {
  const char* polled = "Feed polls by outcome";
  out.counter("quotewire_follow_feeds_polled_total", polled, feeds_fetched,
              {{"outcome", "fetched"}});
  out.counter("quotewire_follow_feeds_polled_total", polled, feeds_not_modified,
              {{"outcome", "not_modified"}});
  out.counter("quotewire_follow_feeds_polled_total", polled, feeds_failed, {{"outcome", "failed"}});
  out.counter("quotewire_follow_pages_fetched_total", "Article pages fetched", pages_fetched);
  out.counter("quotewire_follow_robots_fetched_total", "robots.txt files fetched", robots_fetched);
  out.counter("quotewire_follow_bytes_total", "Response bytes received", bytes);
  const char* items = "Feed items by what became of them";
  out.counter("quotewire_follow_items_total", items, published, {{"outcome", "published"}});
  out.counter("quotewire_follow_items_total", items, versions, {{"outcome", "new_version"}});
  out.counter("quotewire_follow_items_total", items, duplicates, {{"outcome", "duplicate"}});
  out.counter("quotewire_follow_items_total", items, dead_lettered, {{"outcome", "dead_lettered"}});
  out.counter("quotewire_follow_feed_text_kept_total",
              "Articles whose feed full text was longer than the page's main text", feed_text_kept);
  out.counter("quotewire_follow_retries_total", "Fetches tried again after a failure", retries);
  out.gauge("quotewire_follow_feeds", "Feeds followed", feeds);
  out.gauge("quotewire_follow_pages_queued", "Items waiting for their page to be fetched",
            pages_queued);
  out.gauge("quotewire_follow_items_known", "Items remembered as seen", items_known);
  std::lock_guard lock(mutex_);
  for (const auto& [reason, count] : errors_) {
    out.counter("quotewire_follow_errors_total", "Fetch and content errors by reason",
                static_cast<double>(count), {{"reason", reason}});
  }
  for (const auto& [host, histogram] : latency_) {
    out.histogram("quotewire_follow_fetch_seconds", "Request to response, per host", *histogram,
                  {{"host", host}});
  }
}

}  // namespace quotewire::producers
