#include "sink/postgres.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <bit>
#include <cstdlib>

namespace quotewire::sink {
namespace {

// PostgreSQL's type oids (catalog/pg_type_d.h, which libpq does not install).
constexpr Oid kBytea = 17, kInt8 = 20, kText = 25, kFloat8 = 701;
constexpr int kError = 1;  // StoreError's code: SQLite's generic SQLITE_ERROR

std::string trimmed(const char* message) {
  std::string out = message ? message : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
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

void PostgresConnection::check(PGresult* result, std::string_view doing) {
  const auto status = PQresultStatus(result);
  if (result && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)) return;
  const std::string message =
      trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
  // No SQLSTATE: libpq's own failure, the server unreachable rather than refusing. libpq may not
  // have marked the connection bad yet: the next statement reopens it.
  lost_ = lost_ || PQstatus(conn_) == CONNECTION_BAD || !result ||
          !PQresultErrorField(result, PG_DIAG_SQLSTATE);
  PQclear(result);
  if (lost_) {
    throw StoreError(kError, fmt::format("PostgreSQL connection lost {}: {}", doing, message));
  }
  throw StoreError(kError, fmt::format("{}: {}", doing, message));
}

PGconn* PostgresConnection::connection() {
  if (!lost_ && PQstatus(conn_) != CONNECTION_BAD) return conn_;
  lost_ = false;
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) {
    throw StoreError(kError,
                     fmt::format("PostgreSQL connection lost: {}", trimmed(PQerrorMessage(conn_))));
  }
  spdlog::info("sink: reconnected to PostgreSQL");
  ++generation_;
  configure();
  return conn_;
}

void PostgresConnection::exec(std::string_view sql) {
  PGconn* conn = connection();
  PGresult* result = PQexec(conn, std::string(sql).c_str());
  check(result, fmt::format("executing \"{}\"", sql.substr(0, 60)));
  PQclear(result);
}

std::unique_ptr<Cursor> PostgresConnection::prepare(std::string_view sql) {
  return std::make_unique<PostgresCursor>(*this, sql);
}

PostgresCursor::PostgresCursor(PostgresConnection& connection, std::string_view sql)
    : connection_(connection) {
  int count = 0;
  sql_ = dollar_placeholders(sql, count);
  params_.resize(static_cast<size_t>(count));
}

PostgresCursor::~PostgresCursor() {
  PQclear(result_);
  if (!name_.empty() && prepared_generation_ == connection_.generation()) {
    // Best effort: in a failed transaction the server refuses, and the session keeps it.
    PQclear(PQexec(connection_.handle(), ("DEALLOCATE " + name_).c_str()));
  }
}

PostgresCursor::Param& PostgresCursor::param(int index) {
  if (index < 1 || static_cast<size_t>(index) > params_.size()) {
    throw StoreError(kError, fmt::format("binding parameter {} of \"{}\", which has {}", index,
                                         sql_.substr(0, 60), params_.size()));
  }
  return params_[static_cast<size_t>(index) - 1];
}

void PostgresCursor::bind_text(int index, std::string_view value) {
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

void PostgresCursor::execute() {
  PGconn* conn = connection_.connection();
  const int n = static_cast<int>(params_.size());
  std::vector<Oid> types(params_.size());
  std::vector<const char*> values(params_.size());
  std::vector<int> lengths(params_.size()), formats(params_.size(), 1);
  bool prepared = !name_.empty() && prepared_generation_ == connection_.generation();
  for (size_t i = 0; i < params_.size(); ++i) {
    types[i] = params_[i].type;
    values[i] = params_[i].data;
    lengths[i] = params_[i].length;
    // A NULL goes with any type; a value of another type than prepared needs a new plan.
    if (prepared && types[i] != 0 && types[i] != prepared_types_[i]) prepared = false;
  }
  if (!prepared && ran_once_) {
    name_ = connection_.next_statement_name();
    PGresult* prepared_result = PQprepare(conn, name_.c_str(), sql_.c_str(), n, types.data());
    connection_.check(prepared_result, fmt::format("preparing \"{}\"", sql_.substr(0, 60)));
    PQclear(prepared_result);  // check() frees it only when it throws
    prepared_types_ = types;
    prepared_generation_ = connection_.generation();
    prepared = true;
  }
  ran_once_ = true;
  result_ = prepared ? PQexecPrepared(conn, name_.c_str(), n, values.data(), lengths.data(),
                                      formats.data(), 0)
                     : PQexecParams(conn, sql_.c_str(), n, types.data(), values.data(),
                                    lengths.data(), formats.data(), 0);
  try {
    connection_.check(result_, fmt::format("executing \"{}\"", sql_.substr(0, 60)));
  } catch (const StoreError&) {
    result_ = nullptr;  // freed by check
    reset();            // nothing stays bound to values the caller may free after the error
    throw;
  }
}

bool PostgresCursor::step() {
  if (!result_) execute();
  return ++row_ < PQntuples(result_);
}

int PostgresCursor::columns() {
  if (!result_) execute();
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
