#include "producers/line_reader.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace quotewire::producers {
namespace {

constexpr size_t kChunk = 64 * 1024;

}  // namespace

LineReader::LineReader(std::string path, Position start, bool follow, std::string already_read)
    : path_(std::move(path)), follow_(follow), buffer_(std::move(already_read)), position_(start) {
  if (path_ == "-") {
    fd_ = STDIN_FILENO;
  } else {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), path_);
  }
  struct stat st {};
  is_regular_ = ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode);
  if (is_regular_ && start.offset > 0) ::lseek(fd_, start.offset, SEEK_SET);
}

LineReader::~LineReader() {
  if (fd_ > STDIN_FILENO) ::close(fd_);
}

bool LineReader::fill() {
  if (!is_regular_) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) return false;
  }
  if (consumed_ > 0) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  const size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  ssize_t n;
  do {
    n = ::read(fd_, buffer_.data() + old, kChunk);
  } while (n < 0 && errno == EINTR);
  buffer_.resize(old + static_cast<size_t>(std::max<ssize_t>(n, 0)));
  if (n == 0) eof_ = true;
  return n > 0;
}

void LineReader::reopen_if_replaced() {
  struct stat now {
  }, open{};
  if (::stat(path_.c_str(), &now) != 0 || ::fstat(fd_, &open) != 0) return;
  const bool rotated = now.st_ino != open.st_ino || now.st_dev != open.st_dev;
  const bool truncated = !rotated && now.st_size < position_.offset;
  if (!rotated && !truncated) return;
  if (rotated) {
    const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;  // replaced by something unreadable: keep waiting
    ::close(fd_);
    fd_ = fd;
  } else {
    ::lseek(fd_, 0, SEEK_SET);
  }
  buffer_.clear();
  consumed_ = 0;
  position_ = {};
  restarted_ = true;
}

LineReader::Status LineReader::next(Line& out) {
  while (true) {
    const size_t newline = buffer_.find('\n', consumed_);
    if (newline != std::string::npos) {
      out.text.assign(buffer_, consumed_, newline - consumed_);
      position_.offset += static_cast<int64_t>(newline + 1 - consumed_);
      ++position_.line;
      out.after = position_;
      consumed_ = newline + 1;
      return Status::line;
    }
    eof_ = false;
    if (fill()) continue;
    if (!eof_) return Status::waiting;  // a pipe with nothing to read yet
    if (follow_ && is_regular_) {
      reopen_if_replaced();
      return Status::waiting;
    }
    if (consumed_ < buffer_.size()) {  // the last line, without its newline
      out.text.assign(buffer_, consumed_);
      position_.offset += static_cast<int64_t>(buffer_.size() - consumed_);
      ++position_.line;
      out.after = position_;
      consumed_ = buffer_.size();
      return Status::line;
    }
    return Status::end;
  }
}

}  // namespace quotewire::producers
