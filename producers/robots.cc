#include "producers/robots.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace quotewire::producers {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Does `pattern` ("*" any run, "$" the end) match the start of `path`?
bool matches(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return true;
  if (pattern == "$") return path.empty();
  if (pattern.front() == '*') {
    pattern.remove_prefix(1);
    for (size_t i = 0; i <= path.size(); ++i) {
      if (matches(pattern, path.substr(i))) return true;
    }
    return false;
  }
  return !path.empty() && pattern.front() == path.front() &&
         matches(pattern.substr(1), path.substr(1));
}

}  // namespace

std::string product_token(std::string_view user_agent) {
  const auto end = user_agent.find_first_of("/ ");
  return lower(user_agent.substr(0, end));
}

std::string path_of(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find('#'));
  const auto slash = url.find_first_of("/?");
  if (slash == std::string_view::npos) return "/";
  if (url[slash] == '?') return std::string("/").append(url.substr(slash));
  return std::string(url.substr(slash));
}

RobotsRules RobotsRules::disallow_all() {
  RobotsRules rules;
  rules.rules_.push_back({"/", false});
  return rules;
}

RobotsRules RobotsRules::parse(std::string_view text, std::string_view agent) {
  const std::string token = lower(agent);
  // Groups: consecutive user-agent lines, then their rules. Ours are merged, as are the "*"
  // ones; ours win when there are any.
  RobotsRules ours, any;
  bool ours_found = false;
  bool in_agents = false;  // the previous line was a user-agent line
  bool group_ours = false, group_any = false;
  size_t pos = 0;
  while (pos <= text.size()) {
    auto eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    line = line.substr(0, line.find('#'));
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = lower(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!in_agents) group_ours = group_any = false;
      in_agents = true;
      const std::string name = lower(value);
      if (name == "*") {
        group_any = true;
      } else if (!name.empty() && product_token(name) == token) {
        group_ours = ours_found = true;
      }
      continue;
    }
    in_agents = false;
    if (key == "allow" || key == "disallow") {
      if (value.empty()) continue;  // "Disallow:" alone forbids nothing
      const Rule rule{std::string(value), key == "allow"};
      if (group_ours) ours.rules_.push_back(rule);
      if (group_any) any.rules_.push_back(rule);
    } else if (key == "crawl-delay") {
      char* end = nullptr;
      const std::string number(value);
      const double seconds = std::strtod(number.c_str(), &end);
      if (end != number.c_str() && seconds >= 0 && seconds < 86400) {
        const auto ms = static_cast<int64_t>(std::llround(seconds * 1000));
        if (group_ours) ours.crawl_delay_ms_ = ms;
        if (group_any) any.crawl_delay_ms_ = ms;
      }
    }
  }
  return ours_found ? ours : any;
}

bool RobotsRules::allowed(std::string_view path) const {
  if (path == "/robots.txt") return true;
  const Rule* best = nullptr;
  for (const Rule& rule : rules_) {
    if (!matches(rule.pattern, path)) continue;
    if (!best || rule.pattern.size() > best->pattern.size() ||
        (rule.pattern.size() == best->pattern.size() && rule.allow && !best->allow)) {
      best = &rule;
    }
  }
  return !best || best->allow;
}

std::string RobotsCache::robots_url(std::string_view url) {
  const auto scheme = url.find("://");
  const size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
  const auto end = url.find_first_of("/?#", start);
  return std::string(url.substr(0, end)) + "/robots.txt";
}

RobotsCache::Verdict RobotsCache::check(const std::string& host, std::string_view url,
                                        int64_t now_ms) const {
  const auto it = hosts_.find(host);
  if (it == hosts_.end() || now_ms >= it->second.expires_ms) return Verdict::unknown;
  return it->second.rules.allowed(path_of(url)) ? Verdict::allowed : Verdict::disallowed;
}

std::optional<int64_t> RobotsCache::store(const std::string& host, long http_code,
                                          std::string_view body, int64_t now_ms) {
  Entry entry;
  if (http_code >= 200 && http_code < 300) {
    entry.rules = RobotsRules::parse(body, agent_);
  } else if (http_code >= 400 && http_code < 500) {
    entry.rules = RobotsRules::allow_all();
  } else {
    entry.rules = RobotsRules::disallow_all();
    entry.unavailable = true;
  }
  entry.expires_ms = now_ms + (entry.unavailable ? settings_.unavailable_ms : settings_.ttl_ms);
  const auto delay = entry.rules.crawl_delay_ms();
  // Expired entries go when a new one comes: memory follows the hosts of the last day.
  std::erase_if(hosts_, [&](const auto& item) { return now_ms >= item.second.expires_ms; });
  hosts_[host] = std::move(entry);
  return delay;
}

bool RobotsCache::unavailable(const std::string& host) const {
  const auto it = hosts_.find(host);
  return it != hosts_.end() && it->second.unavailable;
}

}  // namespace quotewire::producers
