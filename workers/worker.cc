#include "workers/worker.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <httplib.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <thread>
#include <variant>

#include "extract/extractor.h"
#include "transport/clock.h"
#include "transport/envelope.h"
#include "transport/socket.h"
#include "transport/thread_name.h"
#include "workers/extraction_codec.h"

namespace quotewire::workers {
namespace {

std::string default_worker_id() {
  char host[256] = "host";
  gethostname(host, sizeof host - 1);
  std::random_device random;
  return fmt::format("worker-{}-{}-{:04x}", host, getpid(), random() & 0xffff);
}

pb::Envelope dead_letter(pb::Article& article, std::string reason, const std::string& worker_id) {
  pb::Envelope envelope;
  auto* letter = envelope.mutable_dead_letter();
  letter->set_reason(std::move(reason));
  letter->set_worker_id(worker_id);
  *letter->mutable_article() = std::move(article);
  return envelope;
}

}  // namespace

void Worker::inject_faults(std::string_view body) const {
  if (!config_.fault_crash_on.empty() && body.find(config_.fault_crash_on) != body.npos) {
    spdlog::critical("worker {}: fault injection: crashing on article {}", config_.worker_id,
                     extracting_article_);
    spdlog::default_logger()->flush();
    std::abort();
  }
  if (!config_.fault_hang_on.empty() && body.find(config_.fault_hang_on) != body.npos) {
    spdlog::critical("worker {}: fault injection: hanging on article {}", config_.worker_id,
                     extracting_article_);
    while (true) std::this_thread::sleep_for(std::chrono::hours(1));
  }
}

Worker::Worker(zmq::context_t& context, WorkerConfig config)
    : context_(context),
      config_(std::move(config)),
      pending_({.capacity = config_.capacity,
                .timeout_ms = config_.sink_timeout_ms,
                .max_timeout_ms = config_.sink_timeout_ms * 4}) {
  if (config_.worker_id.empty()) config_.worker_id = default_worker_id();
  // The models load before the worker offers itself: loading them on the first article would
  // hold up the heartbeats, and the broker would take the worker for dead.
  if (!config_.extractor && !config_.noop_extraction)
    config_.extractor = &extract::Extractor::shared();
  sink_ = transport::make_socket(
      context_, zmq::socket_type::dealer,
      {.max_message_bytes = config_.max_message_bytes, .routing_id = config_.worker_id});
  // ZMTP heartbeats drop a half-open sink connection so ZeroMQ reconnects it by itself.
  sink_.set(zmq::sockopt::heartbeat_ivl, static_cast<int>(config_.heartbeat.interval_ms));
  sink_.set(zmq::sockopt::heartbeat_timeout, static_cast<int>(config_.heartbeat.expiry_ms()));
  sink_.set(zmq::sockopt::reconnect_ivl_max, static_cast<int>(config_.reconnect_max_ms));
  // With several sinks a result goes only to one whose connection is up: otherwise a dead
  // sink's pipe, kept while it reconnects, takes its share until the re-send. One sink keeps
  // ZeroMQ's default, which queues while it restarts and delivers at once when it is back.
  if (config_.sinks.empty()) throw std::invalid_argument("a worker needs a sink endpoint");
  if (config_.sinks.size() > 1) sink_.set(zmq::sockopt::immediate, 1);
  transport::secure_client(sink_, config_.sink_security);
  if (config_.http) {
    // Before the connects, so that no handshake goes unseen.
    const std::string events = fmt::format("inproc://sink-events-{}-{}", config_.worker_id,
                                           static_cast<const void*>(this));
    if (zmq_socket_monitor(sink_.handle(), events.c_str(),
                           ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ_EVENT_DISCONNECTED) != 0) {
      throw zmq::error_t();
    }
    sink_events_ = transport::make_socket(context_, zmq::socket_type::pair, {});
    sink_events_.connect(events);
  }
  for (const auto& endpoint : config_.sinks) sink_.connect(endpoint);
  connect_broker();
  http_ = metrics::serve_metrics(
      config_.http, "worker",
      [this](metrics::Exposition& out) { probe_.export_to(out, config_.worker_id); },
      [this](metrics::HttpServer& server) {
        // Readiness, apart from /healthz (the process lives): ready while the broker talks to
        // this worker, so an orchestrator does not count a worker that gets no articles.
        server.routes().Get("/readyz", [this](const httplib::Request&, httplib::Response& res) {
          const int64_t heard = broker_heard_ms_.load();
          const int64_t silent_ms = transport::steady_ms() - heard;
          const bool broker_up = heard > 0 && silent_ms <= config_.heartbeat.expiry_ms();
          // Results need a sink as much as articles need the broker.
          if (broker_up && sinks_up_count_ > 0) {
            res.set_content(R"({"status":"ready"})", "application/json");
            return;
          }
          res.status = 503;
          std::string reason;
          {
            std::lock_guard lock(refusal_mutex_);
            if (!broker_refusal_.empty())
              reason = "the broker refuses this worker: " + broker_refusal_;
          }
          if (reason.empty() && !broker_up) {
            reason = heard == 0 ? "the broker has not answered yet (unreachable, or refusing "
                                  "this worker's key)"
                                : fmt::format("the broker has been silent for {} ms", silent_ms);
          }
          if (reason.empty()) {
            reason = fmt::format(
                "no sink connection is up ({}: unreachable, or refusing this worker's key)",
                fmt::join(config_.sinks, ", "));
          }
          res.set_content(nlohmann::json{{"status", "not ready"}, {"reason", reason}}.dump(),
                          "application/json");
        });
      });
}

void Worker::connect_broker() {
  broker_ = transport::make_socket(
      context_, zmq::socket_type::dealer,
      {.max_message_bytes = config_.max_message_bytes, .routing_id = config_.worker_id});
  transport::secure_client(broker_, config_.broker_security);
  broker_.connect(config_.broker);
  ++session_;
  pb::Envelope ready;
  ready.mutable_ready()->set_worker_id(config_.worker_id);
  ready.mutable_ready()->set_capacity(config_.capacity);
  ready.mutable_ready()->set_session(session_);
  send_to_broker(ready);
}

void Worker::watch_extractions(std::stop_token stop) {
  while (!stop.stop_requested()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const int64_t started = extraction_started_ms_.load();
    if (started == 0 || transport::steady_ms() - started <= config_.extract_timeout_ms) continue;
    spdlog::critical(
        "worker {}: extracting article {} has taken more than {} ms; exiting so that the "
        "broker redelivers it (and dead-letters it if it keeps doing this)",
        config_.worker_id, extracting_article_, config_.extract_timeout_ms);
    spdlog::default_logger()->flush();
    std::_Exit(70);  // a stuck thread cannot be stopped; the supervisor restarts the process
  }
}

void Worker::run(std::stop_token stop) {
  spdlog::info("worker {}: broker {}, sink {}, capacity {}", config_.worker_id, config_.broker,
               fmt::join(config_.sinks, " "), config_.capacity);
  std::jthread watchdog;
  if (config_.extract_timeout_ms > 0) {
    watchdog = std::jthread([this](std::stop_token s) {
      transport::name_this_thread("worker-watchdog");
      watch_extractions(s);
    });
  }
  transport::HeartbeatTimer broker_timer(config_.heartbeat, transport::steady_ms());
  int64_t reconnect_delay_ms = config_.heartbeat.interval_ms;
  int64_t stop_deadline_ms = -1;
  while (true) {
    int64_t now = transport::steady_ms();
    if (stop.stop_requested() && stop_deadline_ms < 0) {
      stop_deadline_ms = now + config_.stop_grace_ms;
      spdlog::info("worker {}: stopping, {} result(s) awaiting the sink", config_.worker_id,
                   pending_.size());
    }
    if (stop_deadline_ms >= 0 && (pending_.empty() || now >= stop_deadline_ms)) break;

    // While stopping, take nothing new from the broker: what it sent is handed back below.
    watch_sink_connections();
    zmq::pollitem_t items[] = {{sink_.handle(), 0, ZMQ_POLLIN, 0},
                               {broker_.handle(), 0, ZMQ_POLLIN, 0}};
    int64_t wait = std::min<int64_t>(broker_timer.ms_until_send(now), 100);
    if (const int64_t due = pending_.ms_until_due(now); due >= 0) wait = std::min(wait, due);
    zmq::poll(items, stop_deadline_ms >= 0 ? 1 : 2, std::chrono::milliseconds(wait));
    now = transport::steady_ms();

    auto pass_on_acks = [this] {
      while (auto frames = transport::receive(sink_)) {
        on_sink_message(transport::view(frames->back()));
      }
    };
    pass_on_acks();
    if (stop_deadline_ms < 0) {
      while (auto frames = transport::receive(broker_)) {
        // A broker that only rejects (this worker's key was revoked) does not count as heard:
        // the worker turns unready and reconnects, and the new handshake is refused.
        if (on_broker_message(transport::view(frames->back()))) {
          broker_timer.heard(now);
          broker_heard_ms_ = now;
          reconnect_delay_ms = config_.heartbeat.interval_ms;
          std::lock_guard lock(refusal_mutex_);
          broker_refusal_.clear();
        }
        // Acks that came in meanwhile go on at once, so credit flows back to the broker while
        // this worker extracts the rest, not in bursts after it.
        pass_on_acks();
      }
    }
    probe_.sink_resends +=
        pending_.resend_due(now, [this](const std::string& frame) { send_to_sink(frame); });

    if (broker_timer.send_due(now)) {
      pb::Envelope heartbeat;
      heartbeat.mutable_heartbeat()->set_sender_id(config_.worker_id);
      heartbeat.mutable_heartbeat()->set_capacity(config_.capacity);
      heartbeat.mutable_heartbeat()->set_session(session_);
      send_to_broker(heartbeat);
    }
    if (broker_timer.peer_dead(now)) {
      spdlog::warn("worker {}: broker silent for {} ms, reconnecting (next try in {} ms)",
                   config_.worker_id, config_.heartbeat.expiry_ms(), reconnect_delay_ms);
      ++probe_.broker_reconnects;
      connect_broker();
      broker_timer.heard(now + reconnect_delay_ms);  // give the new connection its chance
      reconnect_delay_ms = std::min(reconnect_delay_ms * 2, config_.reconnect_max_ms);
    }
  }
  // Whatever the broker still counts as ours (queued in our socket, or results the sink has
  // not confirmed) is requeued at once instead of after the heartbeat expiry.
  pb::Envelope goodbye;
  goodbye.mutable_disconnect()->set_sender_id(config_.worker_id);
  send_to_broker(goodbye);
  spdlog::info("worker {}: stopped ({} extracted, {} dead-lettered)", config_.worker_id,
               probe_.extracted.load(), probe_.dead_lettered.load());
}

bool Worker::on_broker_message(std::string_view frame) {
  auto decoded = transport::decode(frame);
  if (auto* error = std::get_if<transport::DecodeError>(&decoded)) {
    ++probe_.bad_frames;
    spdlog::warn("worker {}: bad frame from broker: {}", config_.worker_id, error->reason);
    return true;
  }
  auto& envelope = std::get<pb::Envelope>(decoded);
  switch (envelope.body_case()) {
    case pb::Envelope::kArticle: {
      ++probe_.articles_received;
      pb::Article& article = *envelope.mutable_article();
      std::string key = transport::delivery_key(article.producer_id(), article.sequence());
      const int64_t now = transport::steady_ms();
      // The same article again while its result awaits the sink: the pending copy covers it.
      if (pending_.contains(key)) return true;
      pb::Envelope result = process(article);
      std::string out = transport::encode(result);
      send_to_sink(out);
      pending_.add(std::move(key), std::move(out), now);
      break;
    }
    case pb::Envelope::kHeartbeat:
      break;
    case pb::Envelope::kReject: {
      spdlog::warn("worker {}: broker rejected a message: {}", config_.worker_id,
                   envelope.reject().reason());
      std::lock_guard lock(refusal_mutex_);
      broker_refusal_ = envelope.reject().reason();
      return false;
    }
    default:
      ++probe_.bad_frames;
      spdlog::warn("worker {}: unexpected {} from broker", config_.worker_id,
                   transport::body_name(envelope));
  }
  return true;
}

pb::Envelope Worker::process(pb::Article& article) {
  if (!article.dead_letter_reason().empty()) {
    ++probe_.dead_lettered;
    return dead_letter(article, article.dead_letter_reason(), config_.worker_id);
  }
  std::string refusal;
  if (article.body().empty()) {
    refusal = "empty body";
  } else if (article.body().size() > config_.max_body_bytes) {
    refusal = fmt::format("body of {} bytes exceeds the limit of {} bytes", article.body().size(),
                          config_.max_body_bytes);
  }
  pb::Envelope envelope;
  if (refusal.empty()) {
    try {
      const auto started = std::chrono::steady_clock::now();
      extracting_article_ = article.article_id();
      extraction_started_ms_ = transport::steady_ms();
      inject_faults(article.body());
      const auto found = config_.noop_extraction ? extract::Extraction{}
                                                 : config_.extractor->extract(article.body());
      extraction_started_ms_ = 0;
      const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count();
      pb::Extraction& x = *envelope.mutable_extraction();
      fill(x, found);
      x.set_article_id(article.article_id());
      x.set_worker_id(config_.worker_id);
      x.set_extract_micros(static_cast<uint64_t>(micros));
      x.set_producer_id(article.producer_id());
      x.set_sequence(article.sequence());
      x.set_source(article.source());
      x.set_url(article.url());
      x.set_title(article.title());
      x.set_published_unix_ms(article.published_unix_ms());
      x.set_sent_unix_ms(article.sent_unix_ms());
      x.set_version_of(article.version_of());
      x.set_version(article.version());
      ++probe_.extracted;
      probe_.extraction_seconds.observe(static_cast<double>(micros) / 1e6);
      return envelope;
    } catch (const extract::InvalidText& e) {
      refusal = e.what();
    } catch (const std::exception& e) {
      refusal = fmt::format("extractor failed: {}", e.what());
    }
    extraction_started_ms_ = 0;
  }
  spdlog::warn("worker {}: article {} dead-lettered: {}", config_.worker_id, article.article_id(),
               refusal);
  ++probe_.dead_lettered;
  return dead_letter(article, refusal, config_.worker_id);
}

void Worker::on_sink_message(std::string_view frame) {
  auto decoded = transport::decode(frame);
  if (auto* error = std::get_if<transport::DecodeError>(&decoded)) {
    ++probe_.bad_frames;
    spdlog::warn("worker {}: bad frame from sink: {}", config_.worker_id, error->reason);
    return;
  }
  auto& envelope = std::get<pb::Envelope>(decoded);
  if (envelope.body_case() == pb::Envelope::kAck) {
    const auto& ack = envelope.ack();
    // Only the first ack of a result is passed on; a second one (after a re-send) is noise.
    if (pending_.ack(transport::delivery_key(ack.producer_id(), ack.sequence()))) {
      ++probe_.acknowledged;
      send_to_broker(envelope);
    }
  } else if (envelope.body_case() == pb::Envelope::kReject) {
    spdlog::error("worker {}: sink rejected a result: {}", config_.worker_id,
                  envelope.reject().reason());
  } else {
    ++probe_.bad_frames;
  }
}

void Worker::watch_sink_connections() {
  if (!sink_events_) return;
  // Each event: its number and value (6 bytes), then the endpoint it concerns.
  while (auto frames = transport::receive(sink_events_)) {
    if (frames->size() != 2 || (*frames)[0].size() < sizeof(uint16_t)) continue;
    uint16_t event = 0;
    std::memcpy(&event, (*frames)[0].data(), sizeof event);
    std::string endpoint(transport::view((*frames)[1]));
    if (event == ZMQ_EVENT_HANDSHAKE_SUCCEEDED) {
      sinks_up_.insert(std::move(endpoint));
    } else if (event == ZMQ_EVENT_DISCONNECTED) {
      sinks_up_.erase(endpoint);
    }
    sinks_up_count_ = sinks_up_.size();
  }
}

void Worker::send_to_broker(pb::Envelope& envelope) {
  // A full pipe to a dead broker is not an error: heartbeats notice and reconnect.
  transport::send(broker_, {transport::encode(envelope)});
}

void Worker::send_to_sink(const std::string& frame) {
  if (!transport::send(sink_, {frame})) {
    spdlog::debug("worker {}: sink not reachable, result kept for re-send", config_.worker_id);
  }
}

}  // namespace quotewire::workers
