#pragma once
// `quotewire config --print`: the merged configuration of commands as TOML, each value with
// where it came from (default, file:line, environment variable), ready to save as a file.

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "config/configured_app.h"

namespace quotewire::config {

// Prints `commands` (all but `config` itself when empty) as they would run with `file` and
// the current environment, before command-line flags. Throws ConfigError.
void print_configuration(std::ostream& out, ConfiguredApp& root,
                         const std::vector<std::string>& commands, const std::string& file);

}  // namespace quotewire::config
