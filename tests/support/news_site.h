#pragma once
// A news site on 127.0.0.1 for tests: cpp-httplib's server on a free port, serving what the test
// put at each path (status, content type, headers, body, gzip, a delay, conditional answers, a
// hold until the test releases it), and counting what it was asked: requests per path, 304s
// sent, and the most requests it ever had in progress at once (politeness). Stops when
// destroyed.

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace httplib {
class Server;
}

namespace quotewire::testing {

struct SitePage {
  std::string body;
  std::string content_type = "text/html; charset=utf-8";
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Location
  int delay_ms = 0;
  bool gzip = false;
  std::string etag;   // sent; a request with a matching If-None-Match gets 304
  bool held = false;  // answered only once release() is called (or the site stops)
};

class NewsSite {
 public:
  NewsSite();
  ~NewsSite();
  NewsSite(const NewsSite&) = delete;
  NewsSite& operator=(const NewsSite&) = delete;

  void put(const std::string& path, SitePage page);
  // Every request takes at least this long: requests overlap, so the limits are put to work.
  void set_delay(int ms) { delay_ms_ = ms; }
  // Answers the requests for held pages, waiting and to come.
  void release();

  int port() const { return port_; }
  std::string url(const std::string& path) const;
  int requests(const std::string& path) const;
  int total_requests() const { return total_; }
  int not_modified() const { return not_modified_; }
  int max_concurrent() const { return max_concurrent_; }
  // Start times of all requests, in ms on the steady clock.
  std::vector<int64_t> request_times() const;

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::map<std::string, SitePage> pages_;
  std::map<std::string, int> requests_;
  std::vector<int64_t> times_;
  std::condition_variable released_changed_;
  bool released_ = false;
  std::atomic<int> delay_ms_{0};
  std::atomic<int> total_{0};
  std::atomic<int> not_modified_{0};
  std::atomic<int> active_{0};
  std::atomic<int> max_concurrent_{0};
};

// gzip (RFC 1952) of `text`, for pages served compressed.
std::string gzip(const std::string& text);

}  // namespace quotewire::testing
