#include "tests/support/postgres.h"

#include <fmt/format.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace quotewire::testing {
namespace {

void run(const std::string& command, const std::filesystem::path& log) {
  if (std::system(fmt::format("{} >>{} 2>&1", command, log.string()).c_str()) != 0) {
    throw std::runtime_error(
        fmt::format("failed: {}\n{}", command, quotewire::testing::read_file(log)));
  }
}

}  // namespace

std::string PostgresServer::binaries() {
  if (const char* bin = std::getenv("QUOTEWIRE_PG_BIN")) return bin;
  std::string newest;
  int newest_version = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", error)) {
    const int version = std::atoi(entry.path().filename().c_str());
    if (version > newest_version && std::filesystem::exists(entry.path() / "bin" / "pg_ctl")) {
      newest_version = version;
      newest = (entry.path() / "bin").string();
    }
  }
  return newest;
}

PostgresServer::PostgresServer(std::chrono::seconds deadline) : bin_(binaries()) {
  if (bin_.empty()) throw std::runtime_error("PostgreSQL is not installed");
  if (geteuid() == 0) {
    const passwd* postgres = getpwnam("postgres");
    if (!postgres) throw std::runtime_error("root, and no postgres user to run initdb as");
    std::filesystem::permissions(dir_.path(), std::filesystem::perms::owner_all);
    if (chown(dir_.path().c_str(), postgres->pw_uid, postgres->pw_gid) != 0) {
      throw std::runtime_error("cannot hand the server's folder to the postgres user");
    }
  }
  const auto data = dir_ / "data";
  const auto log = dir_ / "setup.log";
  stop_command_ =
      as_owner(fmt::format("{}/pg_ctl -D {} stop -m immediate -w", bin_, data.string()));
  run(as_owner(fmt::format("{}/initdb -D {} -A trust -U postgres -E UTF8 --locale=C --no-sync",
                           bin_, data.string())),
      log);
  // The watchdog stops the server when this process is gone or the deadline has passed. A shell,
  // exec'd at once (nothing else is safe after fork in a process that may have threads), its
  // output away from the test's so that a runner reading that does not wait for it.
  const std::string script = fmt::format(
      "exec >/dev/null 2>&1; end=$(($(date +%s) + {})); "
      "while [ $(date +%s) -lt $end ] && kill -0 {}; do sleep 1; done; {}",
      deadline.count(), getpid(), stop_command_);
  watchdog_ = fork();
  if (watchdog_ == 0) {
    execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  try {
    start();
  } catch (...) {
    shut_down();
    throw;
  }
}

void PostgresServer::start() {
  if (running_) return;
  running_ = true;  // stopped from here on, whatever happens
  run(as_owner(fmt::format("{}/pg_ctl -D {} -l {} -w -t 60 -o \"-k {} -c listen_addresses='' "
                           "-c fsync=off -c full_page_writes=off\" start",
                           bin_, (dir_ / "data").string(), (dir_ / "server.log").string(),
                           dir_.path().string())),
      dir_ / "setup.log");
}

PostgresServer::~PostgresServer() {
  shut_down();
}

void PostgresServer::shut_down() {
  stop();
  if (watchdog_ > 0) {
    kill(watchdog_, SIGKILL);
    waitpid(watchdog_, nullptr, 0);
    watchdog_ = -1;
  }
}

void PostgresServer::stop() {
  if (!running_) return;
  running_ = false;
  std::system(fmt::format("{} >/dev/null 2>&1", stop_command_).c_str());
}

std::string PostgresServer::as_owner(const std::string& command) const {
  return geteuid() == 0 ? "runuser -u postgres -- " + command : command;
}

std::string PostgresServer::uri(const std::string& database) const {
  return fmt::format("postgresql://postgres@/{}?host={}", database, dir_.path().string());
}

void PostgresServer::run_sql(const std::string& uri, const std::string& sql) {
  // From a file: no shell quoting of the SQL's own quotes and dollars.
  const auto file = dir_ / "statement.sql";
  std::ofstream(file) << sql;
  run(fmt::format("PGOPTIONS='-c default_transaction_read_only=off' {}/psql -X -q -v "
                  "ON_ERROR_STOP=1 -d '{}' -f {}",
                  bin_, uri, file.string()),
      dir_ / "setup.log");
}

void PostgresServer::set_read_only(const std::string& uri, bool on, bool end_sessions) {
  std::string sql = fmt::format(
      "DO $$BEGIN EXECUTE format('ALTER DATABASE %I SET default_transaction_read_only = {}', "
      "current_database()); END$$;\n",
      on ? "on" : "off");
  if (end_sessions) {
    sql +=
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid();\n";
  }
  run_sql(uri, sql);
}

std::string PostgresServer::create_database() {
  const std::string name = fmt::format("test{}", ++databases_);
  run(fmt::format("{}/createdb -h {} -U postgres {}", bin_, dir_.path().string(), name),
      dir_ / "setup.log");
  return uri(name);
}

}  // namespace quotewire::testing
