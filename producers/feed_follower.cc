#include "producers/feed_follower.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "producers/article_formats.h"
#include "producers/article_id.h"
#include "transport/clock.h"
#include "web/page.h"

namespace quotewire::producers {
namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// The page's canonical URL when it is believable: on the host the page came from, and not the
// site's home page (a common template mistake that would make every article one story).
std::string canonical_url(const std::string& declared, const std::string& fetched) {
  const std::string page = normalize_url(declared);
  const std::string fallback = normalize_url(fetched);
  if (!is_feed_url(page) || host_key(page) != host_key(fallback)) return fallback;
  const auto path = page.find('/', page.find("://") + 3);
  if (path == std::string::npos || page.size() == path + 1) return fallback;
  return page;
}

}  // namespace

bool is_feed_url(std::string_view input) {
  return starts_with_nocase(input, "http://") || starts_with_nocase(input, "https://");
}

FeedFollower::FeedFollower(FollowerConfig config, ErrorHandler on_error)
    : config_(std::move(config)),
      on_error_(std::move(on_error)),
      state_(config_.state),
      robots_(product_token(config_.fetch.user_agent), config_.robots),
      random_(std::random_device{}()) {
  const int64_t now = transport::steady_ms();
  const int64_t unix_now = transport::unix_ms();
  state_.prune(unix_now - config_.retention_ms);
  for (const auto& url : config_.feeds) {
    if (!feed_urls_.insert(url).second) continue;
    Feed& feed = feeds_.emplace_back(Feed{.url = url, .interval_ms = config_.poll_interval_ms});
    feed.next_poll_ms = now;
    if (const FeedRecord* record = state_.feed(url)) {
      feed.etag = record->etag;
      feed.last_modified = record->last_modified;
      feed.settled = *record;
      // Following resumes the schedule; a single pass polls now (a conditional GET is cheap).
      if (config_.follow)
        feed.next_poll_ms += std::max<int64_t>(0, record->next_poll_unix_ms - unix_now);
    }
  }
  probe_.feeds = static_cast<int64_t>(feeds_.size());
  probe_.items_known = static_cast<int64_t>(state_.items());
  fetcher_ = std::make_unique<HttpFetcher>(config_.fetch);
}

FeedFollower::~FeedFollower() = default;

std::optional<pb::Article> FeedFollower::next() {
  pump();
  if (ready_.empty()) return std::nullopt;
  auto [article, settlement] = std::move(ready_.front());
  ready_.pop_front();
  handed_out_.emplace(ordinal_++, std::move(settlement));
  return std::move(article);
}

bool FeedFollower::exhausted() const {
  if (config_.follow) return false;
  const bool feeds_done =
      std::all_of(feeds_.begin(), feeds_.end(), [](const Feed& f) { return f.done; });
  return feeds_done && fetching_.empty() && retries_.empty() && awaiting_robots_.empty() &&
         pages_.empty() && pages_in_progress_ == 0 && ready_.empty();
}

void FeedFollower::pump() {
  const int64_t now = transport::steady_ms();
  poll_due_feeds(now);
  while (!retries_.empty() && retries_.begin()->first <= now) {
    Job job = std::move(retries_.begin()->second);
    retries_.erase(retries_.begin());
    request(std::move(job), now);
  }
  // Pages are fetched only as fast as they are handed out: memory stays bounded however long
  // the first crawl.
  while (!pages_.empty() && pages_in_progress_ + ready_.size() < config_.max_pages_in_progress) {
    std::shared_ptr<Item> item = std::move(pages_.front());
    pages_.pop_front();
    ++pages_in_progress_;
    const std::string url = item->article.url();
    request(Job{.kind = Job::Kind::page, .url = url, .item = std::move(item)}, now);
  }
  for (auto& result : fetcher_->take()) handle(std::move(result), now);
  probe_.pages_queued = static_cast<int64_t>(pages_.size() + pages_in_progress_);
}

void FeedFollower::poll_due_feeds(int64_t now) {
  for (size_t i = 0; i < feeds_.size(); ++i) {
    Feed& feed = feeds_[i];
    if (feed.polling || feed.done || now < feed.next_poll_ms) continue;
    feed.polling = true;
    request(Job{.kind = Job::Kind::feed, .url = feed.url, .feed = i}, now);
  }
}

void FeedFollower::request(Job job, int64_t now) {
  const std::string host = host_key(job.url);
  if (job.kind != Job::Kind::robots) {
    switch (robots_.check(host, job.url, now)) {
      case RobotsCache::Verdict::unknown: {
        auto& waiting = awaiting_robots_[host];
        const bool first = waiting.empty();
        const std::string url = job.url;
        waiting.push_back(std::move(job));
        if (first) {
          request(Job{.kind = Job::Kind::robots, .url = RobotsCache::robots_url(url)}, now);
        }
        return;
      }
      case RobotsCache::Verdict::disallowed:
        if (robots_.unavailable(host)) {
          failed(std::move(job), "robots_unavailable", "robots.txt could not be fetched", true,
                 config_.robots.unavailable_ms, now);
        } else {
          failed(std::move(job), "robots_disallowed", "disallowed by robots.txt", false, -1, now);
        }
        return;
      case RobotsCache::Verdict::allowed:
        break;
    }
  }
  FetchRequest fetch{.url = job.url, .tag = next_tag_++};
  if (job.kind == Job::Kind::feed) {
    fetch.etag = feeds_[job.feed].etag;
    fetch.last_modified = feeds_[job.feed].last_modified;
  }
  fetching_.emplace(fetch.tag, std::move(job));
  fetcher_->submit(std::move(fetch));
}

void FeedFollower::handle(FetchResult result, int64_t now) {
  auto node = fetching_.extract(result.tag);
  if (node.empty()) return;
  Job& job = node.mapped();
  probe_.bytes += static_cast<uint64_t>(result.received);
  probe_.latency(host_key(job.url), result.seconds);
  switch (job.kind) {
    case Job::Kind::robots:
      handle_robots(job, result, now);
      break;
    case Job::Kind::feed:
      handle_feed(job, result, now);
      break;
    case Job::Kind::page:
      handle_page(job, result, now);
      break;
  }
}

void FeedFollower::handle_robots(const Job& job, const FetchResult& result, int64_t now) {
  ++probe_.robots_fetched;
  const std::string host = host_key(job.url);
  const bool answered = result.ok() || result.status == FetchStatus::http_error;
  if (const auto delay = robots_.store(host, answered ? result.http_code : 0, result.body, now)) {
    fetcher_->slow_down(host, std::min<int64_t>(*delay, 60'000));
  }
  auto waiting = awaiting_robots_.extract(host);
  if (waiting.empty()) return;
  for (Job& parked : waiting.mapped()) {
    if (answered) {
      request(std::move(parked), now);
    } else {  // the host did not answer: that is the reason, for everything waiting on it
      failed(std::move(parked), result.reason(), result.error, result.retryable(),
             config_.robots.unavailable_ms, now);
    }
  }
}

void FeedFollower::handle_feed(Job& job, FetchResult& result, int64_t now) {
  Feed& feed = feeds_[job.feed];
  feed.polling = false;
  if (result.status == FetchStatus::not_modified) {
    ++probe_.feeds_not_modified;
    feed.failures = 0;
  } else if (!result.ok()) {
    failed(std::move(job), result.reason(), result.error, result.retryable(), result.retry_after_ms,
           now);
    return;
  } else {
    ParsedFeed parsed = parse_feed(result.body);
    if (parsed.articles.empty() && parsed.sitemaps.empty() && !parsed.errors.empty()) {
      failed(std::move(job), "not_a_feed", parsed.errors.front().reason, false, -1, now);
      return;
    }
    for (const auto& error : parsed.errors) {  // a damaged item: the others still go through
      probe_.error("malformed_feed");
      on_error_(
          {error.line > 0 ? fmt::format("{}:{}", feed.url, error.line) : feed.url, error.reason});
    }
    ++probe_.feeds_fetched;
    feed.failures = 0;
    feed.etag = result.etag;
    feed.last_modified = result.last_modified;
    feed.interval_ms = std::max(config_.poll_interval_ms, parsed.ttl_ms);
    std::vector<std::string> sitemaps = std::move(parsed.sitemaps);
    take_items(job.feed, std::move(parsed));
    for (auto& url : sitemaps) {
      if (!feed_urls_.insert(url).second) continue;
      feeds_.push_back(Feed{
          .url = std::move(url), .next_poll_ms = now, .interval_ms = config_.poll_interval_ms});
      ++probe_.feeds;
    }
  }
  feed.settled.etag = feed.etag;
  feed.settled.last_modified = feed.last_modified;
  schedule_poll(feed, now, feed.interval_ms);
  if (!config_.follow) feed.done = true;
  if (feed.unsettled == 0) state_.set_feed(feed.url, feed.settled);
}

void FeedFollower::take_items(size_t feed_index, ParsedFeed parsed) {
  const int64_t unix_now = transport::unix_ms();
  for (size_t i = 0; i < parsed.articles.size(); ++i) {
    pb::Article& article = parsed.articles[i];
    const FeedItemInfo& info = parsed.items[i];
    std::string key = article.article_id();
    if (items_in_progress_.contains(key)) continue;
    const std::string marker = content_hash(
        fmt::format("{}\n{}\n{}", info.updated, article.published_unix_ms(), article.title()));
    const std::string* seen = state_.item(key);
    if (seen && *seen == marker) {
      state_.touch_item(key, unix_now);
      continue;
    }
    auto item = std::make_shared<Item>(Item{.feed = feed_index,
                                            .key = std::move(key),
                                            .marker = marker,
                                            .article = std::move(article),
                                            .info = info});
    items_in_progress_.insert(item->key);
    ++feeds_[feed_index].unsettled;
    if (item->article.url().empty()) {  // nothing to fetch: the item is all there is
      publish_story(item, item->article, "", {});
      continue;
    }
    // A new item linking a story already published (the same story in another feed): no fetch.
    if (!seen && story_of_url(normalize_url(item->article.url()))) {
      ++probe_.duplicates;
      settle(*item);
      continue;
    }
    pages_.push_back(std::move(item));
  }
}

void FeedFollower::handle_page(Job& job, FetchResult& result, int64_t now) {
  if (!result.ok()) {
    failed(std::move(job), result.reason(), result.error, result.retryable(), result.retry_after_ms,
           now);
    return;
  }
  --pages_in_progress_;
  ++probe_.pages_fetched;
  const std::shared_ptr<Item>& item = job.item;
  web::PageArticle page;
  try {
    page = web::read_page(result.body, {.url = result.final_url,
                                        .content_type = result.content_type,
                                        .max_bytes = static_cast<size_t>(config_.fetch.max_bytes)});
  } catch (const web::NotAPage& e) {
    probe_.error("not_a_page");
    give_up_page(item, "not_a_page", e.what());
    return;
  }
  pb::Article article = item->article;  // the feed's fields, where the page says nothing
  std::string body = page.body();
  // The feed's own full text wins when it is longer than what the page's extraction found.
  if (item->info.full_text && article.body().size() > body.size()) {
    ++probe_.feed_text_kept;
  } else if (!body.empty()) {
    article.set_body(std::move(body));
  }
  if (article.body().empty()) {
    probe_.error("no_article_text");
    give_up_page(item, "no_article_text", "no article text on the page");
    return;
  }
  apply_page_metadata(page, article);
  const std::string canonical = canonical_url(page.url, result.final_url);
  article.set_url(canonical);
  (*article.mutable_metadata())["feed"] = feeds_[item->feed].url;
  std::vector<std::string> urls;
  for (const std::string& url :
       {normalize_url(item->article.url()), normalize_url(result.final_url)}) {
    if (url != canonical && std::find(urls.begin(), urls.end(), url) == urls.end()) {
      urls.push_back(url);
    }
  }
  publish_story(item, std::move(article), canonical, std::move(urls));
}

void FeedFollower::failed(Job job, const std::string& reason, const std::string& detail,
                          bool retryable, int64_t retry_after_ms, int64_t now) {
  probe_.error(reason);
  spdlog::warn("follow: {}: {} ({})", job.url, detail, reason);
  if (job.kind == Job::Kind::feed) {
    Feed& feed = feeds_[job.feed];
    feed.polling = false;
    ++feed.failures;
    ++probe_.feeds_failed;
    on_error_({feed.url, fmt::format("{} ({})", detail, reason)});
    if (!config_.follow && (!retryable || feed.failures >= config_.max_attempts)) {
      feed.done = true;
      return;
    }
    // A feed that is gone or is no feed may come back: asked again at its usual pace.
    schedule_poll(feed, now,
                  retryable ? backoff_ms(feed.failures, retry_after_ms) : feed.interval_ms);
    return;
  }
  if (retryable && job.attempts + 1 < config_.max_attempts) {
    ++job.attempts;
    ++probe_.retries;
    const int64_t due = now + backoff_ms(job.attempts, retry_after_ms);
    retries_.emplace(due, std::move(job));
    return;
  }
  --pages_in_progress_;
  give_up_page(job.item, reason, detail);
}

void FeedFollower::give_up_page(const std::shared_ptr<Item>& item, const std::string& reason,
                                const std::string& detail) {
  // What the feed itself says is published when it is the whole text.
  if (item->info.full_text && !item->article.body().empty()) {
    pb::Article article = item->article;
    (*article.mutable_metadata())["page_error"] = reason;
    (*article.mutable_metadata())["feed"] = feeds_[item->feed].url;
    const std::string canonical = normalize_url(article.url());
    article.set_url(canonical);
    publish_story(item, std::move(article), canonical, {});
    return;
  }
  pb::Article article = item->article;
  const std::string url = normalize_url(article.url());
  // Not the story's id: if the page loads another day, its first version must still be stored.
  article.set_article_id("dead-" + content_hash(url));
  article.set_dead_letter_reason(fmt::format("{} {}: {}", reason, url, detail));
  (*article.mutable_metadata())["feed"] = feeds_[item->feed].url;
  ++probe_.dead_lettered;
  ready_.emplace_back(std::move(article), Settlement{.item = item});
}

void FeedFollower::publish_story(const std::shared_ptr<Item>& item, pb::Article article,
                                 const std::string& canonical, std::vector<std::string> urls) {
  if (canonical.empty()) {  // no URL to know the story by: the feed's id is all there is
    ensure_article_id(article);
    ++probe_.published;
    ready_.emplace_back(std::move(article), Settlement{.item = item});
    return;
  }
  const std::string hash = content_hash(article.body());
  if (pending_hashes_.contains(hash) || state_.story_of_hash(hash)) {
    ++probe_.duplicates;  // the same text under another URL, or unchanged
    settle(*item);
    return;
  }
  StoryRecord record{.hash = hash, .seen_unix_ms = transport::unix_ms(), .urls = std::move(urls)};
  const auto pending = pending_stories_.find(canonical);
  const StoryRecord* previous =
      pending != pending_stories_.end() ? &pending->second : state_.story(canonical);
  if (previous) {
    record.base_id = previous->base_id;
    record.version = previous->version + 1;
  } else {
    record.base_id = "url-" + content_hash(canonical);
  }
  article.set_article_id(
      record.version == 1 ? record.base_id : fmt::format("{}~v{}", record.base_id, record.version));
  article.set_version_of(record.base_id);
  article.set_version(record.version);
  pending_stories_[canonical] = record;
  pending_hashes_.insert(hash);
  pending_urls_[canonical] = canonical;
  for (const auto& url : record.urls) pending_urls_[url] = canonical;
  ++(record.version == 1 ? probe_.published : probe_.versions);
  ready_.emplace_back(std::move(article),
                      Settlement{.item = item, .story_url = canonical, .story = std::move(record)});
}

const std::string* FeedFollower::story_of_url(const std::string& url) const {
  if (const auto it = pending_urls_.find(url); it != pending_urls_.end()) return &it->second;
  return state_.story_of_url(url);
}

void FeedFollower::acknowledged(uint64_t ordinal) {
  auto node = handed_out_.extract(ordinal);
  if (node.empty()) return;
  Settlement& settlement = node.mapped();
  if (!settlement.story_url.empty()) {
    const std::string& canonical = settlement.story_url;
    pending_hashes_.erase(settlement.story.hash);
    const auto pending = pending_stories_.find(canonical);
    if (pending != pending_stories_.end() && pending->second.version == settlement.story.version) {
      for (const auto& url : pending->second.urls) pending_urls_.erase(url);
      pending_urls_.erase(canonical);
      pending_stories_.erase(pending);
    }
    state_.set_story(canonical, std::move(settlement.story));
  }
  settle(*settlement.item);
}

void FeedFollower::settle(const Item& item) {
  state_.settle_item(item.key, item.marker, transport::unix_ms());
  items_in_progress_.erase(item.key);
  Feed& feed = feeds_[item.feed];
  if (--feed.unsettled == 0) state_.set_feed(feed.url, feed.settled);
}

void FeedFollower::schedule_poll(Feed& feed, int64_t now, int64_t delay_ms) {
  std::uniform_real_distribution<double> spread(1 - config_.jitter, 1 + config_.jitter);
  const auto delay = static_cast<int64_t>(static_cast<double>(delay_ms) * spread(random_));
  feed.next_poll_ms = now + delay;
  feed.settled.next_poll_unix_ms = transport::unix_ms() + delay;
}

int64_t FeedFollower::backoff_ms(int attempts, int64_t retry_after_ms) {
  const int64_t exponential = config_.retry_base_ms << std::min(attempts - 1, 20);
  const int64_t delay = std::min(std::max(exponential, retry_after_ms), config_.retry_max_ms);
  std::uniform_real_distribution<double> spread(1 - config_.jitter, 1 + config_.jitter);
  return static_cast<int64_t>(static_cast<double>(delay) * spread(random_));
}

void FeedFollower::sync(bool final) {
  const int64_t now = transport::steady_ms();
  if (!final && now < next_save_ms_) return;
  next_save_ms_ = now + config_.save_interval_ms;
  state_.prune(transport::unix_ms() - config_.retention_ms);
  probe_.items_known = static_cast<int64_t>(state_.items());
  try {
    state_.save();
  } catch (const CheckpointError& e) {
    // The state on disk stays behind: a restart fetches more again, it never skips.
    spdlog::error("follow: {}", e.what());
  }
}

void FeedFollower::export_to(metrics::Exposition& out) const {
  probe_.export_to(out);
}

}  // namespace quotewire::producers
