#pragma once
// Follows feeds over HTTP(S): RSS, Atom and news sitemaps, each polled on its own schedule
// (the poll interval, or the feed's <ttl> when longer, with jitter so feeds spread out). Each
// new item's page is fetched and read with web::read_page; the article is the page's main text
// and metadata, the feed item's fields filling what the page lacks, and the feed's full text
// (content:encoded) when it is longer than what the page gave.
//
// Once per article: a story is its canonical URL; an item whose URL or text was published
// already is a duplicate. A story whose text changed is published again as its next version
// (article_id "<first id>~v<N>", version fields set; docs/FEEDS.md says what the sink does with
// it today, and what it is to do).
//
// Faults never stop it: each is counted by reason, retried with backoff when it may pass, and
// otherwise the item goes to the dead-letter store (an article carrying dead_letter_reason),
// unless the feed gave its full text, which is then published instead. Feeds that fail are
// reported to the error handler and polled again later.
//
// Requests go through HttpFetcher (politeness per host) after robots.txt allows them.
// Resumable through FollowState; an item counts as done once the sink acknowledged it.

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "producers/article_source.h"
#include "producers/feed_format.h"
#include "producers/follow_state.h"
#include "producers/follower_probe.h"
#include "producers/http_fetcher.h"
#include "producers/robots.h"

namespace quotewire::producers {

struct FollowerConfig {
  std::vector<std::string> feeds;  // http:// and https:// URLs
  bool follow = false;             // keep polling; else poll each feed once and finish
  int64_t poll_interval_ms = 5 * 60 * 1000;
  double jitter = 0.1;  // each wait is the interval ± this fraction of it
  FetchSettings fetch;
  RobotsCache::Settings robots;
  std::string state;  // file of the follower's state (follow_state.h); empty: none
  int64_t save_interval_ms = 1000;
  int64_t retention_ms = 14LL * 24 * 3600 * 1000;  // items and stories unseen longer are pruned
  int max_attempts = 4;                            // per fetch, before giving up on it
  int64_t retry_base_ms = 2000;                    // doubled after each failure
  int64_t retry_max_ms = 10 * 60 * 1000;
  size_t max_pages_in_progress = 256;  // pages being fetched or read and not yet handed out
};

// Is this input a feed URL rather than a file?
bool is_feed_url(std::string_view input);

class FeedFollower : public ArticleSource {
 public:
  // Throws CheckpointError when the state file exists but cannot be used.
  FeedFollower(FollowerConfig config, ErrorHandler on_error);
  ~FeedFollower() override;

  std::optional<pb::Article> next() override;
  bool exhausted() const override;
  bool live() const override { return config_.follow; }
  void acknowledged(uint64_t ordinal) override;
  void sync(bool final) override;
  void export_to(metrics::Exposition& out) const override;
  // "feeds": the follower's figures (a process has one follower, for every feed URL it reads).
  void status_to(nlohmann::json& out) const override { out["feeds"] = probe_.status(); }

  const FollowerProbe& probe() const { return probe_; }

 private:
  struct Feed {
    std::string url;
    int64_t next_poll_ms = 0;  // steady clock
    bool polling = false;
    bool done = false;  // without --follow: polled (or given up on)
    int failures = 0;
    int64_t interval_ms = 0;
    std::string etag, last_modified;  // of the latest answer: sent with the next poll
    FeedRecord settled;               // what to record once `unsettled` items are settled
    size_t unsettled = 0;
  };
  // A feed item on its way to being published.
  struct Item {
    size_t feed;
    std::string key;     // in the state: the item's feed-scoped id
    std::string marker;  // its date and title (or <updated>): a change means a new look
    pb::Article article;
    FeedItemInfo info;
  };
  // What a fetch is for. Parked while its host's robots.txt is fetched, or between tries.
  struct Job {
    enum class Kind { feed, page, robots } kind;
    std::string url;
    size_t feed = 0;             // kind feed
    std::shared_ptr<Item> item;  // kind page
    int attempts = 0;
  };
  // What to record when the sink acknowledges a handed-out article.
  struct Settlement {
    std::shared_ptr<Item> item;
    std::string story_url;  // empty when the article is not a story's version (dead letter)
    StoryRecord story;
  };

  void pump();
  void poll_due_feeds(int64_t now);
  void request(Job job, int64_t now);
  void handle(FetchResult result, int64_t now);
  void handle_robots(const Job& job, const FetchResult& result, int64_t now);
  void handle_feed(Job& job, FetchResult& result, int64_t now);
  void handle_page(Job& job, FetchResult& result, int64_t now);
  void take_items(size_t feed, ParsedFeed parsed);
  // A fetch failed: tried again later when it may pass, else given up (page: dead letter).
  void failed(Job job, const std::string& reason, const std::string& detail, bool retryable,
              int64_t retry_after_ms, int64_t now);
  void give_up_page(const std::shared_ptr<Item>& item, const std::string& reason,
                    const std::string& detail);
  // Queues the article as the story's next version, or settles the item as a duplicate when
  // its text was published already. `urls`: other URLs that led to the story.
  void publish_story(const std::shared_ptr<Item>& item, pb::Article article,
                     const std::string& canonical, std::vector<std::string> urls);
  // The item is done with: remembered, and its feed's validators recorded once all are.
  void settle(const Item& item);
  void schedule_poll(Feed& feed, int64_t now, int64_t delay_ms);
  int64_t backoff_ms(int attempts, int64_t retry_after_ms);
  // A known story that `url` leads to (settled or on its way), or nullptr.
  const std::string* story_of_url(const std::string& url) const;

  FollowerConfig config_;
  ErrorHandler on_error_;
  FollowerProbe probe_;
  FollowState state_;
  std::unique_ptr<HttpFetcher> fetcher_;
  RobotsCache robots_;
  std::mt19937_64 random_;

  std::deque<Feed> feeds_;  // a deque: references stay valid as sitemap indexes add feeds
  std::set<std::string> feed_urls_;
  std::unordered_map<uint64_t, Job> fetching_;  // by request tag
  uint64_t next_tag_ = 1;
  std::map<std::string, std::vector<Job>> awaiting_robots_;  // by host
  std::multimap<int64_t, Job> retries_;                      // by due time (steady ms)
  std::deque<std::shared_ptr<Item>> pages_;                  // waiting for a fetch slot
  size_t pages_in_progress_ = 0;

  // Claims not yet durable: items being worked on, stories and texts on their way to the sink.
  std::unordered_set<std::string> items_in_progress_;
  std::unordered_map<std::string, StoryRecord> pending_stories_;  // by canonical URL
  std::unordered_map<std::string, std::string> pending_urls_;     // URL → canonical URL
  std::unordered_set<std::string> pending_hashes_;

  std::deque<std::pair<pb::Article, Settlement>> ready_;  // to hand out, oldest first
  std::unordered_map<uint64_t, Settlement> handed_out_;   // by ordinal
  uint64_t ordinal_ = 0;
  int64_t next_save_ms_ = 0;
};

}  // namespace quotewire::producers
