#pragma once
// The store tests run against both databases: TEST_P on StoreBackends (or a fixture derived from
// it), instantiated with QW_INSTANTIATE_STORE_BACKENDS. A PostgreSQL test starts a server of its
// own, and is skipped only when PostgreSQL is not installed.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "tests/support/postgres.h"
#include "tests/support/process.h"

namespace quotewire::sink {

enum class Backend { sqlite, postgresql };

inline constexpr const char* kNoPostgres =
    "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl): scripts/bootstrap "
    "--tests installs it";

class StoreBackends : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() != Backend::postgresql) return;
    if (testing::PostgresServer::binaries().empty()) GTEST_SKIP() << kNoPostgres;
    server_.emplace();
  }

  // A new, empty database of the backend under test: a file path or a postgresql:// URI.
  std::string fresh_database() {
    if (server_) return server_->create_database();
    return (dir_ / fmt::format("sink-{}.db", ++databases_)).string();
  }

  testing::TempDir dir_;
  std::optional<testing::PostgresServer> server_;

 private:
  int databases_ = 0;
};

// One database of `backend` for a fixture that opens it before SetUp (a sink, when constructed).
// Without PostgreSQL installed it is a SQLite file and `missing` says SetUp must skip.
struct FixtureDatabase {
  FixtureDatabase(Backend backend, const testing::TempDir& dir) {
    if (backend == Backend::postgresql && !testing::PostgresServer::binaries().empty()) {
      server.emplace();
      location = server->create_database();
    } else {
      location = (dir / "sink.db").string();
    }
    missing = backend == Backend::postgresql && !server;
  }

  std::optional<testing::PostgresServer> server;
  std::string location;
  bool missing = false;
};

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

#define QW_INSTANTIATE_STORE_BACKENDS(fixture) \
  INSTANTIATE_TEST_SUITE_P(Stores, fixture,    \
                           ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name)

}  // namespace quotewire::sink
