#pragma once
// Small state files that must survive a crash whole: the publisher's checkpoint, the Kafka
// output's cursor. Written to a temporary file, fsync'ed, renamed over the old one, and the
// directory fsync'ed: after a crash the file holds the old content or the new, never a mix.

#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace quotewire::common {

class DurableFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws DurableFileError naming the file and the system's reason.
void write_durably(const std::filesystem::path& path, std::string_view content);

}  // namespace quotewire::common
