#pragma once
// robots.txt (RFC 9309): the rules of the group for our product token, else of "*"; the
// longest matching Allow/Disallow pattern decides, Allow winning ties; "*" and "$" in patterns.
// RobotsCache keeps one verdict source per host: fetched once, kept for a day; a host whose
// robots.txt is missing (4xx) allows everything, one whose robots.txt cannot be had (5xx,
// network) allows nothing until it is tried again, as the RFC asks.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quotewire::producers {

class RobotsRules {
 public:
  // `agent`: our product token ("quotewire"), matched case-insensitively.
  static RobotsRules parse(std::string_view text, std::string_view agent);
  static RobotsRules allow_all() { return {}; }
  static RobotsRules disallow_all();

  // `path` is the URL's path and query ("/news/a?id=1").
  bool allowed(std::string_view path) const;
  // The group's Crawl-delay, if it gives one (not in the RFC, but widely honoured).
  std::optional<int64_t> crawl_delay_ms() const { return crawl_delay_ms_; }

 private:
  struct Rule {
    std::string pattern;
    bool allow;
  };
  std::vector<Rule> rules_;
  std::optional<int64_t> crawl_delay_ms_;
};

// The product token of a User-Agent string: "quotewire/0.1 (...)" → "quotewire".
std::string product_token(std::string_view user_agent);

// "/path?query" of an absolute URL ("/" when it has none).
std::string path_of(std::string_view url);

class RobotsCache {
 public:
  struct Settings {
    int64_t ttl_ms = 24 * 3600 * 1000;       // how long a fetched robots.txt is trusted
    int64_t unavailable_ms = 5 * 60 * 1000;  // how long "cannot be had" stands before a new try
  };
  // `agent`: our product token, whose group in robots.txt applies to us.
  RobotsCache(std::string agent, Settings settings)
      : settings_(settings), agent_(std::move(agent)) {}

  enum class Verdict { allowed, disallowed, unknown };
  // unknown: fetch the host's robots.txt first (robots_url()), then ask again.
  Verdict check(const std::string& host, std::string_view url, int64_t now_ms) const;
  // The robots.txt URL of the host `url` is on.
  static std::string robots_url(std::string_view url);

  // The outcome of fetching a host's robots.txt: its HTTP status (0 when no answer came) and
  // body. Returns the Crawl-delay the host asks for, if any.
  std::optional<int64_t> store(const std::string& host, long http_code, std::string_view body,
                               int64_t now_ms);
  // True when the host's rules say nothing because robots.txt could not be had.
  bool unavailable(const std::string& host) const;

 private:
  struct Entry {
    RobotsRules rules;
    int64_t expires_ms = 0;
    bool unavailable = false;
  };
  Settings settings_;
  std::string agent_;
  std::map<std::string, Entry> hosts_;
};

}  // namespace quotewire::producers
