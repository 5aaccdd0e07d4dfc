#pragma once
// What a feed follower remembers across restarts, in one file written durably
// (common/durable_file.h):
//  * per feed: the validators (ETag, Last-Modified) and the time of its next poll;
//  * per feed item: that it is settled, and its marker (its date and title, or <updated>), so a
//    relisted item is skipped unless it changed;
//  * per story (canonical URL): the article_id of its first version, its latest version and
//    that version's content hash; which URLs led to it; which content hashes were published.
// Only settled facts go in: an item is settled once the sink acknowledged its article, or once
// it was decided that it needs none (a duplicate). What was in flight at a crash is fetched and
// published again under the same article_id (the sink stores it once).
// Items and stories unseen for the retention time are pruned, so memory follows what the feeds
// list now, not all the days of following.

#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace quotewire::producers {

struct FeedRecord {
  std::string etag;
  std::string last_modified;
  int64_t next_poll_unix_ms = 0;
};

struct StoryRecord {
  std::string base_id;  // article_id of version 1
  uint32_t version = 1;
  std::string hash;  // of the latest version's text
  int64_t seen_unix_ms = 0;
  std::vector<std::string> urls;  // item and fetched URLs that led here
};

class FollowState {
 public:
  // Loads `path` if it exists; an empty path keeps the state in memory only.
  // Throws CheckpointError when the file exists but cannot be used.
  explicit FollowState(std::filesystem::path path);

  const FeedRecord* feed(const std::string& url) const;
  void set_feed(const std::string& url, const FeedRecord& record);

  // The marker an item was settled with; nullptr when it never was.
  const std::string* item(const std::string& key) const;
  void settle_item(const std::string& key, const std::string& marker, int64_t now_ms);
  // The item is listed again: it stays remembered.
  void touch_item(const std::string& key, int64_t now_ms);

  const StoryRecord* story(const std::string& canonical_url) const;
  // The canonical URL of the story that a URL led to, or whose text had this hash; or nullptr.
  const std::string* story_of_url(const std::string& url) const;
  const std::string* story_of_hash(const std::string& hash) const;
  // Records a story's version; an older version than the one recorded changes nothing
  // (acknowledgements come in any order).
  void set_story(const std::string& canonical_url, StoryRecord record);

  // Forgets items and stories not seen since `before_unix_ms`.
  void prune(int64_t before_unix_ms);
  size_t items() const { return items_.size(); }

  // Writes the file if anything changed. Throws CheckpointError.
  void save();
  bool dirty() const { return dirty_; }

 private:
  struct Item {
    std::string marker;
    int64_t seen_unix_ms;
  };
  void index(const std::string& canonical_url, const StoryRecord& record);
  void unindex(const StoryRecord& record);

  std::filesystem::path path_;
  std::unordered_map<std::string, FeedRecord> feeds_;
  std::unordered_map<std::string, Item> items_;
  std::unordered_map<std::string, StoryRecord> stories_;
  std::unordered_map<std::string, std::string> by_url_;   // URL → canonical URL
  std::unordered_map<std::string, std::string> by_hash_;  // text hash → canonical URL
  bool dirty_ = false;
};

}  // namespace quotewire::producers
