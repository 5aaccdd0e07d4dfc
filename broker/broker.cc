#include "broker/broker.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <variant>

#include "transport/clock.h"
#include "transport/envelope.h"
#include "transport/socket.h"

namespace quotewire::broker {

using transport::view;

Broker::Broker(zmq::context_t& context, BrokerConfig config)
    : config_(std::move(config)),
      zap_(transport::zap_for(context, config_.security)),
      frontend_(transport::make_socket(context, zmq::socket_type::router,
                                       {.max_message_bytes = config_.max_message_bytes})),
      backend_(transport::make_socket(
          context, zmq::socket_type::router,
          {.max_message_bytes = config_.max_message_bytes,
           .router_mandatory = true,
           // A worker's new connection replaces its old, half-dead one at once (the session
           // in its Ready then hands back what the old one held).
           .router_handover = true})),
      dispatcher_(config_.dispatch) {
  transport::secure_server(frontend_, config_.security, config_.frontend);
  transport::secure_server(backend_, config_.security, config_.backend);
  frontend_endpoint_ = transport::bind(frontend_, config_.frontend);
  backend_endpoint_ = transport::bind(backend_, config_.backend);
  update_status(transport::steady_ms());
  http_ = metrics::serve_metrics(
      config_.http, "broker", [this](metrics::Exposition& out) { probe_.export_to(out); },
      [this](metrics::HttpServer& server) {
        server.routes().Get("/api/status", [this](const httplib::Request&, httplib::Response& res) {
          res.set_content(status().dump(), "application/json");
        });
      });
}

Broker::~Broker() = default;

nlohmann::json Broker::status() const {
  std::lock_guard lock(status_mutex_);
  return status_;
}

void Broker::run(std::stop_token stop) {
  spdlog::info("broker: producers → {}, workers → {}, heartbeat {} ms × {}", frontend_endpoint_,
               backend_endpoint_, config_.heartbeat.interval_ms, config_.heartbeat.liveness);
  transport::HeartbeatTimer timer(config_.heartbeat, transport::steady_ms());
  while (!stop.stop_requested()) {
    // Backpressure: while the queue is full the frontend is not read, so producers' sends
    // block in ZeroMQ's pipes and their windows fill; nothing is buffered here or dropped.
    zmq::pollitem_t items[] = {{backend_.handle(), 0, ZMQ_POLLIN, 0},
                               {frontend_.handle(), 0, ZMQ_POLLIN, 0}};
    const int count = dispatcher_.full() ? 1 : 2;
    const auto wait = std::min<int64_t>(timer.ms_until_send(transport::steady_ms()), 100);
    zmq::poll(items, count, std::chrono::milliseconds(wait));
    const int64_t now = transport::steady_ms();

    // Drain in bounded batches so neither side starves the other.
    for (int i = 0; i < 1000; ++i) {
      auto frames = transport::receive(backend_);
      if (!frames) break;
      if (frames->size() != 2) {
        ++probe_.bad_frames;
        spdlog::warn("broker: worker message with {} frames, expected 2", frames->size());
        continue;
      }
      std::string worker_id(view((*frames)[0]));
      if (revoked(backend_, worker_id, (*frames)[1])) continue;
      on_worker_message(worker_id, view((*frames)[1]), now);
    }
    for (int i = 0; i < 1000 && !dispatcher_.full(); ++i) {
      auto frames = transport::receive(frontend_);
      if (!frames) break;
      if (frames->size() != 2) {
        ++probe_.bad_frames;
        spdlog::warn("broker: producer message with {} frames, expected 2", frames->size());
        continue;
      }
      std::string producer_id(view((*frames)[0]));
      if (revoked(frontend_, producer_id, (*frames)[1])) continue;
      on_producer_message(producer_id, view((*frames)[1]));
    }
    dispatch();
    if (timer.send_due(now)) heartbeat_workers(now);
    update_status(now);
  }
  spdlog::info("broker: stopped with {} queued and {} in flight (producers will re-send them)",
               dispatcher_.queued(), dispatcher_.in_flight());
}

void Broker::on_worker_message(const std::string& worker_id, std::string_view frame,
                               int64_t now_ms) {
  auto decoded = transport::decode(frame);
  if (auto* error = std::get_if<transport::DecodeError>(&decoded)) {
    ++probe_.bad_frames;
    spdlog::warn("broker: bad frame from worker {}: {}", worker_id, error->reason);
    reject(backend_, worker_id, error->reason);
    return;
  }
  auto& envelope = std::get<pb::Envelope>(decoded);
  switch (envelope.body_case()) {
    case pb::Envelope::kReady: {
      const auto& ready = envelope.ready();
      spdlog::info("broker: worker {} ready, capacity {}", worker_id, ready.capacity());
      announced(worker_id, ready.capacity(), ready.session(), now_ms);
      break;
    }
    case pb::Envelope::kHeartbeat: {
      // Also learns a worker from before this broker (re)started, and notices a reconnection
      // whose Ready was lost.
      const auto& heartbeat = envelope.heartbeat();
      if (!dispatcher_.knows_worker(worker_id)) {
        spdlog::info("broker: worker {} known again from its heartbeat", worker_id);
      }
      announced(worker_id, heartbeat.capacity(), heartbeat.session(), now_ms);
      break;
    }
    case pb::Envelope::kAck: {
      const auto& ack = envelope.ack();
      dispatcher_.worker_seen(worker_id, now_ms);
      dispatcher_.done(worker_id, transport::delivery_key(ack.producer_id(), ack.sequence()));
      ++probe_.acknowledged;
      update_gauges();  // before the ack leaves: whoever sees the ack sees it counted
      // The producer's DEALER uses its producer id as routing id: the ack finds it by name.
      transport::send(frontend_, {ack.producer_id(), frame});
      break;
    }
    case pb::Envelope::kDisconnect:
      spdlog::info("broker: worker {} said goodbye; {} article(s) requeued", worker_id,
                   dispatcher_.remove_worker(worker_id));
      break;
    default:
      ++probe_.bad_frames;
      spdlog::warn("broker: unexpected {} from worker {}", transport::body_name(envelope),
                   worker_id);
      reject(backend_, worker_id, "unexpected message type from a worker");
  }
}

void Broker::on_producer_message(const std::string& producer_id, std::string_view frame) {
  auto decoded = transport::decode(frame);
  if (auto* error = std::get_if<transport::DecodeError>(&decoded)) {
    ++probe_.bad_frames;
    spdlog::warn("broker: bad frame from producer {}: {}", producer_id, error->reason);
    reject(frontend_, producer_id, error->reason);
    return;
  }
  auto& envelope = std::get<pb::Envelope>(decoded);
  if (envelope.body_case() != pb::Envelope::kArticle) {
    ++probe_.bad_frames;
    spdlog::warn("broker: unexpected {} from producer {}", transport::body_name(envelope),
                 producer_id);
    reject(frontend_, producer_id, "producers may only send articles");
    return;
  }
  pb::Article* article = envelope.mutable_article();
  if (article->article_id().empty() || article->producer_id() != producer_id) {
    ++probe_.bad_frames;
    spdlog::warn("broker: article {}#{} from {} without an id or under another producer's name",
                 article->producer_id(), article->sequence(), producer_id);
    reject(frontend_, producer_id, "article needs an article_id and its producer's own id");
    return;
  }
  switch (dispatcher_.offer(std::move(*article))) {
    case Dispatcher::Offer::queued:
      ++probe_.articles_received;
      break;
    case Dispatcher::Offer::duplicate:
      ++probe_.duplicates_received;
      break;
    case Dispatcher::Offer::full:
      // Not reached while the frontend is only read below the limit; the producer re-sends.
      spdlog::warn("broker: queue full, article from {} left to its producer's retry", producer_id);
      break;
  }
}

void Broker::dispatch() {
  while (auto assignment = dispatcher_.next()) {
    pb::Envelope envelope;
    *envelope.mutable_article() = std::move(assignment->article);
    const std::string frame = transport::encode(envelope);
    if (!transport::send(backend_, {assignment->worker_id, frame})) {
      drop_worker(assignment->worker_id, "unreachable");
      continue;
    }
    ++probe_.dispatched;
  }
}

void Broker::heartbeat_workers(int64_t now_ms) {
  pb::Envelope envelope;
  envelope.mutable_heartbeat()->set_sender_id("broker");
  const std::string frame = transport::encode(envelope);
  for (const auto& id : dispatcher_.worker_ids()) {
    if (!transport::send(backend_, {id, frame})) drop_worker(id, "unreachable");
  }
  for (const auto& id : dispatcher_.expire(now_ms - config_.heartbeat.expiry_ms())) {
    ++probe_.workers_expired;
    spdlog::warn("broker: worker {} silent for {} ms, declared dead; its articles are requeued", id,
                 config_.heartbeat.expiry_ms());
  }
}

void Broker::announced(const std::string& worker_id, uint32_t capacity, uint64_t session,
                       int64_t now_ms) {
  if (const size_t held = dispatcher_.worker_ready(worker_id, capacity, now_ms, session)) {
    spdlog::warn("broker: worker {} reconnected; {} article(s) sent before are requeued", worker_id,
                 held);
  }
}

void Broker::drop_worker(const std::string& worker_id, const char* why) {
  const size_t held = dispatcher_.remove_worker(worker_id);
  ++probe_.workers_expired;
  spdlog::warn("broker: worker {} {}; {} article(s) requeued", worker_id, why, held);
}

bool Broker::revoked(zmq::socket_t& socket, const std::string& peer,
                     const zmq::message_t& message) {
  if (transport::sender_allowed(zap_.get(), message)) return false;
  ++probe_.refused_keys;
  if (&socket == &backend_ && dispatcher_.knows_worker(peer)) {
    spdlog::warn("broker: worker {}'s key is no longer allowed; dropped, {} article(s) requeued",
                 peer, dispatcher_.remove_worker(peer));
  }
  reject(socket, peer, transport::kKeyRevoked);
  return true;
}

void Broker::reject(zmq::socket_t& socket, const std::string& peer, const std::string& reason) {
  transport::send(socket, {peer, transport::encode_reject(reason)});
}

void Broker::update_gauges() {
  probe_.queue_depth = static_cast<int64_t>(dispatcher_.queued());
  probe_.in_flight = static_cast<int64_t>(dispatcher_.in_flight());
  probe_.workers_alive = static_cast<int64_t>(dispatcher_.workers());
  probe_.requeued = dispatcher_.requeued_total();
}

void Broker::update_status(int64_t now_ms) {
  update_gauges();
  // The JSON view for the dashboard is rebuilt a few times a second, not every loop turn.
  if (now_ms < next_status_ms_) return;
  next_status_ms_ = now_ms + 250;
  auto workers = nlohmann::json::array();
  for (const auto& w : dispatcher_.worker_infos()) {
    workers.push_back({{"id", w.id},
                       {"capacity", w.capacity},
                       {"holding", w.holding},
                       {"silent_ms", now_ms - w.last_seen_ms}});
  }
  nlohmann::json status = {{"queue_depth", dispatcher_.queued()},
                           {"in_flight", dispatcher_.in_flight()},
                           {"workers", std::move(workers)},
                           {"received", probe_.articles_received.load()},
                           {"acknowledged", probe_.acknowledged.load()},
                           {"redeliveries", probe_.requeued.load()}};
  std::lock_guard lock(status_mutex_);
  status_ = std::move(status);
}

}  // namespace quotewire::broker
