#include "tests/support/news_site.h"

#include <httplib.h>
#include <sys/socket.h>
#include <zlib.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>

#include "tests/support/process.h"

namespace quotewire::testing {

std::string gzip(const std::string& text) {
  z_stream z{};
  deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, text.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

namespace {

// Sends `body` as it is. Given with set_content, cpp-httplib compresses a text body itself for a
// client that accepts it (libcurl accepts every encoding), with brotli at its slowest setting:
// most of a benchmark's time, and compression the test did not ask for (that is `gzip`). A body
// of known length from a content provider goes out untouched (an empty one has nothing to
// compress, and a provider of length 0 would be read until it says it is done).
void send(httplib::Response& response, std::string body, const std::string& content_type) {
  if (body.empty()) return response.set_content(body, content_type.c_str());
  auto shared = std::make_shared<const std::string>(std::move(body));
  response.set_content_provider(shared->size(), content_type.c_str(),
                                [shared](size_t offset, size_t length, httplib::DataSink& sink) {
                                  return sink.write(shared->data() + offset, length);
                                });
}

}  // namespace

NewsSite::NewsSite() : server_(std::make_unique<httplib::Server>()) {
  // Loopback only, never through a proxy the environment may name.
  setenv("no_proxy", "127.0.0.1,localhost", 1);
  setenv("NO_PROXY", "127.0.0.1,localhost", 1);
  server_->new_task_queue = [] { return new httplib::ThreadPool(16); };
  // As real servers do: without it, a response's header and body segments wait on Nagle and the
  // client's delayed ACK, 40 ms or more per request on loopback.
  server_->set_tcp_nodelay(true);
  // cpp-httplib closes a connection after 5 requests by default: clients would reconnect often.
  server_->set_keep_alive_max_count(1 << 30);
  // It also listens with a backlog of 5, and a follower opens more connections than that at
  // once: those over it wait a SYN retransmission (1 s). Listening again raises the backlog.
  int listener = -1;
  server_->set_socket_options([&listener](int socket) {
    httplib::default_socket_options(socket);
    listener = socket;
  });
  server_->Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
    const int now_active = ++active_;
    for (int seen = max_concurrent_; now_active > seen;) {
      if (max_concurrent_.compare_exchange_weak(seen, now_active)) break;
    }
    ++total_;
    SitePage page;
    bool found;
    {
      std::unique_lock lock(mutex_);
      ++requests_[request.path];
      times_.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now().time_since_epoch())
                           .count());
      const auto it = pages_.find(request.path);
      found = it != pages_.end();
      if (found) page = it->second;
      if (page.held) released_changed_.wait(lock, [this] { return released_; });
    }
    const int delay = std::max(delay_ms_.load(), page.delay_ms);
    if (delay > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    if (!found) {
      response.status = 404;
      send(response, "not here", "text/plain");
    } else if (!page.etag.empty() && request.get_header_value("If-None-Match") == page.etag) {
      ++not_modified_;
      response.status = 304;
    } else {
      response.status = page.status;
      for (const auto& [name, value] : page.headers) response.set_header(name, value);
      if (!page.etag.empty()) response.set_header("ETag", page.etag);
      if (page.gzip) response.set_header("Content-Encoding", "gzip");
      send(response, page.gzip ? gzip(page.body) : std::move(page.body), page.content_type);
    }
    --active_;
  });
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0 || ::listen(listener, SOMAXCONN) != 0) {
    throw std::runtime_error("news site: cannot listen on 127.0.0.1");
  }
  server_->set_socket_options(httplib::default_socket_options);
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  wait_until([this] { return server_->is_running(); }, std::chrono::seconds(5));
}

NewsSite::~NewsSite() {
  release();
  server_->stop();
  thread_.join();
}

void NewsSite::put(const std::string& path, SitePage page) {
  std::lock_guard lock(mutex_);
  pages_[path] = std::move(page);
}

void NewsSite::release() {
  {
    std::lock_guard lock(mutex_);
    released_ = true;
  }
  released_changed_.notify_all();
}

std::string NewsSite::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

int NewsSite::requests(const std::string& path) const {
  std::lock_guard lock(mutex_);
  const auto it = requests_.find(path);
  return it == requests_.end() ? 0 : it->second;
}

std::vector<int64_t> NewsSite::request_times() const {
  std::lock_guard lock(mutex_);
  return times_;
}

}  // namespace quotewire::testing
