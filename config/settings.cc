#include "config/settings.h"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace quotewire::config {
namespace fs = std::filesystem;
namespace {

std::string origin(const fs::path& path, const toml::source_region& where) {
  return fmt::format("{}:{}", path.string(), where.begin.line);
}

// TOML keys may spell option names with '_' (retry_ms) as well as '-' (retry-ms).
std::string option_key(std::string_view key) {
  std::string out(key);
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

std::string scalar(const toml::node& node, const std::string& where) {
  if (auto s = node.value<std::string>()) return *s;
  if (node.is_boolean()) return *node.value<bool>() ? "true" : "false";
  if (node.is_integer()) return std::to_string(*node.value<int64_t>());
  if (node.is_floating_point()) return fmt::format("{}", *node.value<double>());
  throw ConfigError(
      fmt::format("{}: expected a string, number or boolean, a list of them, or a table", where));
}

bool takes_several(const CLI::Option* option) {
  return option->get_items_expected_max() > 1 || option->get_expected_max() > 1;
}

using Options = std::vector<std::pair<std::string, CLI::Option*>>;

const CLI::Option* find(const Options& options, const std::string& name) {
  for (const auto& [n, option] : options) {
    if (n == name) return option;
  }
  return nullptr;
}

// One command's table: keys are options; a nested table is either a key=value option's items
// ([publish.kafka.property]) or a group whose keys join with '-' ([publish.kafka] topic = ...
// is kafka-topic).
void read_table(const toml::table& table, const std::string& prefix, const fs::path& path,
                const std::string& command, const Options& options, CommandSettings& out) {
  for (auto&& [key, node] : table) {
    const std::string name = prefix + option_key(key.str());
    const std::string where = origin(path, key.source());
    const CLI::Option* option = find(options, name);
    Setting setting{.origin = where};
    if (const auto* nested = node.as_table()) {
      if (option && takes_several(option)) {
        for (auto&& [item_key, item] : *nested) {
          setting.values.push_back(fmt::format("{}={}", item_key.str(), scalar(item, where)));
        }
        out[name] = std::move(setting);
        continue;
      }
      const bool group = std::any_of(options.begin(), options.end(), [&](const auto& o) {
        return o.first.starts_with(name + "-");
      });
      if (!group) {
        throw ConfigError(fmt::format("{}: [{}] has no settings \"{}-...\"", where, command, name));
      }
      read_table(*nested, name + "-", path, command, options, out);
      continue;
    }
    if (!option) {
      throw ConfigError(fmt::format("{}: [{}] has no setting \"{}\"", where, command, name));
    }
    if (const auto* array = node.as_array()) {
      for (const auto& item : *array) setting.values.push_back(scalar(item, where));
    } else {
      setting.values.push_back(scalar(node, where));
    }
    out[name] = std::move(setting);
  }
}

std::vector<std::string> split_list(const std::string& value) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(value);
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace

std::map<std::string, CommandSettings> read_toml(const fs::path& path, CLI::App& root) {
  toml::table document;
  try {
    document = toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    throw ConfigError(
        fmt::format("{}:{}:{}: {}", path.string(), where.line, where.column, e.description()));
  }
  std::map<std::string, CommandSettings> out;
  for (auto&& [key, node] : document) {
    const std::string name(key.str());
    const auto* table = node.as_table();
    if (!table) {
      throw ConfigError(
          fmt::format("{}: \"{}\" must be a [command] table (settings belong to "
                      "a command: [publish], [sink], ...)",
                      origin(path, key.source()), name));
    }
    CLI::App* command = nullptr;
    try {
      command = root.get_subcommand(name);
    } catch (const CLI::OptionNotFound&) {
      throw ConfigError(
          fmt::format("{}: there is no command \"{}\"", origin(path, key.source()), name));
    }
    read_table(*table, "", path, name, configurable_options(*command), out[name]);
  }
  return out;
}

std::vector<std::pair<std::string, CLI::Option*>> configurable_options(CLI::App& command) {
  std::vector<std::pair<std::string, CLI::Option*>> out;
  for (CLI::Option* option : command.get_options()) {
    std::string name;
    if (!option->get_lnames().empty()) {
      name = option->get_lnames().front();
    } else if (option->get_positional()) {
      name = option->get_single_name();
    }
    if (name.empty() || name == "help" || name == "help-all" || name == "config") continue;
    out.emplace_back(name, option);
  }
  return out;
}

std::string environment_name(const CLI::App& command, const std::string& option) {
  std::string name = "QUOTEWIRE_" + command.get_name() + "_" + option;
  for (char& c : name)
    c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

CommandSettings read_environment(CLI::App& command) {
  CommandSettings out;
  for (const auto& [name, option] : configurable_options(command)) {
    const std::string variable = environment_name(command, name);
    const char* value = std::getenv(variable.c_str());
    if (!value) continue;
    Setting setting{.origin = variable};
    if (takes_several(option)) {
      setting.values = split_list(value);
    } else {
      setting.values.emplace_back(value);
    }
    out[name] = std::move(setting);
  }
  return out;
}

void apply(CLI::App& command, const CommandSettings& file, const CommandSettings& environment) {
  for (const auto& [name, option] : configurable_options(command)) {
    const Setting* setting = nullptr;
    if (auto it = environment.find(name); it != environment.end()) {
      setting = &it->second;
    } else if (auto it_file = file.find(name); it_file != file.end() && option->count() == 0) {
      setting = &it_file->second;
    }
    if (!setting) continue;
    try {
      option->clear();
      option->add_result(setting->values);
      option->run_callback();
    } catch (const CLI::Error& e) {
      throw ConfigError(fmt::format("{}: {}: {}", setting->origin, name, e.what()));
    }
  }
}

}  // namespace quotewire::config
