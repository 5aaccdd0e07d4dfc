#pragma once
// The producers' versioned JSON state files (the publisher's checkpoint, the feed follower's
// state): read whole at start, written durably (common/durable_file.h) as they change.

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

namespace quotewire::producers {

// Reads `path` and hands its document to `load`. False when there is no file (a first run).
// Throws CheckpointError naming the file as `what` ("checkpoint", "feed state") when it cannot
// be read, has another version than `version`, or is damaged: not JSON, or `load` meets a
// missing or mistyped field.
bool read_state_file(const std::filesystem::path& path, std::string_view what, int version,
                     const std::function<void(const nlohmann::json&)>& load);

// Writes `fields` with "version" added, whole or not at all; `indent` < 0: one line. Throws
// CheckpointError.
void write_state_file(const std::filesystem::path& path, int version, nlohmann::json fields,
                      int indent = -1);

}  // namespace quotewire::producers
