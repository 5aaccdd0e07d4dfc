#pragma once
// New files in watched directories (inotify), polled without blocking. A file counts once it
// is complete: closed after writing, or moved in (write elsewhere, then rename, is the safe
// way to drop files in). Subdirectories, also ones created later, are watched too.

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace quotewire::producers {

class DirectoryWatch {
 public:
  DirectoryWatch();
  ~DirectoryWatch();
  DirectoryWatch(const DirectoryWatch&) = delete;
  DirectoryWatch& operator=(const DirectoryWatch&) = delete;

  // Watches `dir` and its subdirectories. Throws std::system_error when it cannot.
  void add(const std::filesystem::path& dir);
  // Files completed since the last call, in name order; hidden files (".name") left out.
  std::vector<std::string> poll();

 private:
  int fd_ = -1;
  std::unordered_map<int, std::filesystem::path> dirs_;  // watch descriptor → directory
};

}  // namespace quotewire::producers
