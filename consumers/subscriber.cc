#include "consumers/subscriber.h"

#include <spdlog/spdlog.h>

#include <variant>

#include "transport/clock.h"
#include "transport/envelope.h"
#include "transport/socket.h"
#include "transport/topics.h"

namespace quotewire::consumers {
Subscriber::Subscriber(zmq::context_t& context, SubscriberConfig config)
    : context_(context),
      config_(std::move(config)),
      updates_(transport::make_socket(context_, zmq::socket_type::sub, {})),
      last_(config_.since) {
  updates_.set(zmq::sockopt::subscribe, config_.prefix);
  if (!config_.prefix.empty()) updates_.set(zmq::sockopt::subscribe, transport::kHeartbeatTopic);
  transport::secure_client(updates_, config_.security);
  updates_.connect(config_.updates);
}

void Subscriber::apply(const pb::ActorUpdate& update, const Handler& handler) {
  if (update.retracted()) {
    // Withdraws a statement delivered before (its own sequence): one not yet delivered is gone
    // from the sink too, and no catch-up brings it.
    if (update.sequence() <= last_) {
      ++stats_.retracted;
      handler(update);
    }
    return;
  }
  if (update.sequence() <= last_) {
    ++stats_.skipped;
    return;
  }
  last_ = update.sequence();
  ++stats_.applied;
  handler(update);
}

bool Subscriber::catch_up(std::stop_token stop, const Handler& handler) {
  ++stats_.snapshots;
  // A fresh DEALER per request: an answer to an abandoned request cannot be mistaken for this.
  auto socket = transport::make_socket(context_, zmq::socket_type::dealer, {});
  transport::secure_client(socket, config_.security);
  socket.connect(config_.snapshots);
  pb::Envelope request;
  request.mutable_snapshot_request()->set_prefix(config_.prefix);
  request.mutable_snapshot_request()->set_since(last_);
  transport::send(socket, {transport::encode(request)});
  const int64_t deadline = transport::steady_ms() + config_.snapshot_timeout_ms;
  while (!stop.stop_requested() && transport::steady_ms() < deadline) {
    zmq::pollitem_t items[] = {{socket.handle(), 0, ZMQ_POLLIN, 0}};
    zmq::poll(items, 1, std::chrono::milliseconds(100));
    while (auto frames = transport::receive(socket)) {
      auto decoded = transport::decode(transport::view(frames->back()));
      auto* envelope = std::get_if<pb::Envelope>(&decoded);
      if (!envelope) continue;
      if (envelope->has_actor_update()) {
        apply(envelope->actor_update(), handler);
      } else if (envelope->has_snapshot_end()) {
        // Nothing at or below this sequence can still arrive live that we have not seen.
        last_ = std::max(last_, envelope->snapshot_end().sequence());
        return true;
      } else if (envelope->has_reject()) {
        spdlog::error("subscribe: snapshot refused: {}", envelope->reject().reason());
        return false;
      }
    }
  }
  spdlog::warn("subscribe: no snapshot from {} within {} ms; will retry", config_.snapshots,
               config_.snapshot_timeout_ms);
  return false;
}

void Subscriber::run(std::stop_token stop, const Handler& handler) {
  // Subscribed first, snapshot second: updates published meanwhile wait in the SUB socket and
  // are skipped when the snapshot already covered them.
  bool behind = config_.from_start || config_.since > 0;
  std::string sink_instance;
  int64_t last_heard = transport::steady_ms();
  while (!stop.stop_requested()) {
    if (behind && catch_up(stop, handler)) {
      behind = false;
      joined_ = true;  // caught up to a sequence the sink gave: live updates follow from it
    }
    zmq::pollitem_t items[] = {{updates_.handle(), 0, ZMQ_POLLIN, 0}};
    zmq::poll(items, 1, std::chrono::milliseconds(100));
    const int64_t now = transport::steady_ms();
    while (auto frames = transport::receive(updates_)) {
      if (frames->size() != 2) continue;
      const auto topic = transport::view((*frames)[0]);
      // Statements come again on the topics of the actors they are for or about: whoever
      // follows speakers (or everything) takes each once, from its speaker's topic.
      if (transport::is_link_topic(topic) && !transport::is_link_topic(config_.prefix)) continue;
      auto decoded = transport::decode(transport::view((*frames)[1]));
      auto* envelope = std::get_if<pb::Envelope>(&decoded);
      if (!envelope) continue;
      last_heard = now;
      if (topic == transport::kHeartbeatTopic && envelope->has_heartbeat()) {
        const auto& beat = envelope->heartbeat();
        if (!sink_instance.empty() && beat.sender_id() != sink_instance) {
          ++stats_.sink_restarts;
          spdlog::info("subscribe: the sink restarted; catching up from {}", last_);
          behind = true;
        }
        sink_instance = beat.sender_id();
        if (!joined_) {
          // A live-only subscriber starts from what is current when it first hears the sink,
          // and fetches what was committed since, in case an update beat the heartbeat here.
          if (!config_.from_start && last_ == 0) {
            last_ = beat.last_sequence();
            behind = true;
          }
          joined_ = true;
        }
        // Subscribed to everything, a sequence above ours that never arrived is a loss.
        if (config_.prefix.empty() && beat.last_sequence() > last_) behind = true;
        continue;
      }
      // Until the sink is heard (or while behind), the catch-up brings these.
      if (!envelope->has_actor_update() || behind || !joined_) continue;
      const auto& update = envelope->actor_update();
      if (config_.prefix.empty() && last_ > 0 && update.sequence() > last_ + 1) {
        behind = true;  // a gap: fetch it rather than deliver out of order
        continue;
      }
      if (!config_.prefix.empty() && topic == transport::kUnattributedTopic) continue;
      apply(update, handler);
    }
    if (now - last_heard > config_.silence_ms && !sink_instance.empty()) {
      spdlog::warn("subscribe: the sink has been silent for {} ms", now - last_heard);
      sink_instance.clear();  // the next heartbeat starts a catch-up via the restart check
      behind = true;
      last_heard = now;
    }
  }
}

}  // namespace quotewire::consumers
