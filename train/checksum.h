#pragma once
// SHA-256 in hex, for the training manifests (which data made a model).

#include <string>
#include <string_view>

namespace quotewire::train {

std::string sha256_hex(std::string_view bytes);
// Throws std::runtime_error if the file cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace quotewire::train
