#pragma once
// The HTTP side every role can open: /metrics (Prometheus text) and /healthz, plus whatever
// routes the role adds (the sink's API and dashboard). Runs on its own threads; loopback unless
// told otherwise.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "metrics/exposition.h"

namespace httplib {
class Server;
}

namespace quotewire::metrics {

struct HttpSettings {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: pick a free port (read it back with port())
};

class HttpServer {
 public:
  // `render_metrics` returns the /metrics body; called on an HTTP thread.
  HttpServer(HttpSettings settings, std::function<std::string()> render_metrics);
  ~HttpServer();  // stops and joins

  // Add routes before start().
  httplib::Server& routes() { return *server_; }
  // Binds and serves in the background; throws with the reason when the port cannot be bound.
  void start();
  int port() const { return port_; }
  std::string url() const;

 private:
  HttpSettings settings_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// A started server whose /metrics shows build info for `role` and what `fill` adds, with the
// routes `add_routes` registers; nothing when `settings` is empty (HTTP turned off).
std::unique_ptr<HttpServer> serve_metrics(const std::optional<HttpSettings>& settings,
                                          std::string role, std::function<void(Exposition&)> fill,
                                          const std::function<void(HttpServer&)>& add_routes = {});

}  // namespace quotewire::metrics
