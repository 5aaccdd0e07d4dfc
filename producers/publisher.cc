#include "producers/publisher.h"

#include <fmt/format.h>
#include <httplib.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <variant>

#include "producers/utf8_repair.h"
#include "transport/clock.h"
#include "transport/envelope.h"
#include "transport/socket.h"

namespace quotewire::producers {
namespace {

std::string default_producer_id() {
  char host[256] = "host";
  gethostname(host, sizeof host - 1);
  return fmt::format("publish-{}-{}", host, getpid());
}

}  // namespace

Publisher::Publisher(zmq::context_t& context, PublisherConfig config)
    : config_(std::move(config)), window_(config_.window) {
  if (config_.producer_id.empty()) config_.producer_id = default_producer_id();
  // The routing id is the producer id: the broker sends acks to it by that name, also after a
  // reconnect.
  socket_ = transport::make_socket(
      context, zmq::socket_type::dealer,
      {.max_message_bytes = config_.max_message_bytes, .routing_id = config_.producer_id});
  transport::secure_client(socket_, config_.security);
  socket_.connect(config_.broker);
  http_ = metrics::serve_metrics(
      config_.http, "producer", [this](metrics::Exposition& out) { export_to(out); },
      [this](metrics::HttpServer& server) {
        server.routes().Get("/api/status", [this](const httplib::Request&, httplib::Response& res) {
          res.set_content(status().dump(), "application/json");
        });
      });
  if (!config_.ack_log.empty()) {
    ack_log_ = std::fopen(config_.ack_log.c_str(), "a");
    if (!ack_log_) {
      throw std::runtime_error(
          fmt::format("cannot append to {}: {}", config_.ack_log, std::strerror(errno)));
    }
  }
}

Publisher::~Publisher() {
  if (ack_log_) std::fclose(ack_log_);
}

void Publisher::export_to(metrics::Exposition& out) const {
  probe_.export_to(out);
  std::lock_guard lock(metrics_source_mutex_);
  if (metrics_source_) metrics_source_->export_to(out);
}

nlohmann::json Publisher::status() const {
  nlohmann::json out = {{"id", config_.producer_id},
                        {"published", probe_.published.load()},
                        {"stored", probe_.stored.load()},
                        {"duplicates", probe_.duplicates.load()},
                        {"dead_lettered", probe_.dead_lettered.load()},
                        {"in_flight", probe_.in_flight.load()},
                        {"resent", probe_.resent.load()},
                        {"input_errors", probe_.input_errors.load()}};
  std::lock_guard lock(metrics_source_mutex_);
  if (metrics_source_) metrics_source_->status_to(out);
  return out;
}

bool Publisher::run(ArticleSource& source, std::stop_token stop) {
  // Sequences start at the clock so a restarted producer with the same id never reuses one.
  uint64_t sequence = static_cast<uint64_t>(transport::unix_ms()) * 1000;
  uint64_t ordinal = 0;  // how the source knows which of its articles was acknowledged
  source_ = &source;
  {
    std::lock_guard lock(metrics_source_mutex_);
    metrics_source_ = &source;
  }
  bool exhausted = false;
  int64_t stop_deadline_ms = -1;
  while (true) {
    int64_t now = transport::steady_ms();
    if (stop.stop_requested() && stop_deadline_ms < 0) {
      stop_deadline_ms = now + config_.stop_grace_ms;
      spdlog::info("publish: stopping, {} article(s) awaiting acknowledgement", window_.size());
    }
    if (stop_deadline_ms >= 0 && (window_.empty() || now >= stop_deadline_ms)) break;

    // Fill the window; a send that would block (broker busy or away) waits for its retry.
    bool blocked = false;
    bool idle = false;  // a live source with nothing new right now
    while (!exhausted && !idle && !blocked && stop_deadline_ms < 0 && !window_.full()) {
      auto article = source.next();
      if (!article) {
        exhausted = source.exhausted();
        idle = !exhausted;
        break;
      }
      for (const auto& field : repair_metadata_utf8(*article)) {
        spdlog::warn("publish: article {}: invalid UTF-8 in {} replaced by U+FFFD",
                     article->article_id(), field);
      }
      article->set_producer_id(config_.producer_id);
      article->set_sequence(sequence++);
      article->set_sent_unix_ms(transport::unix_ms());
      pb::Envelope envelope;
      *envelope.mutable_article() = std::move(*article);
      std::string frame = transport::encode(envelope);
      blocked = !transport::send(socket_, {frame});
      std::string key = transport::delivery_key(config_.producer_id, envelope.article().sequence());
      in_flight_[key] = {.sent_ms = now, .ordinal = ordinal++};
      window_.add(std::move(key), std::move(frame), now);
      ++probe_.published;
    }
    probe_.in_flight = static_cast<int64_t>(window_.size());
    source.sync(false);
    if (exhausted && window_.empty()) break;

    zmq::pollitem_t items[] = {{socket_.handle(), 0, ZMQ_POLLIN, 0}};
    // A live source is polled again soon: new lines or messages should not wait long.
    int64_t wait = idle ? 20 : 100;
    if (const int64_t due = window_.ms_until_due(now); due >= 0) wait = std::min(wait, due);
    zmq::poll(items, 1, std::chrono::milliseconds(blocked ? std::min<int64_t>(wait, 10) : wait));
    now = transport::steady_ms();
    while (auto frames = transport::receive(socket_)) {
      on_message(transport::view(frames->back()), now);
    }
    probe_.resent += window_.resend_due(
        now, [this](const std::string& frame) { transport::send(socket_, {frame}); });
  }
  probe_.in_flight = static_cast<int64_t>(window_.size());
  source.sync(true);
  source_ = nullptr;
  {
    std::lock_guard lock(metrics_source_mutex_);
    metrics_source_ = nullptr;
  }
  // A live source has no end: stopping it with nothing outstanding is finishing.
  return window_.empty() && (exhausted || source.live());
}

void Publisher::on_message(std::string_view frame, int64_t now_ms) {
  auto decoded = transport::decode(frame);
  if (auto* error = std::get_if<transport::DecodeError>(&decoded)) {
    spdlog::warn("publish: bad frame from broker: {}", error->reason);
    return;
  }
  auto& envelope = std::get<pb::Envelope>(decoded);
  if (envelope.has_reject()) {
    ++probe_.rejected;
    spdlog::error("publish: broker rejected a message: {}", envelope.reject().reason());
    return;
  }
  if (!envelope.has_ack()) return;
  const auto& ack = envelope.ack();
  const std::string key = transport::delivery_key(ack.producer_id(), ack.sequence());
  if (!window_.ack(key)) return;  // a second ack for a re-sent copy
  if (auto it = in_flight_.find(key); it != in_flight_.end()) {
    probe_.ack_seconds.observe(static_cast<double>(now_ms - it->second.sent_ms) / 1000.0);
    if (source_) source_->acknowledged(it->second.ordinal);
    in_flight_.erase(it);
  }
  if (ack_log_) {
    std::fprintf(ack_log_, "%s\t%s\n", ack.article_id().c_str(),
                 pb::AckStatus_Name(ack.status()).c_str());
    std::fflush(ack_log_);
  }
  switch (ack.status()) {
    case pb::STORED:
      ++probe_.stored;
      break;
    case pb::DUPLICATE:
      ++probe_.duplicates;
      break;
    default:
      ++probe_.dead_lettered;
      spdlog::warn("publish: article {} went to the dead-letter store: {}", ack.article_id(),
                   ack.reason());
  }
}

}  // namespace quotewire::producers
