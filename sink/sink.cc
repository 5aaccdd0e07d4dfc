#include "sink/sink.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <random>
#include <thread>
#include <variant>

#include "sink/http_api.h"
#include "sink/updates.h"
#include "transport/clock.h"
#include "transport/envelope.h"
#include "transport/socket.h"
#include "transport/thread_name.h"

namespace quotewire::sink {

Sink::Sink(zmq::context_t& context, SinkConfig config)
    : config_(std::move(config)),
      zap_(transport::zap_for(context, config_.security)),
      store_(config_.store),
      results_(transport::make_socket(context, zmq::socket_type::router,
                                      {.max_message_bytes = config_.max_message_bytes})),
      updates_(transport::make_socket(context, zmq::socket_type::pub,
                                      {.max_message_bytes = config_.max_message_bytes})),
      snapshots_(context, config_.snapshots, config_.store.path, config_.max_message_bytes,
                 config_.security, zap_.get()) {
  transport::secure_server(results_, config_.security, config_.results);
  transport::secure_server(updates_, config_.security, config_.updates);
  results_endpoint_ = transport::bind(results_, config_.results);
  updates_endpoint_ = transport::bind(updates_, config_.updates);
  std::random_device random;
  instance_id_ = fmt::format("sink-{:08x}", random());
  Database db(config_.store.path, Database::Mode::read_only);
  probe_.last_sequence = latest_sequence(db);
  http_ = metrics::serve_metrics(
      config_.http, "sink",
      [this](metrics::Exposition& out) {
        probe_.export_to(out);
        if (const auto* checkpointer = store_.checkpointer()) checkpointer->export_to(out);
        if (config_.extra_metrics) config_.extra_metrics(out);
      },
      [this](metrics::HttpServer& server) {
        add_api_routes(server.routes(), {.db_path = config_.store.path,
                                         .probe = probe_,
                                         .activity = activity_,
                                         .broker_status = config_.broker_status,
                                         .producers_status = config_.producers_status});
      });
}

Sink::~Sink() = default;

void Sink::publish_heartbeat() {
  pb::Envelope envelope;
  envelope.mutable_heartbeat()->set_sender_id(instance_id_);
  envelope.mutable_heartbeat()->set_last_sequence(probe_.last_sequence);
  transport::send(updates_, {transport::kHeartbeatTopic, transport::encode(envelope)});
}

void Sink::run(std::stop_token stop) {
  spdlog::info("sink: results ← {}, updates → {}, snapshots ← {}, database {}{}", results_endpoint_,
               updates_endpoint_, snapshots_.endpoint(), displayed(config_.store.path),
               http_ ? ", http " + http_->url() : "");
  std::jthread snapshot_thread([this](std::stop_token s) {
    transport::name_this_thread("sink-snapshots");
    snapshots_.run(s);
  });
  int64_t next_heartbeat = 0;
  while (!stop.stop_requested()) {
    zmq::pollitem_t items[] = {{results_.handle(), 0, ZMQ_POLLIN, 0}};
    zmq::poll(items, 1, std::chrono::milliseconds(100));
    while (!stop.stop_requested() && process_batch()) {
    }
    drop_subscribers_after_revocation();
    if (const int64_t now = transport::steady_ms(); now >= next_heartbeat) {
      publish_heartbeat();
      next_heartbeat = now + config_.heartbeat_ms;
    }
  }
  spdlog::info("sink: stopped ({} stored in {} commits, {} duplicates, {} dead letters)",
               probe_.stored.load(), probe_.commits.load(), probe_.duplicates.load(),
               probe_.dead_lettered.load());
}

// A PUB socket cannot drop one reader, so a revoked subscriber's open connection would keep its
// live feed. Unbinding closes every connection the endpoint accepted; the allowed subscribers
// reconnect (through ZAP again, which refuses the revoked key) and fetch what they missed by
// snapshot, as after any gap in the sequence.
void Sink::drop_subscribers_after_revocation() {
  if (zap_ && zap_->revocations() != revocations_seen_) {
    revocations_seen_ = zap_->revocations();
    updates_.unbind(updates_endpoint_);
    updates_unbound_ = true;
    ++probe_.subscriber_resets;
    spdlog::warn(
        "sink: a key was revoked: closed every live subscription on {}; allowed "
        "subscribers reconnect and catch up by snapshot",
        updates_endpoint_);
  }
  if (!updates_unbound_) return;
  try {
    updates_.bind(updates_endpoint_);
    updates_unbound_ = false;
  } catch (const zmq::error_t& e) {
    // The old listener closes on libzmq's I/O thread: the port is free a moment later.
    if (e.num() != EADDRINUSE) throw;
  }
}

bool Sink::process_batch() {
  std::vector<std::string> senders;
  std::vector<pb::Envelope> results;
  while (results.size() < config_.max_batch) {
    auto frames = transport::receive(results_);
    if (!frames) break;
    if (frames->size() != 2) {
      ++probe_.bad_frames;
      spdlog::warn("sink: message with {} frames, expected 2", frames->size());
      continue;
    }
    const std::string sender(transport::view((*frames)[0]));
    if (!transport::sender_allowed(zap_.get(), (*frames)[1])) {
      // Not stored and not acknowledged: the result stays with its worker.
      ++probe_.refused_keys;
      transport::send(results_, {sender, transport::encode_reject(transport::kKeyRevoked)});
      continue;
    }
    auto decoded = transport::decode(transport::view((*frames)[1]));
    std::string problem;
    if (auto* error = std::get_if<transport::DecodeError>(&decoded)) {
      problem = error->reason;
    } else if (auto& envelope = std::get<pb::Envelope>(decoded);
               !envelope.has_extraction() && !envelope.has_dead_letter()) {
      problem = fmt::format("unexpected {} (the sink takes extractions and dead letters)",
                            transport::body_name(envelope));
    }
    if (!problem.empty()) {
      ++probe_.bad_frames;
      spdlog::warn("sink: bad frame from {}: {}", sender, problem);
      transport::send(results_, {sender, transport::encode_reject(problem)});
      continue;
    }
    ++probe_.results_received;
    senders.push_back(sender);
    results.push_back(std::move(std::get<pb::Envelope>(decoded)));
  }
  if (results.empty()) return false;

  std::vector<pb::Envelope*> items;
  items.reserve(results.size());
  for (auto& r : results) items.push_back(&r);
  if (config_.fault_commit_delay_ms > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(config_.fault_commit_delay_ms));
  }
  AppliedBatch applied;
  const auto commit_started = std::chrono::steady_clock::now();
  try {
    applied = store_.apply(items);
  } catch (const StoreError& e) {
    // Nothing was committed, so nothing is acknowledged: the workers re-send.
    ++probe_.store_errors;
    ++failed_batches_;
    if (store_failing_since_ms_ == 0) store_failing_since_ms_ = transport::steady_ms();
    if (e.what() != last_store_error_) {
      last_store_error_ = e.what();
      spdlog::error(
          "sink: cannot store results, acknowledging none until the database takes them again "
          "(workers re-send them; retrying): {}",
          e.what());
    } else {
      spdlog::debug("sink: still cannot store {} result(s): {}", results.size(), e.what());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(config_.retry_after_error_ms));
    return false;
  }
  if (store_failing_since_ms_ != 0) {
    spdlog::warn(
        "sink: the database takes results again after {:.1f} s ({} failed batch(es) "
        "meanwhile, left unacknowledged for the workers to re-send)",
        static_cast<double>(transport::steady_ms() - store_failing_since_ms_) / 1000.0,
        failed_batches_);
    store_failing_since_ms_ = 0;
    failed_batches_ = 0;
    last_store_error_.clear();
  }
  ++probe_.commits;
  probe_.commit_seconds.observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - commit_started).count());
  Activity::Batch batch{.now_ms = transport::unix_ms()};
  for (size_t i = 0; i < applied.acks.size(); ++i) {
    pb::Ack& ack = applied.acks[i];
    switch (ack.status()) {
      case pb::STORED: {
        ++probe_.stored;
        ++batch.stored;
        const auto& x = results[i].extraction();
        ++batch.results_by_worker[x.worker_id()];
        if (x.sent_unix_ms() > 0) {
          const double latency = static_cast<double>(batch.now_ms - x.sent_unix_ms()) / 1000.0;
          probe_.end_to_end_seconds.observe(latency);
          batch.latencies_s.push_back(latency);
        }
        break;
      }
      case pb::DUPLICATE:
        ++probe_.duplicates;
        ++batch.duplicates;
        break;
      default:
        ++probe_.dead_lettered;
        ++batch.dead_lettered;
        spdlog::warn("sink: article {} stored as a dead letter: {}", ack.article_id(),
                     ack.reason());
    }
  }
  // Counters first, acks second: whoever sees an ack also sees it counted.
  activity_.record(std::move(batch), applied.updates);
  probe_.statements += applied.updates.size();
  if (!applied.updates.empty()) probe_.last_sequence = applied.updates.back().sequence();
  if (config_.on_statements && !applied.updates.empty()) config_.on_statements(applied.updates);
  for (size_t i = 0; i < applied.acks.size(); ++i) {
    pb::Envelope envelope;
    *envelope.mutable_ack() = std::move(applied.acks[i]);
    transport::send(results_, {senders[i], transport::encode(envelope)});
  }
  probe_.retracted += applied.retractions.size();
  // Withdrawn statements first, then the ones that replace them: a subscriber's copy goes
  // through the same states as the database.
  applied.retractions.insert(applied.retractions.end(),
                             std::make_move_iterator(applied.updates.begin()),
                             std::make_move_iterator(applied.updates.end()));
  for (auto& update : applied.retractions) {
    // Its speaker's topic, then the roll-up's: one encoding, sent once per topic.
    const auto topics = topics_of(update);
    pb::Envelope envelope;
    *envelope.mutable_actor_update() = std::move(update);
    const std::string frame = transport::encode(envelope);
    for (const auto& topic : topics) transport::send(updates_, {topic, frame});
    ++probe_.updates_published;
  }
  return true;
}

}  // namespace quotewire::sink
