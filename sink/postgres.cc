#include "sink/postgres.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <bit>
#include <cstdlib>
#include <optional>

namespace quotewire::sink {
namespace {

// PostgreSQL's type oids (catalog/pg_type_d.h, which libpq does not install).
constexpr Oid kBytea = 17, kInt8 = 20, kText = 25, kFloat8 = 701;
constexpr int kError = 1;  // StoreError's code: SQLite's generic SQLITE_ERROR

// libpq's message on one line: its hints follow a newline and a tab, and a log line that ends
// early leaves them to look like lines of their own.
std::string trimmed(const char* message) {
  std::string out;
  for (const char* c = message ? message : ""; *c; ++c) {
    const bool space = *c == '\n' || *c == '\t' || *c == ' ';
    if (!space) {
      out += *c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// SQLite's placeholders as PostgreSQL's: ?N is $N, a bare ? the one after the highest so far
// (as SQLite numbers them). `count` is the highest. Quoted text and names are left alone.
std::string dollar_placeholders(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 8);
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '?') {
      int n = 0;
      while (i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
        n = n * 10 + (sql[++i] - '0');
      }
      if (n == 0) n = count + 1;
      count = std::max(count, n);
      out += '$';
      out += std::to_string(n);
      continue;
    }
    out += c;
  }
  return out;
}

void log_notice(void*, const char* message) {
  spdlog::debug("postgresql: {}", trimmed(message));
}

}  // namespace

PostgresConnection::PostgresConnection(const std::string& uri, bool read_only)
    : conn_(PQconnectdb(uri.c_str())), read_only_(read_only) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    // libpq's message names the host or socket; the URI is not repeated (it may hold a password).
    const std::string message = trimmed(PQerrorMessage(conn_));
    PQfinish(conn_);
    throw StoreError(kError, fmt::format("cannot connect to PostgreSQL: {}", message));
  }
  configure();
}

PostgresConnection::~PostgresConnection() {
  PQfinish(conn_);
}

void PostgresConnection::configure() {
  // "relation already exists, skipping" and the like are no news for the log.
  PQsetNoticeProcessor(conn_, log_notice, nullptr);
  // A batch waits for a lock as long as SQLite's busy timeout lets it, then fails and is
  // delivered again, rather than holding the sink indefinitely.
  exec("SET lock_timeout = '2s'");
  if (read_only_) exec("SET default_transaction_read_only = on");
}

StoreError PostgresConnection::failure(const PGresult* result, std::string_view doing) {
  const std::string message =
      trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
  // No SQLSTATE: libpq's own failure, the server unreachable rather than refusing. libpq may not
  // have marked the connection bad yet: the next statement reopens it.
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  lost_ = lost_ || PQstatus(conn_) == CONNECTION_BAD || !state;
  if (lost_) {
    return StoreError(kError, fmt::format("PostgreSQL connection lost {}: {}", doing, message));
  }
  // A writer refused as read-only (25006) keeps that session's default to its end, or is on a
  // server demoted to a standby: only a new session sees the database writable again (the
  // setting lifted, or the URI's hosts failed over).
  if (!read_only_ && std::string_view(state) == "25006") {
    refused_writes_ = true;
    return StoreError(kError, fmt::format("{}: {} (the database refuses writes)", doing, message));
  }
  return StoreError(kError, fmt::format("{}: {}", doing, message));
}

void PostgresConnection::check(PGresult* result, std::string_view doing) {
  const auto status = PQresultStatus(result);
  if (result && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)) return;
  const StoreError error = failure(result, doing);
  PQclear(result);
  throw error;
}

PGconn* PostgresConnection::connection() {
  // A session refused as read-only is replaced once its transaction has rolled back: the next
  // transaction begins in a new one.
  const bool replace = refused_writes_ && PQtransactionStatus(conn_) == PQTRANS_IDLE;
  if (!lost_ && !replace && PQstatus(conn_) != CONNECTION_BAD) return conn_;
  // What was in the pipeline went with the connection: that is the error to report first (its
  // transaction has failed), not a silent reopening beneath it.
  finish_pipeline();
  lost_ = false;
  refused_writes_ = false;
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) {
    throw StoreError(kError,
                     fmt::format("PostgreSQL connection lost: {}", trimmed(PQerrorMessage(conn_))));
  }
  // Debug: the sink says when its outage ends; a writer refused as read-only reopens per retry.
  spdlog::debug("sink: reconnected to PostgreSQL");
  ++generation_;
  configure();
  return conn_;
}

void PostgresConnection::exec(std::string_view sql) {
  // A failure in the pipeline is the one reported, but `sql` runs all the same: a ROLLBACK must
  // reach the server (and a COMMIT of the failed transaction only rolls it back).
  std::optional<StoreError> failed;
  try {
    finish_pipeline();
  } catch (const StoreError& e) {
    failed = e;
  }
  PGconn* conn = connection();
  PGresult* result = PQexec(conn, std::string(sql).c_str());
  if (failed) {
    PQclear(result);
    throw *failed;
  }
  check(result, fmt::format("executing \"{}\"", sql.substr(0, 60)));
  PQclear(result);
}

void PostgresConnection::deallocate(const std::string& name) {
  const std::string sql = "DEALLOCATE " + name;
  // Best effort: in a failed transaction the server refuses, and the session keeps it. In a
  // pipeline it goes with the rest, where a synchronous call is refused.
  if (!in_pipeline_) {
    PQclear(PQexec(conn_, sql.c_str()));
  } else if (PQsendQueryParams(conn_, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0)) {
    pipeline_.push_back(sql);
  }
}

bool PostgresConnection::pipelining() {
  return in_pipeline_ || PQtransactionStatus(connection()) == PQTRANS_INTRANS;
}

PGconn* PostgresConnection::pipeline() {
  PGconn* conn = connection();
  if (!in_pipeline_) {
    if (!PQenterPipelineMode(conn)) check(nullptr, "entering pipeline mode");
    in_pipeline_ = true;
  }
  return conn;
}

void PostgresConnection::sent(int ok, std::string_view sql) {
  if (!ok) check(nullptr, fmt::format("sending \"{}\"", sql.substr(0, 60)));
  pipeline_.emplace_back(sql.substr(0, 60));
}

void PostgresConnection::finish_pipeline() {
  if (!in_pipeline_) return;
  in_pipeline_ = false;
  const std::vector<std::string> sent = std::move(pipeline_);
  pipeline_.clear();
  // Not sent: the connection is gone (libpq says so, for the message), with what was in it.
  if (!PQpipelineSync(conn_)) throw failure(nullptr, "finishing a pipeline");
  std::optional<StoreError> failed;
  // Each statement's results end with a null; after the first error the rest come back
  // PGRES_PIPELINE_ABORTED. A lost connection answers nothing more.
  for (const std::string& sql : sent) {
    while (PQstatus(conn_) != CONNECTION_BAD) {
      PGresult* result = PQgetResult(conn_);
      if (!result) break;
      if (PQresultStatus(result) == PGRES_FATAL_ERROR && !failed) {
        failed = failure(result, fmt::format("executing \"{}\"", sql));
      }
      PQclear(result);
    }
  }
  PGresult* sync = PQstatus(conn_) != CONNECTION_BAD ? PQgetResult(conn_) : nullptr;
  const bool synced = PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
  PQclear(sync);
  if ((!synced || !PQexitPipelineMode(conn_)) && !failed) {
    failed = failure(nullptr, "finishing a pipeline");
  }
  if (!synced) lost_ = true;  // out of step with the server: reopened before the next statement
  if (failed) throw *failed;
}

std::unique_ptr<Cursor> PostgresConnection::prepare(std::string_view sql) {
  return std::make_unique<PostgresCursor>(*this, sql);
}

PostgresCursor::PostgresCursor(PostgresConnection& connection, std::string_view sql)
    : connection_(connection) {
  int count = 0;
  sql_ = dollar_placeholders(sql, count);
  params_.resize(static_cast<size_t>(count));
  known_types_.resize(params_.size());
}

PostgresCursor::~PostgresCursor() {
  PQclear(result_);
  if (!name_.empty() && prepared_generation_ == connection_.generation()) {
    connection_.deallocate(name_);
  }
}

PostgresCursor::Param& PostgresCursor::param(int index) {
  if (index < 1 || static_cast<size_t>(index) > params_.size()) {
    throw StoreError(kError, fmt::format("binding parameter {} of \"{}\", which has {}", index,
                                         sql_.substr(0, 60), params_.size()));
  }
  return params_[static_cast<size_t>(index) - 1];
}

void PostgresCursor::bind_text(int index, std::string_view value, bool /*nul_terminated*/) {
  param(index) = {kText, value.data(), static_cast<int>(value.size()), {}};
}

void PostgresCursor::bind_blob(int index, std::string_view bytes) {
  param(index) = {kBytea, bytes.data(), static_cast<int>(bytes.size()), {}};
}

void PostgresCursor::bind_int(int index, int64_t value) {
  Param& p = param(index);
  auto bits = static_cast<uint64_t>(value);
  for (int i = 7; i >= 0; --i, bits >>= 8)
    p.number[static_cast<size_t>(i)] = static_cast<char>(bits);
  p.type = kInt8;
  p.data = p.number.data();
  p.length = 8;
}

void PostgresCursor::bind_real(int index, double value) {
  bind_int(index, std::bit_cast<int64_t>(value));
  param(index).type = kFloat8;
}

void PostgresCursor::bind_null(int index) {
  param(index) = {};
}

void PostgresCursor::execute(bool pipelined) {
  try {
    // A read waits for what was sent before it, and sees its error first.
    if (!pipelined) connection_.finish_pipeline();
    PGconn* conn = connection_.connection();
    const int n = static_cast<int>(params_.size());
    std::vector<Oid> types(params_.size());
    std::vector<const char*> values(params_.size());
    std::vector<int> lengths(params_.size()), formats(params_.size(), 1);
    bool prepared = !name_.empty() && prepared_generation_ == connection_.generation();
    for (size_t i = 0; i < params_.size(); ++i) {
      // A NULL goes with any type, and keeps the parameter's from before for the next plan
      // (the rows of a RowWriter have their NULLs in other places each time).
      if (params_[i].type != 0) known_types_[i] = params_[i].type;
      types[i] = params_[i].type;
      values[i] = params_[i].data;
      lengths[i] = params_[i].length;
      // A value of another type than prepared needs a new plan.
      if (prepared && types[i] != 0 && types[i] != prepared_types_[i]) prepared = false;
    }
    if (!prepared && ran_once_) {
      // Prepared outside the pipeline, once per connection: in a pipeline that failed before it
      // the server would skip it, and later batches would name a statement that is not there.
      connection_.finish_pipeline();
      if (!name_.empty() && prepared_generation_ == connection_.generation()) {
        connection_.deallocate(name_);
      }
      name_ = connection_.next_statement_name();
      PGresult* prepared_result =
          PQprepare(conn, name_.c_str(), sql_.c_str(), n, known_types_.data());
      connection_.check(prepared_result, fmt::format("preparing \"{}\"", sql_.substr(0, 60)));
      PQclear(prepared_result);  // check() frees it only when it throws
      prepared_types_ = known_types_;
      prepared_generation_ = connection_.generation();
      prepared = true;
    }
    ran_once_ = true;
    if (pipelined) {
      // libpq copies the parameters into its buffer here: the caller's values may go.
      conn = connection_.pipeline();
      connection_.sent(prepared
                           ? PQsendQueryPrepared(conn, name_.c_str(), n, values.data(),
                                                 lengths.data(), formats.data(), 0)
                           : PQsendQueryParams(conn, sql_.c_str(), n, types.data(), values.data(),
                                               lengths.data(), formats.data(), 0),
                       sql_);
      return;
    }
    result_ = prepared ? PQexecPrepared(conn, name_.c_str(), n, values.data(), lengths.data(),
                                        formats.data(), 0)
                       : PQexecParams(conn, sql_.c_str(), n, types.data(), values.data(),
                                      lengths.data(), formats.data(), 0);
    connection_.check(result_, fmt::format("executing \"{}\"", sql_.substr(0, 60)));
  } catch (const StoreError&) {
    result_ = nullptr;  // freed by check
    reset();            // nothing stays bound to values the caller may free after the error
    throw;
  }
}

bool PostgresCursor::step() {
  if (!result_) execute(false);
  return ++row_ < PQntuples(result_);
}

void PostgresCursor::run() {
  if (!connection_.pipelining()) return Cursor::run();
  execute(true);
  reset();
}

int PostgresCursor::columns() {
  if (!result_) execute(false);
  return PQnfields(result_);
}

void PostgresCursor::reset() {
  PQclear(result_);
  result_ = nullptr;
  row_ = -1;
  for (auto& p : params_) p = {};
}

int64_t PostgresCursor::int64(int column) const {
  return std::strtoll(PQgetvalue(result_, row_, column), nullptr, 10);
}

double PostgresCursor::real(int column) const {
  return std::strtod(PQgetvalue(result_, row_, column), nullptr);
}

std::string PostgresCursor::text(int column) const {
  const char* value = PQgetvalue(result_, row_, column);
  if (PQftype(result_, column) != kBytea) {
    return std::string(value, static_cast<size_t>(PQgetlength(result_, row_, column)));
  }
  size_t length = 0;
  unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(value), &length);
  std::string out(reinterpret_cast<const char*>(bytes), length);
  PQfreemem(bytes);
  return out;
}

}  // namespace quotewire::sink
