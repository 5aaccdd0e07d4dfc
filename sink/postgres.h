#pragma once
// The PostgreSQL backend of sink/database.h, over libpq. Statements are written with SQLite's
// placeholders and turned into $N here; parameters go in binary with the types of the values
// bound (so "?2 = 0" compares a bigint), results come back as text. A statement runs unprepared
// the first time and is prepared on the server when it runs again, so the one-off statements of
// the read side leave nothing behind. Inside a transaction, statements run for their effect
// (run()) go in libpq's pipeline mode without waiting for the server: a batch's writes cost one
// round trip, not one each. The pipeline is finished by the next statement that needs an answer
// (a read, exec(), COMMIT), which throws the first error in it. A connection lost (the server
// restarted) is reopened by the next statement, and a session that refused writes as read-only
// by the next transaction; the transaction it was in has failed and is the caller's to retry.

#include <libpq-fe.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sink/database.h"

namespace quotewire::sink {

class PostgresConnection : public Connection {
 public:
  PostgresConnection(const std::string& uri, bool read_only);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  Dialect dialect() const override { return Dialect::postgresql; }
  void exec(std::string_view sql) override;
  std::unique_ptr<Cursor> prepare(std::string_view sql) override;

  // The open connection, reopened first when it was lost.
  PGconn* connection();
  // Counts reopenings: statements prepared before one must be prepared again.
  uint64_t generation() const { return generation_; }
  std::string next_statement_name() { return "qw" + std::to_string(++statements_); }
  // Throws the server's message (or that the connection was lost) unless `result` succeeded;
  // frees it when it throws.
  void check(PGresult* result, std::string_view doing);

  // True when a statement run for its effect may go in the pipeline: one is open, or a
  // transaction is (whose COMMIT finishes it; outside one nothing would).
  bool pipelining();
  // The connection in pipeline mode, for a PQsend* call whose return value `sent` then takes
  // (`sql` names the statement in the message of its error).
  PGconn* pipeline();
  void sent(int ok, std::string_view sql);
  // Reads the result of everything in the pipeline and leaves pipeline mode; throws the first
  // failure (the server's message, or the connection lost) once the connection is usable again.
  void finish_pipeline();
  // Drops a statement prepared on the server (best effort: called by destructors).
  void deallocate(const std::string& name);

 private:
  void configure();
  // The StoreError for a failed `result` (nullptr: none came); marks the connection lost unless
  // the server itself refused.
  StoreError failure(const PGresult* result, std::string_view doing);

  PGconn* conn_ = nullptr;
  bool read_only_;
  bool lost_ = false;  // a statement failed for want of the server: reopen before the next
  bool refused_writes_ = false;  // the session is read-only: reopen before the next transaction
  uint64_t generation_ = 0;
  uint64_t statements_ = 0;
  bool in_pipeline_ = false;
  std::vector<std::string> pipeline_;  // what was sent and not yet answered, for its error
};

class PostgresCursor : public Cursor {
 public:
  PostgresCursor(PostgresConnection& connection, std::string_view sql);
  ~PostgresCursor() override;
  PostgresCursor(const PostgresCursor&) = delete;
  PostgresCursor& operator=(const PostgresCursor&) = delete;

  void bind_text(int index, std::string_view value, bool nul_terminated) override;
  void bind_int(int index, int64_t value) override;
  void bind_null(int index) override;
  void bind_real(int index, double value) override;
  void bind_blob(int index, std::string_view bytes) override;
  bool step() override;
  void run() override;  // in the pipeline when pipelining() allows
  void reset() override;

  int64_t int64(int column) const override;
  double real(int column) const override;
  std::string text(int column) const override;
  bool is_null(int column) const override { return PQgetisnull(result_, row_, column) != 0; }
  int columns() override;  // runs the statement: the result tells

 private:
  struct Param {
    Oid type = 0;  // 0: NULL, typed by the server from where it is used
    const char* data = nullptr;
    int length = 0;
    std::array<char, 8> number{};  // an integer's or a real's big-endian bytes
  };
  Param& param(int index);
  // Runs the statement, waiting for its result unless `pipelined`.
  void execute(bool pipelined);

  PostgresConnection& connection_;
  std::string sql_;  // with $N placeholders
  std::vector<Param> params_;
  std::vector<Oid> known_types_;  // each parameter's last type bound, 0 while only NULLs were
  std::vector<Oid> prepared_types_;
  std::string name_;  // the server-side statement once prepared
  uint64_t prepared_generation_ = 0;
  bool ran_once_ = false;
  PGresult* result_ = nullptr;
  int row_ = -1;
};

}  // namespace quotewire::sink
