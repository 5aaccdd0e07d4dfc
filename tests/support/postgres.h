#pragma once
// A PostgreSQL server of a test's own: initdb into a temp folder (as the postgres user when
// root, since initdb refuses root), listening on a Unix socket in that folder only, so no port
// is shared with anything. Stopped (immediate) on destruction and, should the test process die
// first, by a watchdog at the deadline at the latest.

#include <sys/types.h>

#include <chrono>
#include <string>

#include "tests/support/process.h"

namespace quotewire::testing {

class PostgresServer {
 public:
  // The folder of initdb and pg_ctl ($QUOTEWIRE_PG_BIN, else the newest under
  // /usr/lib/postgresql); "" when PostgreSQL is not installed.
  static std::string binaries();

  explicit PostgresServer(std::chrono::seconds deadline = std::chrono::seconds(300));
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // A postgresql:// URI to a new, empty database on this server.
  std::string create_database();
  // A postgresql:// URI to `database` on this server.
  std::string uri(const std::string& database) const;
  // Stops the server now (idempotent): what a sink sees when PostgreSQL goes down.
  void stop();
  // Starts it again after stop(), on the same socket and data.
  void start();
  // Runs `sql` (psql, as the superuser, in a writable session) in the database `uri` names.
  void run_sql(const std::string& uri, const std::string& sql);
  // Makes the database refuse writes in sessions opened from now on, as a read-only or demoted
  // server does (or, `on` false, take them again); `end_sessions` also ends its open sessions,
  // so that its clients reconnect into the new setting.
  void set_read_only(const std::string& uri, bool on, bool end_sessions);

 private:
  std::string as_owner(const std::string& command) const;
  void shut_down();  // the server and its watchdog

  TempDir dir_;
  std::string bin_;
  std::string stop_command_;
  pid_t watchdog_ = -1;
  bool running_ = false;
  int databases_ = 0;
};

}  // namespace quotewire::testing
