#pragma once
// One SQL interface over the two stores: SQLite, the embedded default, and PostgreSQL, chosen by
// a postgresql:// URI where a database path is accepted. Store, Queries and the statement
// readers keep one copy of their logic and SQL on top of it: placeholders are SQLite's (?, ?N;
// the PostgreSQL backend turns them into $N), and the few SQLite functions they use (two-argument
// min/max, iif, instr) are defined in the PostgreSQL schema. Errors are StoreError exceptions
// that carry the database's own message ("database is locked", "connection refused").

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sqlite3;

namespace quotewire::sink {

class StoreError : public std::runtime_error {
 public:
  StoreError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }  // SQLite's result code; 1 (SQLITE_ERROR) for PostgreSQL

 private:
  int code_;
};

enum class Dialect { sqlite, postgresql };

// postgresql:// and postgres:// (libpq's connection URIs) select PostgreSQL; anything else is a
// SQLite file.
bool is_postgresql(std::string_view location);
// `location` as messages may show it: a URI without the password of its user part.
std::string displayed(const std::string& location);

// A prepared statement of either backend (Statement below is what callers hold).
class Cursor {
 public:
  virtual ~Cursor() = default;
  // `nul_terminated`: a NUL follows the value's last byte (as in any std::string).
  virtual void bind_text(int index, std::string_view value, bool nul_terminated) = 0;
  virtual void bind_int(int index, int64_t value) = 0;
  virtual void bind_null(int index) = 0;
  virtual void bind_real(int index, double value) = 0;
  virtual void bind_blob(int index, std::string_view bytes) = 0;
  virtual bool step() = 0;
  // Runs a statement for its effect, then resets it. A backend may send it without waiting: its
  // error then comes from the next statement that waits (a read, exec(), the commit).
  virtual void run() {
    while (step()) {
    }
    reset();
  }
  virtual void reset() = 0;
  virtual int64_t int64(int column) const = 0;
  virtual double real(int column) const = 0;
  virtual std::string text(int column) const = 0;
  virtual bool is_null(int column) const = 0;
  virtual int columns() = 0;  // after binding, before the first step
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  virtual void exec(std::string_view sql) = 0;
  virtual std::unique_ptr<Cursor> prepare(std::string_view sql) = 0;
  virtual sqlite3* sqlite_handle() { return nullptr; }
};

class Statement {
 public:
  explicit Statement(std::unique_ptr<Cursor> cursor) : cursor_(std::move(cursor)) {}

  // Binds by 1-based position; returns *this so calls chain. Text and blobs are not copied (the
  // sink binds every field of every statement): they must outlive the run() or the last step()
  // before reset(), which unbinds them.
  Statement& bind(int index, std::string_view value) {
    cursor_->bind_text(index, value, false);
    return *this;
  }
  // SQLite copies text without its NUL whenever SQL reads it as a string (length(), json_each()):
  // a std::string says it has one.
  Statement& bind(int index, const std::string& value) {
    cursor_->bind_text(index, value, true);
    return *this;
  }
  Statement& bind(int index, int64_t value) {
    cursor_->bind_int(index, value);
    return *this;
  }
  Statement& bind_null(int index) {
    cursor_->bind_null(index);
    return *this;
  }
  // Not an overload of bind: integers of every width would then be ambiguous.
  Statement& bind_real(int index, double value) {
    cursor_->bind_real(index, value);
    return *this;
  }
  Statement& bind_blob(int index, std::string_view bytes) {
    cursor_->bind_blob(index, bytes);
    return *this;
  }
  // Steps once: true while a row is available.
  bool step() { return cursor_->step(); }
  // Runs for its effect (rows are not read), then resets for reuse. Its error may come from the
  // next statement that waits for the database instead (PostgreSQL's pipeline).
  void run() { cursor_->run(); }
  void reset() { cursor_->reset(); }

  int64_t int64(int column) const { return cursor_->int64(column); }
  double real(int column) const { return cursor_->real(column); }
  std::string text(int column) const { return cursor_->text(column); }  // also a BLOB's bytes
  bool is_null(int column) const { return cursor_->is_null(column); }
  int columns() { return cursor_->columns(); }

 private:
  std::unique_ptr<Cursor> cursor_;
};

class Database {
 public:
  enum class Mode { read_write, read_only };
  // A SQLite file, or PostgreSQL when `location` is a postgresql:// URI.
  Database(const std::string& location, Mode mode);

  Dialect dialect() const { return connection_->dialect(); }
  void exec(std::string_view sql) { connection_->exec(sql); }
  Statement prepare(std::string_view sql) { return Statement(connection_->prepare(sql)); }
  // The SQLite connection (WAL hooks, checkpoints); nullptr for PostgreSQL.
  sqlite3* sqlite_handle() const { return connection_->sqlite_handle(); }

 private:
  std::unique_ptr<Connection> connection_;
};

// Rows of one INSERT (an upsert too), several to a statement on PostgreSQL, whose server spends
// more on each statement than on each row of it (about twice as much on the store's writes,
// pipelined); SQLite, in process, gains nothing from it and writes one row a statement. A row is
// bound by its columns (1-based) as a Statement is.
class RowWriter {
 public:
  class Row {
   public:
    Row(Statement& statement, int offset) : statement_(statement), offset_(offset) {}
    template <typename T>
    Row& bind(int column, T&& value) {
      statement_.bind(offset_ + column, std::forward<T>(value));
      return *this;
    }
    Row& bind_null(int column) {
      statement_.bind_null(offset_ + column);
      return *this;
    }
    Row& bind_real(int column, double value) {
      statement_.bind_real(offset_ + column, value);
      return *this;
    }
    Row& bind_blob(int column, std::string_view bytes) {
      statement_.bind_blob(offset_ + column, bytes);
      return *this;
    }

   private:
    Statement& statement_;
    int offset_;
  };

  // `insert` is the statement up to VALUES, `rest` what follows the rows (ON CONFLICT ...).
  RowWriter(Database& db, std::string_view insert, int columns, std::string_view rest = {});

  // Begins `rows` rows, each bound after row(). A statement runs once its rows are all bound:
  // values must live until finish().
  void begin(size_t rows);
  Row row();      // the next row: the one before is complete
  void finish();  // after the last row's values

  // Writes `rows` (bind(Row, element) binds one), or with `all` false as many as fill whole
  // statements, and removes them from it: a batch writes while it is still being applied, and
  // PostgreSQL works on the rows meanwhile.
  template <typename T, typename Bind>
  void write(std::vector<T>& rows, bool all, Bind bind) {
    const size_t n = all ? rows.size() : rows.size() - rows.size() % per_statement_;
    if (n == 0) return;
    begin(n);
    for (size_t i = 0; i < n; ++i) bind(row(), rows[i]);
    finish();
    rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(n));
  }

 private:
  void complete(size_t row);

  int columns_;
  size_t per_statement_;
  Statement many_;  // per_statement_ rows
  Statement one_;   // the rows that do not fill one of many_
  size_t rows_ = 0, next_ = 0;
};

// Begins a write transaction now (SQLite: BEGIN IMMEDIATE, so the write lock is taken at once)
// and rolls back on destruction unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace quotewire::sink
