#pragma once
// The SQLite backend of sink/database.h: a thin RAII layer over the SQLite C API whose errors
// carry SQLite's own message (so "database is locked" or "disk is full" reach the log as SQLite
// said them).

#include <sqlite3.h>

#include <string>

#include "sink/database.h"

namespace quotewire::sink {

class SqliteCursor : public Cursor {
 public:
  SqliteCursor(sqlite3* db, std::string_view sql);
  ~SqliteCursor() override;
  SqliteCursor(const SqliteCursor&) = delete;
  SqliteCursor& operator=(const SqliteCursor&) = delete;

  void bind_text(int index, std::string_view value, bool nul_terminated) override;
  void bind_int(int index, int64_t value) override;
  void bind_null(int index) override;
  void bind_real(int index, double value) override;
  void bind_blob(int index, std::string_view bytes) override;
  bool step() override;
  void reset() override;

  int64_t int64(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double real(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string text(int column) const override;
  bool is_null(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  int columns() override { return sqlite3_column_count(stmt_); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteConnection : public Connection {
 public:
  SqliteConnection(const std::string& path, bool read_only);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::sqlite; }
  void exec(std::string_view sql) override;
  std::unique_ptr<Cursor> prepare(std::string_view sql) override {
    return std::make_unique<SqliteCursor>(db_, sql);
  }
  sqlite3* sqlite_handle() override { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace quotewire::sink
