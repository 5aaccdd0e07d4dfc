#pragma once
// HTTP(S) GETs with libcurl's multi interface, on a thread of its own: many transfers at once,
// and politeness enforced below every caller so none can forget it: per host, at most
// `per_host_concurrency` requests at once and `per_host_delay_ms` between the starts of two.
// Conditional GETs (ETag, Last-Modified → 304), compressed responses, a size cap, connect and
// total timeouts; TLS verification stays on and the *_proxy variables are honoured (libcurl's
// defaults). Redirects are followed here, not by libcurl, so that each hop waits its turn at
// its own host and a loop is named as one.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace quotewire::producers {

struct FetchSettings {
  std::string user_agent = "quotewire/0.1 (news quotes; +https://github.com/quotewire)";
  int per_host_concurrency = 2;
  int64_t per_host_delay_ms = 500;  // between the starts of two requests to one host
  int max_transfers = 64;           // over all hosts
  int64_t connect_timeout_ms = 10'000;
  int64_t timeout_ms = 30'000;  // the whole transfer: a slow server fails as a timeout
  int max_redirects = 5;
  int64_t max_bytes = 8 << 20;  // of the (decoded) body; larger responses fail as too_large
};

struct FetchRequest {
  std::string url;
  std::string etag;           // sent as If-None-Match
  std::string last_modified;  // sent as If-Modified-Since
  uint64_t tag = 0;           // the caller's, handed back with the result
};

enum class FetchStatus {
  ok,            // 2xx
  not_modified,  // 304 to a conditional GET
  http_error,    // any other status
  too_large,
  timeout,
  dns,
  connect,
  redirect_loop,  // a URL came round again, or more hops than max_redirects
  tls,
  failed,  // anything else libcurl reports
};

struct FetchResult {
  uint64_t tag = 0;
  std::string url;        // as requested
  std::string final_url;  // after redirects
  FetchStatus status = FetchStatus::failed;
  long http_code = 0;
  std::string content_type;
  std::string etag;
  std::string last_modified;
  int64_t retry_after_ms = -1;  // from Retry-After, when given
  std::string body;
  std::string error;     // what went wrong, for the log
  double seconds = 0;    // from the first request's start to the end, redirects included
  int64_t received = 0;  // body bytes on the wire (compressed), over all hops

  bool ok() const { return status == FetchStatus::ok; }
  // A short label for metrics and dead letters: "http_404", "timeout", "too_large", ...
  std::string reason() const;
  // May another try succeed (timeouts, 5xx, 429, refused connections), or will it not?
  bool retryable() const;
};

// The politeness key of a URL: its lowercased host and port ("example.com:443"), so two ports
// on one address count as two hosts, as two servers there would be.
std::string host_key(std::string_view url);

class HttpFetcher {
 public:
  explicit HttpFetcher(FetchSettings settings);
  ~HttpFetcher();  // abandons what is in flight and joins the thread
  HttpFetcher(const HttpFetcher&) = delete;
  HttpFetcher& operator=(const HttpFetcher&) = delete;

  // Thread-safe: queued behind the host's earlier requests.
  void submit(FetchRequest request);
  // Finished requests, in the order they finished. Thread-safe.
  std::vector<FetchResult> take();
  // Waits until a result is ready or `timeout_ms` passes.
  void wait(int64_t timeout_ms);
  // Submitted and not yet taken.
  size_t outstanding() const;
  // A host asks for more room between requests (robots.txt Crawl-delay): never less than the
  // configured delay.
  void slow_down(const std::string& host, int64_t delay_ms);

  const FetchSettings& settings() const { return settings_; }

 private:
  struct Transfer;
  struct Host {
    std::deque<std::unique_ptr<Transfer>> queue;
    int active = 0;
    int64_t next_start_ms = 0;
  };

  void loop(std::stop_token stop);
  void start_due(int64_t now, int64_t& wait_ms);
  void start(std::unique_ptr<Transfer> transfer, Host& host, int64_t now);
  void finish(void* easy, int curl_code);  // a CURL* and its CURLcode
  void deliver(FetchResult result);

  FetchSettings settings_;
  void* multi_ = nullptr;  // CURLM
  int active_ = 0;
  // The loop thread's own: hosts with work, transfers in libcurl's hands, Crawl-delays.
  std::map<std::string, Host> hosts_;
  std::map<void*, std::unique_ptr<Transfer>> active_transfers_;
  std::map<std::string, int64_t> delays_;

  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<std::unique_ptr<Transfer>> submitted_;
  std::map<std::string, int64_t> slow_downs_;
  std::vector<FetchResult> results_;
  size_t outstanding_ = 0;

  std::jthread thread_;
};

}  // namespace quotewire::producers
