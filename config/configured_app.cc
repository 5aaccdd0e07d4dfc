#include "config/configured_app.h"

#include <cstdlib>

namespace quotewire::config {

void ConfiguredApp::add_config_options() {
  for (CLI::App* command : get_subcommands({})) {
    command->add_option("--config", config_files_[command->get_name()],
                        "TOML configuration file (default: $QUOTEWIRE_CONFIG); flags override "
                        "it, QUOTEWIRE_* variables override both");
  }
}

std::string ConfiguredApp::config_file(const CLI::App& command) const {
  if (auto it = config_files_.find(command.get_name());
      it != config_files_.end() && !it->second.empty()) {
    return it->second;
  }
  const char* from_environment = std::getenv("QUOTEWIRE_CONFIG");
  return from_environment ? from_environment : "";
}

std::map<std::string, CommandSettings> ConfiguredApp::file_settings(const std::string& file) {
  if (file.empty()) return {};
  return read_toml(file, *this);
}

void ConfiguredApp::pre_callback() {
  for (CLI::App* command : get_subcommands()) {
    auto settings = file_settings(config_file(*command));
    apply(*command, settings[command->get_name()], read_environment(*command));
  }
}

}  // namespace quotewire::config
