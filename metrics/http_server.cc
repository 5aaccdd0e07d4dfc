#include "metrics/http_server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>

#include "metrics/exposition.h"

namespace quotewire::metrics {

HttpServer::HttpServer(HttpSettings settings, std::function<std::string()> render_metrics)
    : settings_(std::move(settings)), server_(std::make_unique<httplib::Server>()) {
  server_->Get("/metrics", [render = std::move(render_metrics)](const httplib::Request&,
                                                                httplib::Response& res) {
    res.set_content(render(), Exposition::kContentType);
  });
  server_->Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{\"status\":\"ok\"}", "application/json");
  });
}

HttpServer::~HttpServer() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

void HttpServer::start() {
  port_ = settings_.port == 0
              ? server_->bind_to_any_port(settings_.host)
              : (server_->bind_to_port(settings_.host, settings_.port) ? settings_.port : -1);
  if (port_ < 0) {
    throw std::runtime_error(
        fmt::format("cannot serve HTTP on {}:{} (in use?)", settings_.host, settings_.port));
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // cpp-httplib 0.11 has no wait_until_ready(): wait until the listener runs.
  for (int i = 0; i < 200 && !server_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  spdlog::info("http: serving {}/metrics", url());
}

std::unique_ptr<HttpServer> serve_metrics(const std::optional<HttpSettings>& settings,
                                          std::string role, std::function<void(Exposition&)> fill,
                                          const std::function<void(HttpServer&)>& add_routes) {
  if (!settings) return nullptr;
  auto server = std::make_unique<HttpServer>(*settings, [role, fill = std::move(fill)] {
    Exposition out;
    build_info(out, role);
    fill(out);
    return out.text();
  });
  if (add_routes) add_routes(*server);
  server->start();
  return server;
}

std::string HttpServer::url() const {
  return fmt::format("http://{}:{}", settings_.host, port_);
}

}  // namespace quotewire::metrics
