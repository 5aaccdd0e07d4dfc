#include "producers/state_file.h"

#include <fmt/format.h>

#include <fstream>
#include <iterator>

#include "common/durable_file.h"
#include "producers/checkpoint.h"

namespace quotewire::producers {

bool read_state_file(const std::filesystem::path& path, std::string_view what, int version,
                     const std::function<void(const nlohmann::json&)>& load) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code error;
    if (std::filesystem::exists(path, error)) {
      throw CheckpointError(fmt::format("cannot read {} {}", what, path.string()));
    }
    return false;
  }
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  try {
    const auto doc = nlohmann::json::parse(text);
    if (doc.value("version", 0) != version) {
      throw CheckpointError(fmt::format("{} {} has version {}, expected {}", what, path.string(),
                                        doc.value("version", 0), version));
    }
    load(doc);
  } catch (const nlohmann::json::exception& e) {
    throw CheckpointError(fmt::format("{} {} is damaged ({}); remove it to start over", what,
                                      path.string(), e.what()));
  }
  return true;
}

void write_state_file(const std::filesystem::path& path, int version, nlohmann::json fields,
                      int indent) {
  fields["version"] = version;
  const std::string text =
      fields.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  try {
    common::write_durably(path, text);
  } catch (const common::DurableFileError& e) {
    throw CheckpointError(e.what());
  }
}

}  // namespace quotewire::producers
