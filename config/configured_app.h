#pragma once
// The root of quotewire's command line: every command gets --config FILE, and before a command
// runs, its options are completed from that file and overridden from the environment, as
// config/settings.h describes. A CLI::App subclass because CLI11's own config support gives
// the command line the last word, and the environment must have it here.

#include <CLI/CLI.hpp>
#include <map>
#include <string>

#include "config/settings.h"

namespace quotewire::config {

class ConfiguredApp : public CLI::App {
 public:
  using CLI::App::App;

  // Adds --config to every command; call once all commands are added.
  void add_config_options();
  // The file `command` reads: its --config, else QUOTEWIRE_CONFIG; empty when neither is set.
  std::string config_file(const CLI::App& command) const;
  // The file's settings per command, checked against every command (empty without a file).
  std::map<std::string, CommandSettings> file_settings(const std::string& file);

 protected:
  // After parsing, before any command's callback: the moment to add the other layers.
  void pre_callback() override;

 private:
  std::map<std::string, std::string> config_files_;  // command name → its --config
};

}  // namespace quotewire::config
