#include "tests/support/process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>

namespace quotewire::testing {

Process::Process(const std::vector<std::string>& args, const std::filesystem::path& log_file,
                 const std::filesystem::path& stdout_file, const std::string& program) {
  std::vector<std::string> argv_storage{program.empty() ? QUOTEWIRE_BINARY : program};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
    }
    if (!stdout_file.empty()) {
      const int out = open(stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (out >= 0) dup2(out, STDOUT_FILENO);
    }
    // The child must not inherit the test's blocked signals (quotewire blocks its own).
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    std::vector<char*> argv;
    for (auto& a : argv_storage) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
}

Process::~Process() {
  if (running()) {
    kill(pid_, SIGKILL);
    wait(std::chrono::seconds(5));
  }
}

void Process::signal(int sig) const {
  kill(pid_, sig);
}

bool Process::running() {
  if (status_ != -1) return false;
  int status = 0;
  const pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == 0) return true;
  status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return false;
}

int Process::wait(std::chrono::milliseconds timeout) {
  if (!wait_until([this] { return !running(); }, timeout, std::chrono::milliseconds(10))) {
    return -1;
  }
  return status_;
}

// Ports the kernel hands out for bind(0) are the same ones it uses as source ports of outgoing
// connections, so under load another test's connect could take one between our pick and the
// role's bind. A random port below the ephemeral range (32768+ on Linux) avoids that race; the
// set keeps one process from handing out the same port twice.
int free_port() {
  static std::mutex mutex;
  static std::set<int> handed_out;
  static std::mt19937 random{std::random_device{}()};
  std::uniform_int_distribution<int> below_ephemeral(20000, 32000);
  const std::lock_guard lock(mutex);
  for (;;) {
    const int port = below_ephemeral(random);
    if (handed_out.contains(port)) continue;
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    const bool bound = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    if (bound) {
      handed_out.insert(port);
      return port;
    }
  }
}

std::string tcp_endpoint(int port) {
  return tcp_endpoint("127.0.0.1", port);
}

std::string tcp_endpoint(const std::string& host, int port) {
  return "tcp://" + host + ":" + std::to_string(port);
}

TempDir::TempDir() {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() /
          ("quotewire-test-" + std::to_string(getpid()) + "-" + std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout,
                std::chrono::milliseconds step) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(step);
  }
  return true;
}

int run_quotewire(const std::vector<std::string>& args, std::string* out, std::string* err,
                  std::chrono::milliseconds timeout) {
  TempDir dir;
  Process process(args, dir / "stderr.log", dir / "stdout.log");
  const int code = process.wait(timeout);
  if (out) *out = read_file(dir / "stdout.log");
  if (err) *err = read_file(dir / "stderr.log");
  return code;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace quotewire::testing
