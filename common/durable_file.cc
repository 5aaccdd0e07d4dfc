#include "common/durable_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace quotewire::common {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const char* what, const fs::path& path, int error) {
  throw DurableFileError(fmt::format("cannot {} {}: {}", what, path.string(), strerror(error)));
}

void sync_and_close(int fd, const fs::path& path) {
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) fail("sync", path, error);
}

}  // namespace

void write_durably(const fs::path& path, std::string_view content) {
  const fs::path temp = path.string() + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("create", temp, errno);
  for (size_t done = 0; done < content.size();) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      fail("write", temp, error);
    }
    done += static_cast<size_t>(n);
  }
  sync_and_close(fd, temp);
  if (::rename(temp.c_str(), path.c_str()) != 0) fail("replace", path, errno);
  // The rename is durable only once the directory entry is.
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) fail("open", dir, errno);
  sync_and_close(dir_fd, dir);
}

}  // namespace quotewire::common
