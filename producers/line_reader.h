#pragma once
// Lines of a file, a pipe or stdin with the byte offset after each, never blocking: the
// publisher reads between polling for acknowledgements, so a quiet pipe or a file that has not
// grown yet must not stall it. Following a file (tail -F) survives truncation and rotation.

#include <cstdint>
#include <filesystem>
#include <string>

#include "producers/ack_ledger.h"

namespace quotewire::producers {

class LineReader {
 public:
  enum class Status { line, waiting, end };
  struct Line {
    std::string text;  // without the newline
    Position after;    // offset past the newline, and this line's number (1-based)
  };

  // Reads `path` from `start` ("-" is stdin). With `follow`, the end of a regular file is
  // "waiting": more may be appended, and a file replaced under the same name is read anew.
  // `already_read`: bytes the caller took from the input before (stdin sniffing).
  // Throws std::system_error when the file cannot be opened.
  LineReader(std::string path, Position start, bool follow, std::string already_read = {});
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next complete line (a final line without a newline counts at the end of the input,
  // unless following: its writer may not have finished it).
  Status next(Line& out);
  // Set when following reopened the file from the start (rotated or truncated).
  bool restarted() {
    const bool r = restarted_;
    restarted_ = false;
    return r;
  }

 private:
  // Reads what is available into the buffer; false at the end or when nothing is ready.
  bool fill();
  void reopen_if_replaced();

  std::string path_;
  int fd_ = -1;
  bool is_regular_ = false;
  bool follow_;
  bool eof_ = false;
  bool restarted_ = false;
  std::string buffer_;
  size_t consumed_ = 0;  // of buffer_
  Position position_;    // after the last line returned
};

}  // namespace quotewire::producers
