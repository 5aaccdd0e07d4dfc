#include "transport/security.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <stdexcept>
#include <vector>

#include "transport/socket.h"

namespace quotewire::transport {
namespace {

const std::regex kKeyLine(
    R"re(^\s*(public-key|secret-key)\s*=\s*"([0-9A-Za-z.\-:+=^!/*?&<>()\[\]{}@%$#]{40})"\s*$)re");
const std::regex kBareKey(R"re(^\s*([0-9A-Za-z.\-:+=^!/*?&<>()\[\]{}@%$#]{40})\s*$)re");

}  // namespace

CurveKeyPair generate_key_pair() {
  char public_key[41], secret_key[41];
  if (zmq_curve_keypair(public_key, secret_key) != 0) {
    throw std::runtime_error("this libzmq cannot make CURVE keys (built without libsodium?)");
  }
  return {public_key, secret_key};
}

void write_key_files(const std::string& base, const CurveKeyPair& keys) {
  const std::string secret_path = base + ".key";
  const std::string public_path = base + ".pub";
  {
    // Created private from the start, not chmod-ed after the secret is already on disk.
    const mode_t old = umask(077);
    std::ofstream out(secret_path, std::ios::trunc);
    umask(old);
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", secret_path));
    out << "# quotewire CURVE key pair. Keep this file secret; share " << public_path << ".\n"
        << "public-key = \"" << keys.public_key << "\"\n"
        << "secret-key = \"" << keys.secret_key << "\"\n";
  }
  std::ofstream out(public_path, std::ios::trunc);
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", public_path));
  out << "# quotewire CURVE public key: list it in a server's --curve-allow file, or give it to\n"
      << "# clients as the server's key.\n"
      << "public-key = \"" << keys.public_key << "\"\n";
}

CurveKeyPair read_key_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(fmt::format("cannot read key file {}", path));
  CurveKeyPair keys;
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    std::smatch m;
    if (!std::regex_match(line, m, kKeyLine)) {
      throw std::runtime_error(
          fmt::format("{}:{}: not a key line (expected public-key = \"<40 "
                      "Z85 characters>\")",
                      path, line_number));
    }
    (m[1] == "public-key" ? keys.public_key : keys.secret_key) = m[2];
  }
  if (keys.public_key.empty()) throw std::runtime_error(fmt::format("{}: no public-key", path));
  return keys;
}

std::set<std::string> read_allowed_keys(const std::string& path) {
  std::set<std::string> keys;
  auto add_file = [&](const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error(fmt::format("cannot read {}", file.string()));
    for (std::string line; std::getline(in, line);) {
      std::smatch m;
      if (std::regex_match(line, m, kKeyLine) && m[1] == "public-key") {
        keys.insert(m[2]);
      } else if (std::regex_match(line, m, kBareKey)) {
        keys.insert(m[1]);
      }
    }
  };
  if (std::filesystem::is_directory(path)) {
    for (const auto& entry : std::filesystem::directory_iterator(path)) {
      if (entry.path().extension() == ".pub") add_file(entry.path());
    }
  } else {
    add_file(path);
  }
  if (keys.empty()) throw std::runtime_error(fmt::format("{}: no public keys in it", path));
  return keys;
}

void secure_server(zmq::socket_t& socket, const ServerSecurity& security,
                   const std::string& endpoint) {
  if (!security.keys) {
    if (is_local_endpoint(endpoint)) {
      spdlog::info("{}: no CURVE keys, so this role serves loopback/local endpoints only",
                   endpoint);
      return;
    }
    if (!security.insecure) {
      throw std::runtime_error(fmt::format(
          "refusing to serve {} without CURVE keys: other hosts could read and inject articles. "
          "Give --curve-key and --curve-allow (see quotewire keygen), or --insecure on a network "
          "you trust",
          endpoint));
    }
    spdlog::warn("{} is served WITHOUT encryption or authentication (--insecure)", endpoint);
    return;
  }
  if (security.keys->secret_key.empty()) {
    throw std::runtime_error("the server's key file has no secret-key (a .pub file was given)");
  }
  socket.set(zmq::sockopt::curve_server, 1);
  socket.set(zmq::sockopt::curve_secretkey, security.keys->secret_key);
  socket.set(zmq::sockopt::zap_domain, "quotewire");
}

void secure_client(zmq::socket_t& socket, const ClientSecurity& security) {
  if (!security.keys) return;
  if (security.server_public_key.empty()) {
    throw std::runtime_error("a CURVE client needs the server's public key");
  }
  socket.set(zmq::sockopt::curve_serverkey, security.server_public_key);
  socket.set(zmq::sockopt::curve_publickey, security.keys->public_key);
  socket.set(zmq::sockopt::curve_secretkey, security.keys->secret_key);
}

ZapHandler::ZapHandler(zmq::context_t& context, std::set<std::string> allowed,
                       std::string allowed_path)
    : socket_(context, zmq::socket_type::rep),
      allowed_(std::move(allowed)),
      allowed_path_(std::move(allowed_path)) {
  socket_.set(zmq::sockopt::linger, 0);
  socket_.bind("inproc://zeromq.zap.01");
  thread_ = std::jthread([this](std::stop_token stop) { serve(stop); });
}

ZapHandler::~ZapHandler() {
  thread_.request_stop();
  thread_.join();
}

bool ZapHandler::allows(const zmq::message_t& message) const {
  // zmq_msg_gets, not message_t::gets: that throws where the property is missing.
  const char* key = zmq_msg_gets(message.handle(), "User-Id");
  if (key == nullptr) return false;
  std::lock_guard lock(mutex_);
  return allowed_.contains(key);
}

void ZapHandler::reload() {
  std::set<std::string> keys;
  try {
    keys = read_allowed_keys(allowed_path_);
  } catch (const std::exception& e) {
    // A half-written or emptied file must not lock every client out (nor let anyone in).
    if (e.what() != reload_error_) {  // once, not every second while it stays so
      reload_error_ = e.what();
      spdlog::error("cannot reload the allowed keys, keeping the ones from before: {}",
                    reload_error_);
    }
    return;
  }
  reload_error_.clear();
  std::lock_guard lock(mutex_);
  if (keys == allowed_) return;
  std::vector<std::string> removed;
  std::set_difference(allowed_.begin(), allowed_.end(), keys.begin(), keys.end(),
                      std::back_inserter(removed));
  spdlog::warn("allowed keys reloaded from {}: {} key(s), {} added, {} removed{}{}", allowed_path_,
               keys.size(), keys.size() + removed.size() - allowed_.size(), removed.size(),
               removed.empty() ? "" : ": ", fmt::join(removed, ", "));
  allowed_ = std::move(keys);
  if (!removed.empty()) revocations_.fetch_add(1, std::memory_order_relaxed);
}

void ZapHandler::serve(std::stop_token stop) {
  constexpr int64_t kReloadEveryMs = 1000;  // a few small files: cheap to read
  auto next_reload = std::chrono::steady_clock::now();
  while (!stop.stop_requested()) {
    if (!allowed_path_.empty() && std::chrono::steady_clock::now() >= next_reload) {
      reload();
      next_reload = std::chrono::steady_clock::now() + std::chrono::milliseconds(kReloadEveryMs);
    }
    zmq::pollitem_t items[] = {{socket_.handle(), 0, ZMQ_POLLIN, 0}};
    zmq::poll(items, 1, std::chrono::milliseconds(100));
    auto frames = receive(socket_);
    if (!frames) continue;
    // RFC 27 request: version, request id, domain, address, identity, mechanism, credentials.
    const auto& f = *frames;
    const std::string request_id = f.size() > 1 ? std::string(view(f[1])) : "";
    const std::string address = f.size() > 3 ? std::string(view(f[3])) : "?";
    bool ok = false;
    std::string client_key;
    if (f.size() >= 7 && view(f[0]) == "1.0" && view(f[5]) == "CURVE" && f[6].size() == 32) {
      char z85[41];
      zmq_z85_encode(z85, static_cast<const uint8_t*>(f[6].data()), 32);
      client_key = z85;
      std::lock_guard lock(mutex_);
      ok = allowed_.contains(client_key);
    }
    if (!ok) {
      spdlog::warn("refused a connection from {} (key {}): not in the allowed keys", address,
                   client_key.empty() ? "none" : client_key);
    }
    // Views into strings that outlive the send (a ?: of string and "" would be a temporary).
    const std::string user_id = ok ? client_key : std::string();
    send(socket_, {"1.0", request_id, ok ? "200" : "400", ok ? "OK" : "client key not allowed",
                   user_id, ""});
  }
}

std::unique_ptr<ZapHandler> zap_for(zmq::context_t& context, const ServerSecurity& security) {
  if (!security.keys) return nullptr;
  return std::make_unique<ZapHandler>(context, security.allowed, security.allowed_path);
}

bool sender_allowed(const ZapHandler* zap, const zmq::message_t& message) {
  return zap == nullptr || zap->allows(message);
}

}  // namespace quotewire::transport
