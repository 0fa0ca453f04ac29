#include "storage/postgres/connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "storage/postgres/pg_error.hpp"
#include "storage/postgres/placeholders.hpp"

namespace gongdan::storage::postgres {
namespace {

using Kind = sql::DatabaseError::Kind;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

bool ok(const PGresult* result) {
  const auto status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

// One statement of a connection: its values until it runs, then its rows until reset.
class PgStatement final : public sql::StatementBackend {
 public:
  PgStatement(Connection& connection, std::shared_ptr<const Plan> plan)
      : connection_(connection), plan_(std::move(plan)), values_(static_cast<std::size_t>(plan_->parameters)) {}

  void bind_int64(int index, std::int64_t value) override { slot(index) = std::to_string(value); }

  void bind_text(int index, std::string_view value) override {
    // Text parameters end at a NUL byte: rather than store a cut value, refuse it (PostgreSQL's
    // text cannot hold one anyway).
    if (value.find('\0') != std::string_view::npos) {
      throw sql::DatabaseError(Kind::kInvalidData, "22021", "bind: text with a NUL byte cannot be stored");
    }
    slot(index) = std::string(value);
  }

  void bind_null(int index) override { slot(index).reset(); }

  bool step() override {
    if (!result_) {
      std::vector<const char*> pointers;
      pointers.reserve(values_.size());
      for (const auto& value : values_) pointers.push_back(value ? value->c_str() : nullptr);
      result_.reset(connection_.execute(*plan_, pointers.data()));
      row_ = 0;
      rows_ = PQntuples(result_.get());
    } else if (row_ < rows_) {
      ++row_;
    }
    return row_ < rows_;
  }

  void reset() noexcept override {
    result_.reset();
    row_ = -1;
    rows_ = 0;
    for (auto& value : values_) value.reset();
  }

  std::int64_t column_int64(int column) const override {
    if (column_is_null(column)) return 0;
    const char* value = PQgetvalue(result_.get(), row_, column);
    const char* end = value + PQgetlength(result_.get(), row_, column);
    // A boolean expression reads as 1/0, as on SQLite.
    if (end - value == 1 && (*value == 't' || *value == 'f')) return *value == 't' ? 1 : 0;
    std::int64_t number = 0;
    const auto [stop, error] = std::from_chars(value, end, number);
    // A numeric (SUM of bigint, AVG) is cut to its integer part, as SQLite does.
    if (error == std::errc() && (stop == end || *stop == '.')) return number;
    throw sql::DatabaseError(Kind::kInvalidData, "", "column " + std::to_string(column) + " is not an integer");
  }

  std::string column_text(int column) const override {
    if (column_is_null(column)) return {};
    return std::string(PQgetvalue(result_.get(), row_, column),
                       static_cast<std::size_t>(PQgetlength(result_.get(), row_, column)));
  }

  bool column_is_null(int column) const override {
    if (!result_ || row_ < 0 || row_ >= rows_) throw sql::DatabaseError(Kind::kOther, "", "column: no current row");
    if (column < 0 || column >= PQnfields(result_.get())) {
      throw sql::DatabaseError(Kind::kOther, "", "column " + std::to_string(column) + " out of range");
    }
    return PQgetisnull(result_.get(), row_, column) != 0;
  }

 private:
  std::optional<std::string>& slot(int index) {
    // As SQLite: binding after a step needs a reset first, and an index must name a placeholder.
    if (result_) throw sql::DatabaseError(Kind::kOther, "", "bind: the statement ran; reset it first");
    if (index < 1 || index > plan_->parameters) {
      throw sql::DatabaseError(Kind::kOther, "",
                               "bind: parameter " + std::to_string(index) + " of " + std::to_string(plan_->parameters));
    }
    return values_[static_cast<std::size_t>(index - 1)];
  }

  Connection& connection_;
  std::shared_ptr<const Plan> plan_;
  std::vector<std::optional<std::string>> values_;  // nullopt: NULL (also before any bind)
  ResultPtr result_;
  int row_ = -1;
  int rows_ = 0;
};

// Notices (e.g. "relation already exists, skipping" from CREATE TABLE IF NOT EXISTS) report what
// the statement did on purpose; libpq's default prints each one to standard error.
void ignore_notice(void*, const char*) {}

bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

}  // namespace

Connection::Connection(const std::string& url, Options options) {
  if (!is_postgres_url(url)) throw std::invalid_argument("not a postgresql:// URL");
  const std::string timeout = std::to_string(options.connect_timeout.count());
  // Earlier keywords are defaults the URL may override; client_encoding comes after it so that
  // the session always speaks UTF-8, the only encoding Gongdan's text is in.
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", "client_encoding", nullptr};
  const char* values[] = {timeout.c_str(), "gongdan", url.c_str(), "UTF8", nullptr};
  conn_ = PQconnectdbParams(keywords, values, 1);
  if (conn_ == nullptr) throw sql::DatabaseError(Kind::kConnection, "", "connect: out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    sql::DatabaseError error = error_from(conn_, nullptr, "connect");
    PQfinish(conn_);
    conn_ = nullptr;
    throw sql::DatabaseError(Kind::kConnection, error.code(), error.what());
  }
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
}

Connection::~Connection() {
  cache_.clear();  // statements hold results of this connection
  PQfinish(conn_);
}

void Connection::exec(std::string_view sql) {
  const std::string text(sql);
  ResultPtr result(PQexec(conn_, text.c_str()));
  if (!result || !ok(result.get())) throw error_from(conn_, result.get(), "exec");
  note_changes(result.get());
}

sql::Statement Connection::prepare(std::string_view sql) { return sql::Statement(prepare_backend(sql)); }

std::unique_ptr<sql::StatementBackend> Connection::prepare_backend(std::string_view sql) {
  auto rewritten = rewrite_placeholders(sql);
  auto plan = std::make_shared<const Plan>(Plan{std::move(rewritten.text), {}, rewritten.parameters});
  return std::make_unique<PgStatement>(*this, std::move(plan));
}

sql::CachedStatement Connection::cached(std::string_view sql) {
  return cache_.borrow(sql, [&](bool keep) -> std::unique_ptr<sql::StatementBackend> {
    auto it = plans_.find(std::string(sql));
    // A one-off of a text never prepared (the cache is full) runs unnamed: a server-side
    // statement per text would grow without bound.
    if (it == plans_.end() && !keep) return prepare_backend(sql);
    if (it == plans_.end()) {
      auto rewritten = rewrite_placeholders(sql);
      Plan plan{std::move(rewritten.text), "gongdan_" + std::to_string(plans_.size() + 1), rewritten.parameters};
      // Types are left to the server (null paramTypes): it infers each from where the `$n` stands.
      ResultPtr result(PQprepare(conn_, plan.name.c_str(), plan.text.c_str(), plan.parameters, nullptr));
      if (!result || !ok(result.get())) throw error_from(conn_, result.get(), "prepare");
      it = plans_.emplace(std::string(sql), std::make_shared<const Plan>(std::move(plan))).first;
    }
    return std::make_unique<PgStatement>(*this, it->second);
  });
}

bool Connection::in_transaction() const {
  const auto status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

bool Connection::connected() const { return PQstatus(conn_) == CONNECTION_OK; }

bool Connection::ping() noexcept {
  if (!connected() || in_transaction()) return false;
  ResultPtr result(PQexec(conn_, "SELECT 1"));
  return result && PQresultStatus(result.get()) == PGRES_TUPLES_OK;
}

PGresult* Connection::execute(const Plan& plan, const char* const* values) {
  ResultPtr result(plan.name.empty()
                       ? PQexecParams(conn_, plan.text.c_str(), plan.parameters, nullptr, values, nullptr, nullptr, 0)
                       : PQexecPrepared(conn_, plan.name.c_str(), plan.parameters, values, nullptr, nullptr, 0));
  if (!result || !ok(result.get())) throw error_from(conn_, result.get(), "step");
  note_changes(result.get());
  return result.release();
}

void Connection::note_changes(const PGresult* result) {
  // As sqlite3_changes: only INSERT, UPDATE and DELETE (and MERGE) count; a SELECT keeps the figure.
  const std::string_view command = PQcmdStatus(const_cast<PGresult*>(result));
  if (command.starts_with("INSERT") || command.starts_with("UPDATE") || command.starts_with("DELETE") ||
      command.starts_with("MERGE")) {
    const char* tuples = PQcmdTuples(const_cast<PGresult*>(result));
    std::int64_t count = 0;
    std::from_chars(tuples, tuples + std::char_traits<char>::length(tuples), count);
    changes_ = count;
  }
}

}  // namespace gongdan::storage::postgres
