// The flags of following feeds over HTTP, shared by `publish` and `run`.
#include "apps/app.h"
#include "producers/feed_follower.h"

namespace quotewire::app {

void add_feed_flags(CLI::App& command, producers::FollowerConfig& feeds) {
  command
      .add_option("--feed-state", feeds.state,
                  "file recording each feed's validators, next poll and the items published; a "
                  "restart neither refetches nor republishes")
      ->group("Feeds over HTTP");
  command
      .add_option_function<double>(
          "--poll-interval",
          [&feeds](double s) { feeds.poll_interval_ms = static_cast<int64_t>(s * 1000); },
          "seconds between two polls of a feed (with --follow; ±10% jitter; a longer <ttl> wins)")
      ->check(CLI::Range(1.0, 7 * 86400.0))
      ->default_str("300")
      ->group("Feeds over HTTP");
  auto& fetch = feeds.fetch;
  command
      .add_option("--user-agent", fetch.user_agent,
                  "User-Agent of every request; its first word is our name in robots.txt")
      ->capture_default_str()
      ->group("Feeds over HTTP");
  command
      .add_option("--host-concurrency", fetch.per_host_concurrency,
                  "requests at once to one host (host:port) at most")
      ->check(CLI::Range(1, 64))
      ->capture_default_str()
      ->group("Feeds over HTTP");
  command
      .add_option("--host-delay-ms", fetch.per_host_delay_ms,
                  "between the starts of two requests to one host at least (a robots.txt "
                  "Crawl-delay can ask for more)")
      ->check(CLI::Range(0, 3600000))
      ->capture_default_str()
      ->group("Feeds over HTTP");
  command.add_option("--fetch-timeout-ms", fetch.timeout_ms, "whole-request timeout")
      ->check(CLI::Range(100, 3600000))
      ->capture_default_str()
      ->group("Feeds over HTTP");
  command
      .add_option("--max-page-bytes", fetch.max_bytes,
                  "larger responses are refused (dead-lettered as too_large)")
      ->check(CLI::Range(int64_t{1024}, int64_t{1} << 30))
      ->capture_default_str()
      ->group("Feeds over HTTP");
}

const char* const kInputsFooter =
    "Inputs: text files, JSON Lines (.jsonl), RSS/Atom feeds and news sitemaps (.rss, .atom,\n"
    ".xml), HTML pages (.html, .htm), directories of them, - for stdin, and http:// or https://\n"
    "feed URLs (RSS, Atom, news sitemaps) whose items' pages are fetched and read for their\n"
    "article text; --follow keeps polling them.\n\n"
    "Exit status:\n"
    "  0  every article read was acknowledged (stored, a duplicate, or dead-lettered)\n"
    "  1  stopped with articles unacknowledged, or a bad option, checkpoint or feed state\n"
    "  2  every article read was acknowledged, but some inputs could not be read (unreadable\n"
    "     files, malformed records, feeds that failed: each is in the log)";

}  // namespace quotewire::app
