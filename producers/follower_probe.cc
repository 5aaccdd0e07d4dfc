#include "producers/follower_probe.h"

#include <algorithm>
#include <vector>

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

nlohmann::json FollowerProbe::status() const {
  nlohmann::json out = {{"feeds", feeds.load()},
                        {"polled",
                         {{"fetched", feeds_fetched.load()},
                          {"not_modified", feeds_not_modified.load()},
                          {"failed", feeds_failed.load()}}},
                        {"pages_fetched", pages_fetched.load()},
                        {"bytes", bytes.load()},
                        {"items",
                         {{"published", published.load()},
                          {"new_version", versions.load()},
                          {"duplicate", duplicates.load()},
                          {"dead_lettered", dead_lettered.load()}}},
                        {"pages_queued", pages_queued.load()},
                        {"items_known", items_known.load()},
                        {"retries", retries.load()}};
  std::lock_guard lock(mutex_);
  out["errors"] = nlohmann::json::object();
  for (const auto& [reason, count] : errors_) out["errors"][reason] = count;
  struct Host {
    const std::string* name;
    metrics::Histogram::Snapshot latency;
  };
  std::vector<Host> hosts;
  for (const auto& [host, histogram] : latency_) hosts.push_back({&host, histogram->snapshot()});
  const size_t shown = std::min(hosts.size(), kShownHosts);
  std::partial_sort(hosts.begin(), hosts.begin() + static_cast<std::ptrdiff_t>(shown), hosts.end(),
                    [](const Host& a, const Host& b) {
                      return a.latency.quantile(0.9) > b.latency.quantile(0.9);
                    });
  out["slowest_hosts"] = nlohmann::json::array();
  for (size_t i = 0; i < shown; ++i) {
    out["slowest_hosts"].push_back({{"host", *hosts[i].name},
                                    {"fetches", hosts[i].latency.count},
                                    {"p50_s", hosts[i].latency.quantile(0.5)},
                                    {"p90_s", hosts[i].latency.quantile(0.9)}});
  }
  return out;
}

}  // namespace quotewire::producers
