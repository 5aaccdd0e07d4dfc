#include "sink/snapshot_server.h"

#include <spdlog/spdlog.h>

#include <variant>

#include "sink/updates.h"
#include "transport/envelope.h"
#include "transport/socket.h"

namespace quotewire::sink {

SnapshotServer::SnapshotServer(zmq::context_t& context, const std::string& endpoint,
                               std::string db_path, int64_t max_message_bytes,
                               const transport::ServerSecurity& security,
                               const transport::ZapHandler* zap)
    : socket_(transport::make_socket(context, zmq::socket_type::router,
                                     {.max_message_bytes = max_message_bytes})),
      db_path_(std::move(db_path)),
      zap_(zap) {
  // A snapshot is a burst of messages to one client: block (briefly) rather than drop when its
  // pipe is full.
  socket_.set(zmq::sockopt::sndhwm, 0);
  socket_.set(zmq::sockopt::sndtimeo, 5000);
  transport::secure_server(socket_, security, endpoint);
  endpoint_ = transport::bind(socket_, endpoint);
}

void SnapshotServer::run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    zmq::pollitem_t items[] = {{socket_.handle(), 0, ZMQ_POLLIN, 0}};
    zmq::poll(items, 1, std::chrono::milliseconds(100));
    while (auto frames = transport::receive(socket_)) {
      if (frames->size() != 2) continue;
      if (!transport::sender_allowed(zap_, (*frames)[1])) {
        reply(std::string(transport::view((*frames)[0])),
              transport::encode_reject(transport::kKeyRevoked));
        continue;
      }
      serve(std::string(transport::view((*frames)[0])), transport::view((*frames)[1]));
    }
  }
}

void SnapshotServer::reply(const std::string& client, const std::string& frame) {
  socket_.send(zmq::buffer(client), zmq::send_flags::sndmore);
  socket_.send(zmq::buffer(frame), zmq::send_flags::none);
}

void SnapshotServer::serve(const std::string& client, std::string_view frame) {
  auto decoded = transport::decode(frame);
  auto* envelope = std::get_if<pb::Envelope>(&decoded);
  if (!envelope || !envelope->has_snapshot_request()) {
    reply(client,
          transport::encode_reject(envelope ? "the snapshot endpoint takes snapshot requests only"
                                            : std::get<transport::DecodeError>(decoded).reason));
    return;
  }
  const auto& request = envelope->snapshot_request();
  try {
    Database db(db_path_, Database::Mode::read_only);
    // One read transaction: the updates and the end sequence come from the same state.
    db.exec("BEGIN");
    const uint64_t up_to = latest_sequence(db);
    uint64_t count = 0;
    read_updates(db, {.prefix = request.prefix(), .since = request.since(), .up_to = up_to},
                 [&](pb::ActorUpdate& update) {
                   pb::Envelope out;
                   *out.mutable_actor_update() = std::move(update);
                   reply(client, transport::encode(out));
                   ++count;
                 });
    db.exec("COMMIT");
    pb::Envelope end;
    end.mutable_snapshot_end()->set_sequence(std::max<uint64_t>(up_to, request.since()));
    end.mutable_snapshot_end()->set_updates(count);
    reply(client, transport::encode(end));
    spdlog::debug("sink: snapshot of {} update(s) after {} for prefix \"{}\"", count,
                  request.since(), request.prefix());
  } catch (const std::exception& e) {
    spdlog::error("sink: snapshot failed: {}", e.what());
    reply(client, transport::encode_reject(std::string("snapshot failed: ") + e.what()));
  }
}

}  // namespace quotewire::sink
