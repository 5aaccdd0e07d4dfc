// The CurveZMQ flags of the roles; apart from app.cc so that the extract-only build, which has no
// transport library, links without them.
#include <fmt/format.h>

#include "apps/app.h"

namespace quotewire::app {

void add_server_security_flags(CLI::App& command, SecurityFlags& flags) {
  command.add_option("--curve-key", flags.key, "this server's CURVE key pair (quotewire keygen)")
      ->check(CLI::ExistingFile)
      ->group("Security");
  command
      .add_option("--curve-allow", flags.allow,
                  "public keys of the clients allowed in: a file, or a directory of .pub files")
      ->check(CLI::ExistingPath)
      ->group("Security");
  command
      .add_flag("--insecure", flags.insecure,
                "serve a non-loopback address without CURVE (only on a network you trust)")
      ->group("Security");
}

void add_client_security_flags(CLI::App& command, SecurityFlags& flags, bool to_broker,
                               bool to_sink) {
  command.add_option("--curve-key", flags.key, "this client's CURVE key pair (quotewire keygen)")
      ->check(CLI::ExistingFile)
      ->group("Security");
  if (to_broker) {
    command.add_option("--broker-key", flags.broker_key, "the broker's public key file")
        ->check(CLI::ExistingFile)
        ->group("Security");
  }
  if (to_sink) {
    command.add_option("--sink-key", flags.sink_key, "the sink's public key file")
        ->check(CLI::ExistingFile)
        ->group("Security");
  }
}

transport::ServerSecurity load_server_security(const SecurityFlags& flags) {
  transport::ServerSecurity security;
  security.insecure = flags.insecure;
  if (flags.key.empty()) {
    if (!flags.allow.empty()) throw Failure{"--curve-allow needs --curve-key", 2};
    return security;
  }
  if (flags.allow.empty()) {
    throw Failure{"--curve-key needs --curve-allow: which clients may connect?", 2};
  }
  security.keys = transport::read_key_file(flags.key);
  security.allowed = transport::read_allowed_keys(flags.allow);
  security.allowed_path = flags.allow;
  return security;
}

transport::ClientSecurity load_client_security(const SecurityFlags& flags,
                                               const std::string& server_key_file) {
  transport::ClientSecurity security;
  if (flags.key.empty()) return security;
  if (server_key_file.empty()) {
    throw Failure{"--curve-key needs the server's public key (--broker-key / --sink-key)", 2};
  }
  security.keys = transport::read_key_file(flags.key);
  if (security.keys->secret_key.empty()) {
    throw Failure{fmt::format("{} has no secret-key (a .pub file was given)", flags.key), 2};
  }
  security.server_public_key = transport::read_key_file(server_key_file).public_key;
  return security;
}

}  // namespace quotewire::app
