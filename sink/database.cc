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

namespace {

std::string rows_sql(std::string_view insert, int columns, size_t rows, std::string_view rest) {
  std::string row = "(?";
  for (int i = 1; i < columns; ++i) row += ",?";
  row += ')';
  std::string out(insert);
  for (size_t i = 0; i < rows; ++i) {
    if (i > 0) out += ',';
    out += row;
  }
  out += rest;
  return out;
}

}  // namespace

RowWriter::RowWriter(Database& db, std::string_view insert, int columns, std::string_view rest)
    : columns_(columns),
      per_statement_(db.dialect() == Dialect::postgresql ? 32 : 1),
      many_(db.prepare(rows_sql(insert, columns, per_statement_, rest))),
      one_(db.prepare(rows_sql(insert, columns, 1, rest))) {}

void RowWriter::begin(size_t rows) {
  rows_ = rows;
  next_ = 0;
}

RowWriter::Row RowWriter::row() {
  if (next_ > 0) complete(next_ - 1);
  const size_t index = next_++;
  if (index < rows_ - rows_ % per_statement_) {
    return Row(many_, static_cast<int>(index % per_statement_) * columns_);
  }
  return Row(one_, 0);
}

void RowWriter::finish() {
  if (next_ > 0) complete(next_ - 1);
  next_ = 0;
}

void RowWriter::complete(size_t row) {
  if (row >= rows_ - rows_ % per_statement_) {
    one_.run();
  } else if (row % per_statement_ == per_statement_ - 1) {
    many_.run();
  }
}

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
