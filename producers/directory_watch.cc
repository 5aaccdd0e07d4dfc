#include "producers/directory_watch.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace quotewire::producers {
namespace fs = std::filesystem;

DirectoryWatch::DirectoryWatch() : fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "inotify");
}

DirectoryWatch::~DirectoryWatch() {
  ::close(fd_);
}

void DirectoryWatch::add(const fs::path& dir) {
  const int wd =
      inotify_add_watch(fd_, dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ONLYDIR);
  if (wd < 0) throw std::system_error(errno, std::generic_category(), dir.string());
  dirs_[wd] = dir;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (entry.is_directory(error)) add(entry.path());
  }
}

std::vector<std::string> DirectoryWatch::poll() {
  std::vector<std::string> found;
  alignas(inotify_event) char buffer[64 * 1024];
  while (true) {
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n <= 0) break;  // EAGAIN: nothing more for now
    for (ssize_t i = 0; i < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + i);
      i += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      const auto dir = dirs_.find(event->wd);
      if (dir == dirs_.end() || event->len == 0) continue;
      const std::string name = event->name;
      if (name.starts_with(".")) continue;
      const fs::path path = dir->second / name;
      if (event->mask & IN_ISDIR) {
        // A new subdirectory: watch it, and take the files that landed before the watch did.
        if (event->mask & (IN_CREATE | IN_MOVED_TO)) {
          std::error_code error;
          add(path);
          for (const auto& entry : fs::recursive_directory_iterator(path, error)) {
            if (entry.is_regular_file(error) &&
                !entry.path().filename().string().starts_with(".")) {
              found.push_back(entry.path().string());
            }
          }
        }
        continue;
      }
      if (event->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) found.push_back(path.string());
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

}  // namespace quotewire::producers
