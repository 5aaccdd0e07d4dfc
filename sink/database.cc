#include "sink/database.h"

#include "sink/postgres.h"
#include "sink/sqlite.h"

namespace quotewire::sink {

bool is_postgresql(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string displayed(const std::string& location) {
  if (!is_postgresql(location)) return location;
  // postgresql://user:password@host/...: the password is between the user's ':' and the '@'.
  const size_t authority = location.find("://") + 3;
  const size_t at = location.find('@', authority);
  if (at == std::string::npos || location.find('/', authority) < at) return location;
  const size_t colon = location.find(':', authority);
  if (colon > at) return location;
  return location.substr(0, colon) + location.substr(at);
}

Database::Database(const std::string& location, Mode mode)
    : connection_(is_postgresql(location)
                      ? std::unique_ptr<Connection>(
                            std::make_unique<PostgresConnection>(location, mode == Mode::read_only))
                      : std::make_unique<SqliteConnection>(location, mode == Mode::read_only)) {}

Transaction::Transaction(Database& db) : db_(db) {
  db_.exec(db_.dialect() == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (const StoreError&) {
    // Nothing to roll back: the transaction failed with the connection, or never began.
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace quotewire::sink
