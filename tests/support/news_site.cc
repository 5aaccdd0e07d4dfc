#include "tests/support/news_site.h"

#include <httplib.h>
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

NewsSite::NewsSite() : server_(std::make_unique<httplib::Server>()) {
  // Loopback only, never through a proxy the environment may name.
  setenv("no_proxy", "127.0.0.1,localhost", 1);
  setenv("NO_PROXY", "127.0.0.1,localhost", 1);
  server_->new_task_queue = [] { return new httplib::ThreadPool(16); };
  server_->Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
    const int now_active = ++active_;
    for (int seen = max_concurrent_; now_active > seen;) {
      if (max_concurrent_.compare_exchange_weak(seen, now_active)) break;
    }
    ++total_;
    SitePage page;
    bool found;
    {
      std::lock_guard lock(mutex_);
      ++requests_[request.path];
      times_.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now().time_since_epoch())
                           .count());
      const auto it = pages_.find(request.path);
      found = it != pages_.end();
      if (found) page = it->second;
    }
    const int delay = std::max(delay_ms_.load(), page.delay_ms);
    if (delay > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    if (!found) {
      response.status = 404;
      response.set_content("not here", "text/plain");
    } else if (!page.etag.empty() && request.get_header_value("If-None-Match") == page.etag) {
      ++not_modified_;
      response.status = 304;
    } else {
      response.status = page.status;
      for (const auto& [name, value] : page.headers) response.set_header(name, value);
      if (!page.etag.empty()) response.set_header("ETag", page.etag);
      if (page.gzip) {
        response.set_header("Content-Encoding", "gzip");
        response.set_content(gzip(page.body), page.content_type.c_str());
      } else {
        response.set_content(page.body, page.content_type.c_str());
      }
    }
    --active_;
  });
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("news site: cannot bind 127.0.0.1");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  wait_until([this] { return server_->is_running(); }, std::chrono::seconds(5));
}

NewsSite::~NewsSite() {
  server_->stop();
  thread_.join();
}

void NewsSite::put(const std::string& path, SitePage page) {
  std::lock_guard lock(mutex_);
  pages_[path] = std::move(page);
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
