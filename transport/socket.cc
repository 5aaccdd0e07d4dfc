#include "transport/socket.h"

namespace quotewire::transport {

zmq::socket_t make_socket(zmq::context_t& context, zmq::socket_type type,
                          const SocketOptions& options) {
  zmq::socket_t socket(context, type);
  socket.set(zmq::sockopt::linger, options.linger_ms);
  socket.set(zmq::sockopt::maxmsgsize, options.max_message_bytes);
  socket.set(zmq::sockopt::sndhwm, options.high_water_mark);
  socket.set(zmq::sockopt::rcvhwm, options.high_water_mark);
  if (!options.routing_id.empty()) socket.set(zmq::sockopt::routing_id, options.routing_id);
  if (options.router_mandatory) socket.set(zmq::sockopt::router_mandatory, 1);
  if (options.router_handover) socket.set(zmq::sockopt::router_handover, 1);
  return socket;
}

std::string bind(zmq::socket_t& socket, const std::string& endpoint) {
  socket.bind(endpoint);
  return socket.get(zmq::sockopt::last_endpoint);
}

std::optional<std::vector<zmq::message_t>> receive(zmq::socket_t& socket) {
  std::vector<zmq::message_t> frames;
  while (true) {
    zmq::message_t frame;
    auto got =
        socket.recv(frame, frames.empty() ? zmq::recv_flags::dontwait : zmq::recv_flags::none);
    if (!got) return std::nullopt;
    const bool more = frame.more();
    frames.push_back(std::move(frame));
    if (!more) return frames;
  }
}

bool send(zmq::socket_t& socket, const std::vector<std::string_view>& frames) {
  try {
    for (size_t i = 0; i < frames.size(); ++i) {
      auto flags = zmq::send_flags::dontwait;
      if (i + 1 < frames.size()) flags = flags | zmq::send_flags::sndmore;
      if (!socket.send(zmq::buffer(frames[i].data(), frames[i].size()), flags)) return false;
    }
    return true;
  } catch (const zmq::error_t& e) {
    if (e.num() == EHOSTUNREACH) return false;
    throw;
  }
}

bool is_local_endpoint(std::string_view endpoint) {
  if (endpoint.starts_with("ipc://") || endpoint.starts_with("inproc://")) return true;
  for (std::string_view host : {"tcp://127.", "tcp://localhost:", "tcp://[::1]:"}) {
    if (endpoint.starts_with(host)) return true;
  }
  return false;
}

}  // namespace quotewire::transport
