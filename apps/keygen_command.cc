// quotewire keygen NAME: a CURVE key pair for a role (NAME.key, private; NAME.pub, to share).
#include <fmt/format.h>

#include "apps/app.h"
#include "transport/security.h"

namespace quotewire::app {

void add_keygen_command(CLI::App& app) {
  auto name = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "keygen", "Write a CURVE key pair: NAME.key (keep secret) and NAME.pub (share)");
  cmd->add_option("name", *name, "path and base name, e.g. /etc/quotewire/broker")->required();
  cmd->callback([name] {
    const auto keys = transport::generate_key_pair();
    transport::write_key_files(*name, keys);
    fmt::print("wrote {0}.key (secret, mode 600) and {0}.pub\npublic key: {1}\n", *name,
               keys.public_key);
  });
}

}  // namespace quotewire::app
