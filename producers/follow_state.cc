#include "producers/follow_state.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "producers/checkpoint.h"
#include "producers/state_file.h"

namespace quotewire::producers {
namespace {

constexpr int kVersion = 1;
// A listed item's time is refreshed at most this often: a poll that only relists settled
// items should not make the state dirty each time.
constexpr int64_t kTouchGranularityMs = 3600 * 1000;

}  // namespace

FollowState::FollowState(std::filesystem::path path) : path_(std::move(path)) {
  if (path_.empty()) return;
  read_state_file(path_, "feed state", kVersion, [&](const nlohmann::json& doc) {
    for (const auto& [url, f] : doc.at("feeds").items()) {
      feeds_[url] = {.etag = f.at(0), .last_modified = f.at(1), .next_poll_unix_ms = f.at(2)};
    }
    for (const auto& [key, i] : doc.at("items").items()) {
      items_[key] = {.marker = i.at(0), .seen_unix_ms = i.at(1)};
    }
    for (const auto& [url, s] : doc.at("stories").items()) {
      StoryRecord record{.base_id = s.at(0),
                         .version = s.at(1),
                         .hash = s.at(2),
                         .seen_unix_ms = s.at(3),
                         .urls = s.at(4).get<std::vector<std::string>>()};
      index(url, record);
      stories_[url] = std::move(record);
    }
  });
}

const FeedRecord* FollowState::feed(const std::string& url) const {
  const auto it = feeds_.find(url);
  return it == feeds_.end() ? nullptr : &it->second;
}

void FollowState::set_feed(const std::string& url, const FeedRecord& record) {
  auto& slot = feeds_[url];
  if (slot.etag == record.etag && slot.last_modified == record.last_modified &&
      slot.next_poll_unix_ms == record.next_poll_unix_ms) {
    return;
  }
  slot = record;
  dirty_ = true;
}

const std::string* FollowState::item(const std::string& key) const {
  const auto it = items_.find(key);
  return it == items_.end() ? nullptr : &it->second.marker;
}

void FollowState::settle_item(const std::string& key, const std::string& marker, int64_t now_ms) {
  items_[key] = {.marker = marker, .seen_unix_ms = now_ms};
  dirty_ = true;
}

void FollowState::touch_item(const std::string& key, int64_t now_ms) {
  const auto it = items_.find(key);
  if (it == items_.end() || now_ms - it->second.seen_unix_ms < kTouchGranularityMs) return;
  it->second.seen_unix_ms = now_ms;
  dirty_ = true;
}

const StoryRecord* FollowState::story(const std::string& canonical_url) const {
  const auto it = stories_.find(canonical_url);
  return it == stories_.end() ? nullptr : &it->second;
}

const std::string* FollowState::story_of_url(const std::string& url) const {
  const auto it = by_url_.find(url);
  return it == by_url_.end() ? nullptr : &it->second;
}

const std::string* FollowState::story_of_hash(const std::string& hash) const {
  const auto it = by_hash_.find(hash);
  return it == by_hash_.end() ? nullptr : &it->second;
}

void FollowState::index(const std::string& canonical_url, const StoryRecord& record) {
  by_url_[canonical_url] = canonical_url;
  for (const auto& url : record.urls) by_url_[url] = canonical_url;
  by_hash_[record.hash] = canonical_url;
}

void FollowState::unindex(const StoryRecord& record) {
  for (const auto& url : record.urls) by_url_.erase(url);
  by_hash_.erase(record.hash);
}

void FollowState::set_story(const std::string& canonical_url, StoryRecord record) {
  auto it = stories_.find(canonical_url);
  if (it != stories_.end()) {
    if (record.version < it->second.version) return;
    for (auto& url : it->second.urls) {
      if (std::find(record.urls.begin(), record.urls.end(), url) == record.urls.end()) {
        record.urls.push_back(std::move(url));
      }
    }
    unindex(it->second);
  }
  index(canonical_url, record);
  stories_[canonical_url] = std::move(record);
  dirty_ = true;
}

void FollowState::prune(int64_t before_unix_ms) {
  const size_t items = items_.size(), stories = stories_.size();
  std::erase_if(items_, [&](const auto& i) { return i.second.seen_unix_ms < before_unix_ms; });
  std::erase_if(stories_, [&](const auto& s) { return s.second.seen_unix_ms < before_unix_ms; });
  if (stories != stories_.size()) {
    by_url_.clear();
    by_hash_.clear();
    for (const auto& [url, record] : stories_) index(url, record);
  }
  dirty_ |= items != items_.size() || stories != stories_.size();
}

void FollowState::save() {
  if (!dirty_ || path_.empty()) return;
  nlohmann::json feeds = nlohmann::json::object(), items = nlohmann::json::object(),
                 stories = nlohmann::json::object();
  for (const auto& [url, f] : feeds_) {
    feeds[url] = {f.etag, f.last_modified, f.next_poll_unix_ms};
  }
  for (const auto& [key, i] : items_) items[key] = {i.marker, i.seen_unix_ms};
  for (const auto& [url, s] : stories_) {
    stories[url] = {s.base_id, s.version, s.hash, s.seen_unix_ms, s.urls};
  }
  write_state_file(
      path_, kVersion,
      {{"feeds", std::move(feeds)}, {"items", std::move(items)}, {"stories", std::move(stories)}});
  dirty_ = false;
}

}  // namespace quotewire::producers
