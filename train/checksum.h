#pragma once
// The SHA-256 of a file, in hex, for the training manifests (which data made a model).

#include <string>

namespace quotewire::train {

// Throws std::runtime_error if the file cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace quotewire::train
