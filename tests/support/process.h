#pragma once
// Test support: child processes of the quotewire binary, free loopback ports, temp dirs,
// waiting on conditions with a deadline. Every wait is bounded so a broken test fails, never
// hangs.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace quotewire::testing {

// A running `quotewire ...` child; killed (SIGKILL) on destruction if still running.
class Process {
 public:
  // stderr (and stdout, unless `stdout_file` is given) go to `log_file`. `program` is the
  // quotewire binary unless another is named.
  Process(const std::vector<std::string>& args, const std::filesystem::path& log_file,
          const std::filesystem::path& stdout_file = {}, const std::string& program = {});
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int sig) const;
  // Waits for exit; returns the exit code (128+signal when killed), or -1 on timeout.
  int wait(std::chrono::milliseconds timeout);
  bool running();

 private:
  pid_t pid_ = -1;
  int status_ = -1;
};

// A TCP port on 127.0.0.1 that was free a moment ago, below the kernel's ephemeral range.
int free_port();
std::string tcp_endpoint(int port);  // on 127.0.0.1
std::string tcp_endpoint(const std::string& host, int port);

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Polls `condition` every `step` until it holds or `timeout` passes.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout,
                std::chrono::milliseconds step = std::chrono::milliseconds(5));

// Runs `quotewire args...` to completion; returns its exit code (-1 on timeout) and fills
// `out` with its stdout and `err` with its stderr.
int run_quotewire(const std::vector<std::string>& args, std::string* out,
                  std::string* err = nullptr,
                  std::chrono::milliseconds timeout = std::chrono::seconds(120));

std::string read_file(const std::filesystem::path& path);

}  // namespace quotewire::testing
