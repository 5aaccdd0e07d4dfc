#include "config/print.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cctype>

namespace quotewire::config {
namespace {

bool is_number(const std::string& s) {
  if (s.empty()) return false;
  size_t used = 0;
  try {
    std::stod(s, &used);
  } catch (const std::exception&) {
    return false;
  }
  return used == s.size() && !std::isalpha(static_cast<unsigned char>(s.back()));
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A TOML value: numbers and booleans bare when the option is numeric or a flag, else strings.
std::string toml_value(const CLI::Option& option, const std::string& value) {
  const bool flag = option.get_expected_min() == 0;
  const std::string type = option.get_type_name();
  if (flag && (value == "true" || value == "false")) return value;
  // Type names carry validators after them: "UINT:INT in [1 - 100000]".
  const bool numeric =
      type.starts_with("INT") || type.starts_with("UINT") || type.starts_with("FLOAT");
  if (numeric && is_number(value)) return value;
  return quoted(value);
}

std::vector<std::string> default_values(const CLI::Option& option) {
  std::string text = option.get_default_str();
  if (text.empty() && option.get_expected_min() == 0) return {"false"};  // a flag not given
  if (text.empty()) return {};
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    std::vector<std::string> out;
    for (auto& item : CLI::detail::split(text.substr(1, text.size() - 2), ',')) {
      if (!item.empty()) out.push_back(item);
    }
    return out;
  }
  return {text};
}

}  // namespace

void print_configuration(std::ostream& out, ConfiguredApp& root,
                         const std::vector<std::string>& commands, const std::string& file) {
  auto settings = root.file_settings(file);
  fmt::print(out,
             "# quotewire configuration: defaults, then {}, then QUOTEWIRE_* variables.\n"
             "# Flags on a command line override the file; the variables override both.\n",
             file.empty() ? "no file" : file);
  for (CLI::App* command : root.get_subcommands({})) {
    const std::string& name = command->get_name();
    if (name == "config") continue;
    if (!commands.empty() && std::find(commands.begin(), commands.end(), name) == commands.end()) {
      continue;
    }
    const auto environment = read_environment(*command);
    fmt::print(out, "\n[{}]\n", name);
    for (const auto& [option_name, option] : configurable_options(*command)) {
      std::vector<std::string> values = default_values(*option);
      std::string from = "default";
      if (auto it = environment.find(option_name); it != environment.end()) {
        values = it->second.values;
        from = it->second.origin;
      } else if (auto in_file = settings[name].find(option_name); in_file != settings[name].end()) {
        values = in_file->second.values;
        from = in_file->second.origin;
      }
      if (values.empty()) {
        fmt::print(out, "# {} = (not set)\n", option_name);
        continue;
      }
      std::string value;
      if (values.size() == 1 && option->get_items_expected_max() <= 1) {
        value = toml_value(*option, values.front());
      } else {
        for (const auto& v : values) value += (value.empty() ? "" : ", ") + toml_value(*option, v);
        value = "[" + value + "]";
      }
      fmt::print(out, "{:<44} # {}\n", fmt::format("{} = {}", option_name, value), from);
    }
  }
}

}  // namespace quotewire::config
