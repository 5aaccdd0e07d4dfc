// quotewire config --print: the configuration each command would run with, merged from its
// defaults, the TOML file and the QUOTEWIRE_* environment, with where each value came from.
#include <iostream>

#include "apps/app.h"
#include "config/print.h"

namespace quotewire::app {

void add_config_command(config::ConfiguredApp& app) {
  struct Options {
    bool print = false;
    std::vector<std::string> commands;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "config", "Show the merged configuration (defaults, --config file, QUOTEWIRE_* variables)");
  cmd->add_flag("--print", options->print, "print it as TOML, each value with its origin")
      ->required();
  cmd->add_option("commands", options->commands, "only these commands (default: all)");
  cmd->callback([options, &app, cmd] {
    config::print_configuration(std::cout, app, options->commands, app.config_file(*cmd));
  });
}

}  // namespace quotewire::app
