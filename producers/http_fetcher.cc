#include "producers/http_fetcher.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "transport/clock.h"

namespace quotewire::producers {
namespace {

CURLM* as_multi(void* p) {
  return static_cast<CURLM*>(p);
}

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl could not be initialised");
    }
  });
}

bool iequals_prefix(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

FetchStatus status_of(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return FetchStatus::timeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return FetchStatus::dns;
    case CURLE_COULDNT_CONNECT:
      return FetchStatus::connect;
    case CURLE_FILESIZE_EXCEEDED:
      return FetchStatus::too_large;
    case CURLE_TOO_MANY_REDIRECTS:
      return FetchStatus::redirect_loop;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
      return FetchStatus::tls;
    default:
      return FetchStatus::failed;
  }
}

}  // namespace

std::string FetchResult::reason() const {
  switch (status) {
    case FetchStatus::ok:
      return "ok";
    case FetchStatus::not_modified:
      return "not_modified";
    case FetchStatus::http_error:
      return fmt::format("http_{}", http_code);
    case FetchStatus::too_large:
      return "too_large";
    case FetchStatus::timeout:
      return "timeout";
    case FetchStatus::dns:
      return "dns";
    case FetchStatus::connect:
      return "connect";
    case FetchStatus::redirect_loop:
      return "redirect_loop";
    case FetchStatus::tls:
      return "tls";
    case FetchStatus::failed:
      break;
  }
  return "transfer_failed";
}

bool FetchResult::retryable() const {
  switch (status) {
    case FetchStatus::timeout:
    case FetchStatus::dns:  // resolvers fail transiently too; attempts are bounded
    case FetchStatus::connect:
    case FetchStatus::failed:
      return true;
    case FetchStatus::http_error:
      return http_code >= 500 || http_code == 429 || http_code == 408;
    default:
      return false;
  }
}

std::string host_key(std::string_view url) {
  const auto scheme_end = url.find("://");
  std::string_view scheme = scheme_end == std::string_view::npos ? "" : url.substr(0, scheme_end);
  std::string_view rest = scheme_end == std::string_view::npos ? url : url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  std::string key(rest);
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto bracket = key.rfind(']');
  const auto colon = key.rfind(':');
  if (colon == std::string::npos || (bracket != std::string::npos && colon < bracket)) {
    key += iequals_prefix(scheme, "https") ? ":443" : ":80";
  }
  return key;
}

// One request on its way: queued at its host, then a libcurl easy handle per hop.
struct HttpFetcher::Transfer {
  FetchRequest request;
  std::string url;  // of this hop
  std::string host;
  std::vector<std::string> visited;
  int64_t started_ms = -1;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  FetchResult result;
  int64_t max_bytes = 0;
  bool over_cap = false;
  char error[CURL_ERROR_SIZE] = {};

  ~Transfer() { release(); }
  void release() {
    if (easy) curl_easy_cleanup(easy);
    if (headers) curl_slist_free_all(headers);
    easy = nullptr;
    headers = nullptr;
  }

  static size_t on_body(char* data, size_t size, size_t count, void* self) {
    auto* t = static_cast<Transfer*>(self);
    const size_t n = size * count;
    if (static_cast<int64_t>(t->result.body.size() + n) > t->max_bytes) {
      t->over_cap = true;
      return 0;  // aborts the transfer
    }
    t->result.body.append(data, n);
    return n;
  }

  static size_t on_header(char* data, size_t size, size_t count, void* self) {
    auto* t = static_cast<Transfer*>(self);
    const std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) {  // a new response (after a 100 Continue): start over
      t->result.etag.clear();
      t->result.last_modified.clear();
    } else if (iequals_prefix(line, "etag:")) {
      t->result.etag = trim(line.substr(5));
    } else if (iequals_prefix(line, "last-modified:")) {
      t->result.last_modified = trim(line.substr(14));
    }
    return line.size();
  }
};

HttpFetcher::HttpFetcher(FetchSettings settings) : settings_(std::move(settings)) {
  init_curl_once();
  multi_ = curl_multi_init();
  if (!multi_) throw std::runtime_error("libcurl: cannot create a multi handle");
  thread_ = std::jthread([this](std::stop_token stop) { loop(stop); });
}

HttpFetcher::~HttpFetcher() {
  thread_.request_stop();
  curl_multi_wakeup(as_multi(multi_));
  thread_.join();
  // What was in flight: out of the multi handle before either is freed.
  for (auto& [key, host] : hosts_) host.queue.clear();
  for (auto& [easy, transfer] : active_transfers_) {
    curl_multi_remove_handle(as_multi(multi_), easy);
  }
  active_transfers_.clear();
  curl_multi_cleanup(as_multi(multi_));
}

void HttpFetcher::submit(FetchRequest request) {
  auto transfer = std::make_unique<Transfer>();
  transfer->url = request.url;
  transfer->host = host_key(request.url);
  transfer->result.tag = request.tag;
  transfer->result.url = request.url;
  transfer->request = std::move(request);
  {
    std::lock_guard lock(mutex_);
    submitted_.push_back(std::move(transfer));
    ++outstanding_;
  }
  curl_multi_wakeup(as_multi(multi_));
}

std::vector<FetchResult> HttpFetcher::take() {
  std::lock_guard lock(mutex_);
  std::vector<FetchResult> out;
  out.swap(results_);
  outstanding_ -= out.size();
  return out;
}

void HttpFetcher::wait(int64_t timeout_ms) {
  std::unique_lock lock(mutex_);
  ready_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return !results_.empty(); });
}

size_t HttpFetcher::outstanding() const {
  std::lock_guard lock(mutex_);
  return outstanding_;
}

void HttpFetcher::slow_down(const std::string& host, int64_t delay_ms) {
  {
    std::lock_guard lock(mutex_);
    slow_downs_[host] = delay_ms;
  }
  curl_multi_wakeup(as_multi(multi_));
}

void HttpFetcher::loop(std::stop_token stop) {
  while (!stop.stop_requested()) {
    {
      std::lock_guard lock(mutex_);
      for (auto& transfer : submitted_) {
        hosts_[transfer->host].queue.push_back(std::move(transfer));
      }
      submitted_.clear();
      for (const auto& [host, delay] : slow_downs_) delays_[host] = delay;
      slow_downs_.clear();
    }
    int64_t wait_ms = 1000;
    start_due(transport::steady_ms(), wait_ms);
    int running = 0;
    curl_multi_perform(as_multi(multi_), &running);
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(as_multi(multi_), &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      finish(message->easy_handle, message->data.result);
      wait_ms = 0;  // a slot is free: start the next at once
    }
    if (wait_ms > 0) {
      curl_multi_poll(as_multi(multi_), nullptr, 0, static_cast<int>(wait_ms), nullptr);
    }
  }
}

void HttpFetcher::start_due(int64_t now, int64_t& wait_ms) {
  for (auto it = hosts_.begin(); it != hosts_.end();) {
    Host& host = it->second;
    const auto delay = delays_.find(it->first);
    const int64_t delay_ms =
        std::max(settings_.per_host_delay_ms, delay == delays_.end() ? int64_t{0} : delay->second);
    while (!host.queue.empty() && host.active < settings_.per_host_concurrency &&
           active_ < settings_.max_transfers) {
      if (now < host.next_start_ms) {
        wait_ms = std::min(wait_ms, host.next_start_ms - now);
        break;
      }
      auto transfer = std::move(host.queue.front());
      host.queue.pop_front();
      host.next_start_ms = now + delay_ms;
      start(std::move(transfer), host, now);
    }
    // Hosts with nothing queued or running are forgotten once their delay has passed.
    if (host.queue.empty() && host.active == 0 && now >= host.next_start_ms) {
      it = hosts_.erase(it);
    } else {
      ++it;
    }
  }
}

void HttpFetcher::start(std::unique_ptr<Transfer> transfer, Host& host, int64_t now) {
  Transfer& t = *transfer;
  if (t.started_ms < 0) t.started_ms = now;
  t.release();
  t.result.body.clear();
  t.over_cap = false;
  t.max_bytes = settings_.max_bytes;
  CURL* easy = t.easy = curl_easy_init();
  if (!easy) {
    t.result.status = FetchStatus::failed;
    t.result.error = "libcurl: cannot create a handle";
    deliver(std::move(t.result));
    return;
  }
  const int64_t remaining_ms = std::max<int64_t>(1, settings_.timeout_ms - (now - t.started_ms));
  curl_easy_setopt(easy, CURLOPT_URL, t.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl decodes
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(settings_.connect_timeout_ms));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(remaining_ms));
  curl_easy_setopt(easy, CURLOPT_USERAGENT, settings_.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(settings_.max_bytes));
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t.error);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, &t);
  if (!t.request.etag.empty()) {
    t.headers = curl_slist_append(t.headers, ("If-None-Match: " + t.request.etag).c_str());
  }
  if (!t.request.last_modified.empty()) {
    t.headers =
        curl_slist_append(t.headers, ("If-Modified-Since: " + t.request.last_modified).c_str());
  }
  if (t.headers) curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t.headers);
  curl_multi_add_handle(as_multi(multi_), easy);
  ++host.active;
  ++active_;
  active_transfers_[easy] = std::move(transfer);
}

void HttpFetcher::finish(void* easy_handle, int curl_code) {
  CURL* easy = static_cast<CURL*>(easy_handle);
  curl_multi_remove_handle(as_multi(multi_), easy);
  auto node = active_transfers_.extract(easy);
  std::unique_ptr<Transfer> transfer = std::move(node.mapped());
  Transfer& t = *transfer;
  --active_;
  if (auto host = hosts_.find(t.host); host != hosts_.end()) --host->second.active;

  FetchResult& r = t.result;
  const auto code = static_cast<CURLcode>(curl_code);
  const int64_t now = transport::steady_ms();
  curl_off_t wire = 0;  // as sent, compressed or not
  if (curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, &wire) == CURLE_OK) r.received += wire;
  r.final_url = t.url;
  r.seconds = static_cast<double>(now - t.started_ms) / 1000.0;
  if (code != CURLE_OK) {
    r.status = t.over_cap ? FetchStatus::too_large : status_of(code);
    r.error = r.status == FetchStatus::too_large
                  ? fmt::format("response over the limit of {} bytes", settings_.max_bytes)
                  : std::string(t.error[0] ? t.error : curl_easy_strerror(code));
    r.body.clear();
    deliver(std::move(r));
    return;
  }
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &r.http_code);
  const char* content_type = nullptr;
  curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &content_type);
  r.content_type = content_type ? content_type : "";
  curl_off_t retry_after = 0;
  if (curl_easy_getinfo(easy, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0) {
    r.retry_after_ms = static_cast<int64_t>(retry_after) * 1000;
  }
  const char* location = nullptr;
  curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &location);
  if (r.http_code >= 300 && r.http_code < 400 && r.http_code != 304 && location) {
    t.visited.push_back(t.url);
    const std::string next = location;
    const bool loop = std::find(t.visited.begin(), t.visited.end(), next) != t.visited.end();
    if (loop || static_cast<int>(t.visited.size()) > settings_.max_redirects) {
      r.status = FetchStatus::redirect_loop;
      r.error = loop ? fmt::format("redirected back to {}", next)
                     : fmt::format("more than {} redirects", settings_.max_redirects);
      r.body.clear();
      deliver(std::move(r));
      return;
    }
    // The next hop waits its turn at its own host.
    t.release();
    t.url = next;
    t.host = host_key(next);
    hosts_[t.host].queue.push_back(std::move(transfer));
    return;
  }
  if (r.http_code == 304) {
    r.status = FetchStatus::not_modified;
  } else if (r.http_code >= 200 && r.http_code < 300) {
    r.status = FetchStatus::ok;
  } else {
    r.status = FetchStatus::http_error;
    r.error = fmt::format("HTTP {}", r.http_code);
    r.body.clear();
  }
  deliver(std::move(r));
}

void HttpFetcher::deliver(FetchResult result) {
  {
    std::lock_guard lock(mutex_);
    results_.push_back(std::move(result));
  }
  ready_.notify_all();
}

}  // namespace quotewire::producers
