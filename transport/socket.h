#pragma once
// Socket set-up and multipart send/receive with the options every role needs set explicitly:
// linger (the default is infinite: shutdown would hang), a size limit, a routing id.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <zmq.hpp>

namespace quotewire::transport {

struct SocketOptions {
  int linger_ms = 0;
  int64_t max_message_bytes = 16 << 20;  // ZMQ_MAXMSGSIZE: bigger messages drop the peer
  std::string routing_id;                // DEALER: stable identity, so replies find us again
  bool router_mandatory = false;         // ROUTER: fail loudly when the peer is gone
  bool router_handover = false;          // ROUTER: a reconnecting peer takes over its routing id
  int high_water_mark = 10000;
};

zmq::socket_t make_socket(zmq::context_t& context, zmq::socket_type type,
                          const SocketOptions& options);

// Binds and returns the endpoint actually bound (resolves "tcp://127.0.0.1:*").
std::string bind(zmq::socket_t& socket, const std::string& endpoint);

// All frames of the next message, or nothing when none is waiting.
std::optional<std::vector<zmq::message_t>> receive(zmq::socket_t& socket);

// Sends frames as one message without blocking; false when it would block or the peer is
// unreachable (ROUTER_MANDATORY).
bool send(zmq::socket_t& socket, const std::vector<std::string_view>& frames);

inline std::string_view view(const zmq::message_t& frame) {
  return {static_cast<const char*>(frame.data()), frame.size()};
}

// True for endpoints that cannot be reached from another host (loopback, ipc, inproc).
bool is_local_endpoint(std::string_view endpoint);

}  // namespace quotewire::transport
