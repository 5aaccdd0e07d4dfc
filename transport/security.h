#pragma once
// CurveZMQ for every socket that crosses hosts. Servers (broker, sink) hold a key pair and
// accept only clients whose public keys are listed (a ZAP handler checks each connection);
// clients (workers, producers, subscribers) hold their own key pair and authenticate the server
// by its public key. Without keys a role may bind only loopback, unless told --insecure.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <zmq.hpp>

namespace quotewire::transport {

struct CurveKeyPair {
  std::string public_key;  // Z85, 40 characters
  std::string secret_key;  // Z85, 40 characters; empty for a public-key-only file
};

// A new random key pair.
CurveKeyPair generate_key_pair();
// Writes `<base>.key` (both keys, mode 0600) and `<base>.pub` (the public key only).
void write_key_files(const std::string& base, const CurveKeyPair& keys);
// Reads a .key or .pub file; throws std::runtime_error naming the file and what is wrong.
CurveKeyPair read_key_file(const std::string& path);
// Public keys from a file (one key or .pub-style line each) or a directory of .pub files.
std::set<std::string> read_allowed_keys(const std::string& path);

// What a server role needs: its key pair and who may connect; or an explicit --insecure.
struct ServerSecurity {
  std::optional<CurveKeyPair> keys;
  std::set<std::string> allowed;  // client public keys
  // Where `allowed` came from: re-read while serving, so that revoking a key (removing it from
  // the file or directory) needs no restart. Empty: the list is fixed.
  std::string allowed_path;
  bool insecure = false;  // allow non-loopback binds without CURVE
};

// What a client needs to reach one server securely.
struct ClientSecurity {
  std::optional<CurveKeyPair> keys;  // the client's own pair
  std::string server_public_key;     // the server it trusts
};

// Makes `socket` a CURVE server (before bind), or refuses a non-loopback endpoint when there
// are no keys and no --insecure. Throws std::runtime_error with the reason.
void secure_server(zmq::socket_t& socket, const ServerSecurity& security,
                   const std::string& endpoint);
// Makes `socket` a CURVE client of the server (before connect); nothing when no keys.
void secure_client(zmq::socket_t& socket, const ClientSecurity& security);

// The ZAP handler of one context (zguide ch. 5 / RFC 27): accepts CURVE clients whose public
// key is allowed, refuses every other. Lives as long as the servers that use it.
//
// ZAP runs once per connection, so a key removed from the list would keep its open connection.
// Hence the handler names each client by its key (the messages' User-Id) and the servers ask
// `allows` about every message: a revoked client is refused from its next message on.
class ZapHandler {
 public:
  ZapHandler(zmq::context_t& context, std::set<std::string> allowed, std::string allowed_path);
  ~ZapHandler();

  // Whether the key that sent `message` is still allowed.
  bool allows(const zmq::message_t& message) const;
  // How many reloads have removed keys so far. A server whose socket sends without being asked
  // (the sink's PUB) watches it: its open connections never send the message `allows` checks.
  uint64_t revocations() const { return revocations_.load(std::memory_order_relaxed); }

 private:
  void serve(std::stop_token stop);
  void reload();

  zmq::socket_t socket_;
  mutable std::mutex mutex_;  // guards allowed_: read by the servers' threads
  std::set<std::string> allowed_;
  const std::string allowed_path_;
  std::string reload_error_;  // the last reload's, so that it is logged once
  std::atomic<uint64_t> revocations_{0};
  std::jthread thread_;
};

// Starts a ZAP handler when `security` has keys; nothing otherwise.
std::unique_ptr<ZapHandler> zap_for(zmq::context_t& context, const ServerSecurity& security);

// Whether a server should accept `message`: always without CURVE (no handler), else as the
// handler's allow-list says now.
bool sender_allowed(const ZapHandler* zap, const zmq::message_t& message);

// The reason given to a client refused that way.
inline constexpr const char* kKeyRevoked = "this client's key is no longer allowed";

}  // namespace quotewire::transport
