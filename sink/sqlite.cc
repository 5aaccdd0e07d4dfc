#include "sink/sqlite.h"

#include <fmt/format.h>

namespace quotewire::sink {
namespace {

[[noreturn]] void fail(sqlite3* db, int code, std::string_view doing) {
  throw StoreError(code,
                   fmt::format("{}: {}", doing, db ? sqlite3_errmsg(db) : sqlite3_errstr(code)));
}

}  // namespace

SqliteCursor::SqliteCursor(sqlite3* db, std::string_view sql) : db_(db) {
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) fail(db, rc, fmt::format("preparing \"{}\"", sql.substr(0, 60)));
}

SqliteCursor::~SqliteCursor() {
  sqlite3_finalize(stmt_);
}

void SqliteCursor::bind_text(int index, std::string_view value, bool nul_terminated) {
  // A negative length tells SQLite the text ends at its NUL, so it need not copy the text to
  // add one; only where that NUL is the end (no NUL inside, which text may hold).
  const bool ends_at_nul = nul_terminated && value.find('\0') == std::string_view::npos;
  const int rc = sqlite3_bind_text(
      stmt_, index, value.data(), ends_at_nul ? -1 : static_cast<int>(value.size()), SQLITE_STATIC);
  if (rc != SQLITE_OK) fail(db_, rc, "binding text");
}

void SqliteCursor::bind_int(int index, int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) fail(db_, rc, "binding integer");
}

void SqliteCursor::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) fail(db_, rc, "binding null");
}

void SqliteCursor::bind_real(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) fail(db_, rc, "binding real");
}

void SqliteCursor::bind_blob(int index, std::string_view bytes) {
  const int rc =
      sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
  if (rc != SQLITE_OK) fail(db_, rc, "binding blob");
}

bool SqliteCursor::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  reset();  // nothing stays bound to values the caller may free after the error
  fail(db_, rc, "executing statement");
}

void SqliteCursor::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string SqliteCursor::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string();
}

SqliteConnection::SqliteConnection(const std::string& path, bool read_only) {
  const int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(rc, fmt::format("cannot open {}: {}", path, message));
  }
  // Waiting briefly for a lock beats failing at once; longer waits are the caller's retry.
  sqlite3_busy_timeout(db_, 2000);
}

SqliteConnection::~SqliteConnection() {
  sqlite3_close(db_);
}

void SqliteConnection::exec(std::string_view sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw StoreError(rc, message);
  }
}

}  // namespace quotewire::sink
