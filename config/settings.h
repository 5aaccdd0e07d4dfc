#pragma once
// quotewire's configuration layers, for every command alike: built-in defaults, then a TOML
// file (--config FILE, or QUOTEWIRE_CONFIG), then the command line, then QUOTEWIRE_* environment
// variables, each overriding the one before. Environment last so that a deployment (a unit
// file, a container) can override a command line baked into a script.
//
// The file has one table per command, keyed by the long option names:
//
//   [publish]
//   broker = "tcp://10.0.0.1:5555"
//   inputs = ["/srv/feeds"]
//   [publish.kafka]              # nested tables join with '-': kafka-brokers, kafka-topic
//   brokers = "kafka1:9092"
//   topic = ["news"]
//   [publish.kafka.property]     # a table for a key=value option: kafka-property
//   "security.protocol" = "SASL_SSL"
//
// Environment variables are QUOTEWIRE_<COMMAND>_<OPTION>, upper case, '-' as '_'
// (QUOTEWIRE_PUBLISH_BROKER, QUOTEWIRE_SINK_KAFKA_TOPIC); lists are comma-separated.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace quotewire::config {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A value from outside the command line, and where it came from ("file.toml:12", "QUOTEWIRE_X").
struct Setting {
  std::vector<std::string> values;
  std::string origin;
};
// Option name (long name without dashes, or a positional's name) → setting.
using CommandSettings = std::map<std::string, Setting>;

// Reads a TOML file into settings per command of `root`. Every table is checked, so a misspelt
// command or option is an error whichever command runs. Throws ConfigError naming the file
// and line.
std::map<std::string, CommandSettings> read_toml(const std::filesystem::path& path, CLI::App& root);

// The QUOTEWIRE_<COMMAND>_<OPTION> variables set for this command's options.
CommandSettings read_environment(CLI::App& command);
std::string environment_name(const CLI::App& command, const std::string& option);

// The names settings use for the command's options, in the command's order; --help and
// --config have none.
std::vector<std::pair<std::string, CLI::Option*>> configurable_options(CLI::App& command);

// Applies the file's settings to options the command line left unset, then the environment's
// to all. Throws ConfigError naming the origin of a value the option refuses.
void apply(CLI::App& command, const CommandSettings& file, const CommandSettings& environment);

}  // namespace quotewire::config
