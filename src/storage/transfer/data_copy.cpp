#include "storage/transfer/data_copy.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "storage/sql/database_error.hpp"
#include "storage/sql/migrator.hpp"
#include "storage/transfer/row_checksum.hpp"
#include "storage/transfer/row_reader.hpp"
#include "storage/transfer/table_layout.hpp"

namespace gongdan::storage::transfer {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kSchemaTable = "schema_migrations";
// PostgreSQL numbers a statement's parameters with 16 bits.
constexpr std::size_t kMaxParameters = 65535;
// A server still using the target (it should not: the target is empty) is waited for this long,
// then migrate-data gives up instead of hanging.
constexpr std::string_view kLockTimeout = "SET LOCAL lock_timeout = '10s'";

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

std::string seconds(std::chrono::milliseconds ms) {
  const auto tenths = (ms.count() + 50) / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// One table to copy: the target's columns, the source column read for each, and how to order.
struct TablePlan {
  std::string name;
  std::vector<Column> target;      // the target's columns, in its order
  std::vector<Column> source;      // for each target column, the source's
  std::vector<std::size_t> key;    // the primary key's columns (indexes), in key order
  std::vector<std::size_t> later;  // nullable references to this same table, set after its rows
  std::string source_select;
  std::string target_select;
};

// ORDER BY terms both engines sort the same way: integers by value, text by its bytes (SQLite's
// BINARY collation; PostgreSQL's "C", whatever the database's default collation is).
std::string select_sql(const std::string& table, const std::vector<Column>& columns,
                       const std::vector<std::size_t>& key, sql::Dialect dialect) {
  std::string text = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) text += (i == 0 ? "" : ", ") + columns[i].expression;
  text += " FROM " + quote_identifier(table) + " ORDER BY ";
  for (std::size_t i = 0; i < key.size(); ++i) {
    const auto& column = columns[key[i]];
    text += (i == 0 ? "" : ", ") + column.expression;
    if (column.kind == ValueKind::kText)
      text += dialect == sql::Dialect::kSqlite ? " COLLATE BINARY" : " COLLATE \"C\"";
  }
  return text;
}

bool compatible(ValueKind source, ValueKind target) {
  if (source == ValueKind::kInteger) return target == ValueKind::kInteger || target == ValueKind::kBoolean;
  return source == ValueKind::kText && target == ValueKind::kText;
}

TablePlan plan_table(const Table& source, const Table& target, const Layout& target_layout,
                     sql::Dialect source_dialect) {
  TablePlan plan;
  plan.name = target.name;
  std::map<std::string, Column> by_name;
  for (auto column : source.columns) {
    if (source.rowid_key && column.name == "rowid") {
      // The search index: SQLite's FTS5 rowid is the other engine's one-column key (ticket_id).
      if (target.primary_key.size() != 1) {
        throw TransferError("table " + target.name + ": the source keys it by rowid, the target by " +
                            std::to_string(target.primary_key.size()) + " columns");
      }
      column.name = target.primary_key.front();
    }
    if (!by_name.emplace(column.name, column).second) {
      throw TransferError("table " + target.name + ": two source columns are named " + column.name);
    }
  }
  std::vector<std::string> missing;
  for (const auto& column : target.columns) {
    auto found = by_name.find(column.name);
    if (found == by_name.end()) {
      missing.push_back(column.name);
      continue;
    }
    if (column.kind == ValueKind::kUnsupported || found->second.kind == ValueKind::kUnsupported) {
      throw TransferError("table " + target.name + ", column " + column.name + ": type " +
                          (column.kind == ValueKind::kUnsupported ? column.type : found->second.type) +
                          " is not one migrate-data copies (integers, booleans, text)");
    }
    if (!compatible(found->second.kind, column.kind)) {
      throw TransferError("table " + target.name + ", column " + column.name + ": " + found->second.type +
                          " in the source, " + column.type + " in the target");
    }
    plan.target.push_back(column);
    plan.source.push_back(found->second);
    by_name.erase(found);
  }
  if (!missing.empty()) {
    throw TransferError("table " + target.name + ": columns only in the target: " + join(missing));
  }
  if (!by_name.empty()) {
    std::vector<std::string> extra;
    for (const auto& [name, column] : by_name) extra.push_back(name);
    throw TransferError("table " + target.name + ": columns only in the source: " + join(extra));
  }
  // Both sides are read in the target's key order (every column when it has no key).
  for (const auto& name : target.primary_key) {
    for (std::size_t i = 0; i < plan.target.size(); ++i) {
      if (plan.target[i].name == name) plan.key.push_back(i);
    }
  }
  if (plan.key.empty()) {
    for (std::size_t i = 0; i < plan.target.size(); ++i) plan.key.push_back(i);
  }
  // A row may reference a later row of its own table (a ticket merged into a newer one): such
  // columns are inserted as NULL and set once all rows are in.
  for (const auto& reference : target_layout.foreign_keys) {
    if (reference.table != target.name || reference.referenced_table != target.name) continue;
    for (std::size_t i = 0; i < plan.target.size(); ++i) {
      if (plan.target[i].name != reference.column) continue;
      if (!plan.target[i].nullable || target.primary_key.size() != 1) {
        throw TransferError("table " + target.name + ", column " + reference.column +
                            ": a NOT NULL reference to its own table (or one without a one-column key) "
                            "cannot be copied");
      }
      plan.later.push_back(i);
    }
  }
  plan.source_select = select_sql(source.name, plan.source, plan.key, source_dialect);
  plan.target_select = select_sql(target.name, plan.target, plan.key, sql::Dialect::kPostgres);
  return plan;
}

// The target's tables with their referenced tables first; ties by name, so runs are repeatable.
std::vector<std::string> copy_order(const Layout& target, const std::set<std::string>& tables) {
  std::map<std::string, std::set<std::string>> needs;
  for (const auto& name : tables) needs[name];
  for (const auto& reference : target.foreign_keys) {
    if (reference.table == reference.referenced_table || !tables.contains(reference.table)) continue;
    if (tables.contains(reference.referenced_table)) needs[reference.table].insert(reference.referenced_table);
  }
  std::vector<std::string> order;
  while (!needs.empty()) {
    auto ready = std::find_if(needs.begin(), needs.end(), [](const auto& entry) { return entry.second.empty(); });
    if (ready == needs.end()) {
      std::vector<std::string> cycle;
      for (const auto& [name, wanted] : needs) cycle.push_back(name);
      throw TransferError("these tables reference each other in a cycle, which migrate-data cannot order: " +
                          join(cycle));
    }
    const std::string name = ready->first;
    needs.erase(ready);
    for (auto& [other, wanted] : needs) wanted.erase(name);
    order.push_back(name);
  }
  return order;
}

std::vector<TablePlan> plan_copy(const Layout& source, const Layout& target, sql::Dialect source_dialect) {
  std::set<std::string> source_names;
  std::set<std::string> target_names;
  for (const auto& table : source.tables) {
    if (table.name != kSchemaTable) source_names.insert(table.name);
  }
  for (const auto& table : target.tables) {
    if (table.name != kSchemaTable) target_names.insert(table.name);
  }
  std::vector<std::string> only_source;
  std::vector<std::string> only_target;
  std::set_difference(source_names.begin(), source_names.end(), target_names.begin(), target_names.end(),
                      std::back_inserter(only_source));
  std::set_difference(target_names.begin(), target_names.end(), source_names.begin(), source_names.end(),
                      std::back_inserter(only_target));
  if (!only_source.empty() || !only_target.empty()) {
    std::string message = "the two schemas have different tables:";
    if (!only_source.empty()) message += " only in the source: " + join(only_source) + ";";
    if (!only_target.empty()) message += " only in the target: " + join(only_target) + ";";
    message.pop_back();
    throw TransferError(message);
  }
  std::vector<TablePlan> plans;
  for (const auto& name : copy_order(target, target_names)) {
    plans.push_back(plan_table(*source.find(name), *target.find(name), target, source_dialect));
  }
  return plans;
}

std::vector<int> recorded_versions(sql::Connection& db, std::string_view side) {
  if (!sql::table_exists(db, kSchemaTable)) {
    throw TransferError("the " + std::string(side) + " has no schema_migrations table: it is not a Gongdan database");
  }
  std::vector<int> versions;
  auto rows = db.prepare("SELECT version FROM schema_migrations ORDER BY version");
  while (rows.step()) versions.push_back(rows.int32(0));
  return versions;
}

std::string describe_versions(const std::vector<int>& versions) {
  if (versions.empty()) return "no migration";
  return "version " + std::to_string(versions.back()) + " (" + std::to_string(versions.size()) + " migrations)";
}

// The source's read transaction: one snapshot for the layout, the copy and the verification.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(sql::Connection& db) : db_(db) {
    // SQLite's read transaction starts at the first read and keeps its WAL snapshot to the end.
    db_.exec(db_.dialect() == sql::Dialect::kSqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  ~ReadSnapshot() {
    try {
      if (db_.in_transaction()) db_.exec("ROLLBACK");  // it wrote nothing
    } catch (...) {  // a destructor must not throw; the connection is closed by its owner
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  sql::Connection& db_;
};

// Rows gathered for one multi-row INSERT: a row's values, NULL as nullopt.
class InsertBatch {
 public:
  InsertBatch(const TablePlan& plan, std::size_t batch_rows) : plan_(plan), width_(plan.target.size()) {
    rows_ = std::max<std::size_t>(1, std::min(batch_rows, kMaxParameters / std::max<std::size_t>(1, width_)));
    full_sql_ = insert_sql(rows_);
    values_.reserve(rows_ * width_);
  }

  void add(std::optional<std::string> value) { values_.push_back(std::move(value)); }
  bool full() const { return values_.size() == rows_ * width_; }

  void flush(sql::Connection& db) {
    if (values_.empty()) return;
    const std::size_t rows = values_.size() / width_;
    if (rows == rows_) {
      auto statement = db.cached(full_sql_);
      run(*statement);
    } else {
      auto statement = db.prepare(insert_sql(rows));
      run(statement);
    }
    values_.clear();
  }

 private:
  std::string insert_sql(std::size_t rows) const {
    std::string row = "(";
    for (std::size_t i = 0; i < width_; ++i) row += i == 0 ? "?" : ", ?";
    row += ")";
    std::string text = "INSERT INTO " + quote_identifier(plan_.name) + " (";
    for (std::size_t i = 0; i < width_; ++i) text += (i == 0 ? "" : ", ") + quote_identifier(plan_.target[i].name);
    text += ") VALUES ";
    for (std::size_t i = 0; i < rows; ++i) text += (i == 0 ? "" : ", ") + row;
    return text;
  }

  void run(sql::Statement& statement) {
    // Values travel as text; the server parses each as its column's type (a bigint, a boolean
    // from '0'/'1', text unchanged), so a value that does not fit fails loudly instead of changing.
    int index = 0;
    for (const auto& value : values_) statement.bind(++index, value);
    statement.run();
  }

  const TablePlan& plan_;
  std::size_t width_;
  std::size_t rows_ = 1;
  std::string full_sql_;
  std::vector<std::optional<std::string>> values_;
};

// Sets the self references held back while the rows went in, many rows per UPDATE.
void set_later_references(sql::Connection& target, const TablePlan& plan, std::size_t column,
                          const std::vector<std::pair<std::string, std::string>>& values, std::size_t batch_rows) {
  const auto& key = plan.target[plan.key.front()];
  const auto& referencing = plan.target[column];
  for (std::size_t start = 0; start < values.size(); start += batch_rows) {
    const std::size_t rows = std::min(batch_rows, values.size() - start);
    std::string list;
    for (std::size_t i = 0; i < rows; ++i) {
      list += (i == 0 ? "" : ", ") + ("(CAST(? AS " + key.type + "), CAST(? AS " + referencing.type + "))");
    }
    auto update = target.prepare("UPDATE " + quote_identifier(plan.name) + " SET " + referencing.expression +
                                 " = v.value FROM (VALUES " + list + ") AS v (key, value) WHERE " +
                                 quote_identifier(plan.name) + "." + key.expression + " = v.key");
    int index = 0;
    for (std::size_t i = start; i < start + rows; ++i) {
      update.bind(++index, values[i].first);
      update.bind(++index, values[i].second);
    }
    update.run();
  }
}

std::int64_t copy_table(const TablePlan& plan, sql::Connection& source, sql::Connection& target,
                        std::size_t batch_rows) {
  InsertBatch batch(plan, batch_rows);
  std::vector<std::vector<std::pair<std::string, std::string>>> later(plan.target.size());
  std::int64_t rows = 0;
  RowReader reader(source, plan.source_select);
  while (reader.next()) {
    const auto& row = reader.row();
    for (std::size_t i = 0; i < plan.target.size(); ++i) {
      const int column = static_cast<int>(i);
      if (row.is_null(column)) {
        batch.add(std::nullopt);
        continue;
      }
      std::string value = row.text(column);
      if (plan.target[i].kind == ValueKind::kBoolean && value != "0" && value != "1") {
        throw TransferError("table " + plan.name + ", column " + plan.target[i].name + ": the value '" + value +
                            "' is not a boolean (0 or 1)");
      }
      if (std::find(plan.later.begin(), plan.later.end(), i) != plan.later.end()) {
        later[i].emplace_back(row.text(static_cast<int>(plan.key.front())), std::move(value));
        batch.add(std::nullopt);
        continue;
      }
      batch.add(std::move(value));
    }
    ++rows;
    if (batch.full()) batch.flush(target);
  }
  batch.flush(target);
  for (const auto column : plan.later) set_later_references(target, plan, column, later[column], batch_rows);
  return rows;
}

TableCheck check_table(const TablePlan& plan, sql::Connection& source, sql::Connection& target) {
  const auto checksum = [&plan](sql::Connection& db, const std::string& select, std::int64_t& rows) {
    RowChecksum sum;
    RowReader reader(db, select);
    while (reader.next()) {
      const auto& row = reader.row();
      for (std::size_t i = 0; i < plan.target.size(); ++i) {
        const int column = static_cast<int>(i);
        if (row.is_null(column)) {
          sum.null();
        } else if (plan.target[i].kind == ValueKind::kText) {
          sum.text(row.text(column));
        } else {
          sum.integer(row.int64(column));  // PostgreSQL's booleans read as 1/0, as SQLite stores them
        }
      }
      sum.end_row();
    }
    rows = sum.rows();
    return sum.hex();
  };
  TableCheck check;
  check.table = plan.name;
  check.source_checksum = checksum(source, plan.source_select, check.source_rows);
  check.target_checksum = checksum(target, plan.target_select, check.target_rows);
  return check;
}

void set_sequences(sql::Connection& target, const Layout& layout) {
  // The next id after the largest copied one, so that new rows never collide with copied ones.
  for (const auto& sequence : layout.sequences) {
    if (sequence.table == kSchemaTable) continue;
    auto set = target.prepare("SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX(" +
                              quote_identifier(sequence.column) + ") FROM " + quote_identifier(sequence.table) +
                              "), 0) + 1, false)");
    set.bind_all(quote_identifier(sequence.table), sequence.column).run();
  }
}

void tell(const CopyOptions& options, const std::string& line) {
  if (options.progress) options.progress(line);
}

}  // namespace

bool CopyReport::verified() const {
  return std::all_of(tables.begin(), tables.end(), [](const TableCheck& check) { return check.ok(); });
}

std::string existing_data(sql::Connection& db) {
  std::string out;
  for (const auto table : kFilledTables) {
    if (!sql::table_exists(db, table)) continue;
    auto count = db.prepare("SELECT COUNT(*) FROM " + quote_identifier(table));
    count.step();
    if (count.int64(0) > 0)
      out += (out.empty() ? "" : ", ") + std::to_string(count.int64(0)) + " " + std::string(table);
  }
  return out;
}

CopyReport copy_data(sql::Connection& source, sql::Connection& target, const CopyOptions& options) {
  if (target.dialect() != sql::Dialect::kPostgres) throw TransferError("the target must be a PostgreSQL database");
  CopyReport report;
  ReadSnapshot snapshot(source);
  const auto source_versions = recorded_versions(source, "source");
  sql::Transaction transaction(target);
  const auto target_versions = recorded_versions(target, "target");
  if (source_versions != target_versions) {
    throw TransferError("the schemas differ: the source is at " + describe_versions(source_versions) +
                        ", the target at " + describe_versions(target_versions) +
                        "; both must be migrated to the same version first");
  }
  report.schema_versions = source_versions;
  const auto target_layout = read_layout(target);
  const auto plans = plan_copy(read_layout(source), target_layout, source.dialect());

  std::string all_tables;
  for (const auto& plan : plans) all_tables += (all_tables.empty() ? "" : ", ") + quote_identifier(plan.name);
  target.exec(kLockTimeout);
  try {
    // Nobody else writes the target until COMMIT, so it stays empty between the check and the copy.
    target.exec("LOCK TABLE " + all_tables + " IN ACCESS EXCLUSIVE MODE");
  } catch (const sql::DatabaseError& error) {
    throw TransferError("the target database is in use (its tables stayed locked for 10 s): " +
                        std::string(error.what()));
  }
  if (const auto held = existing_data(target); !held.empty()) {
    throw TransferError("the target database already holds data (" + held +
                        "): migrate-data fills an empty database only");
  }
  // The rows migrations seeded (categories, articles, rules, the SLA calendar ...) give way to the
  // source's, which an admin may have edited.
  target.exec("TRUNCATE TABLE " + all_tables);

  // Indexes that only speed up reads are built once after the load instead of row by row: with a
  // ticket's 15 indexes in place, 300,000 tickets took 45 s instead of 12. Primary keys and unique
  // indexes stay, so a duplicate still fails the copy. DDL is part of the transaction: a rollback
  // brings the indexes back. (The search index's GIN costs the same either way, ~0.25 ms a ticket
  // for its ~250 keys: the largest part of a big copy.)
  const auto copy_start = Clock::now();
  for (const auto& index : target_layout.indexes) target.exec("DROP INDEX " + index.name);
  for (const auto& plan : plans) {
    const auto start = Clock::now();
    try {
      const auto rows = copy_table(plan, source, target, options.batch_rows);
      report.rows += rows;
      tell(options, "copied " + plan.name + ": " + std::to_string(rows) + " rows in " + seconds(since(start)));
    } catch (const sql::DatabaseError& error) {
      throw TransferError("copying table " + plan.name + " failed, nothing was kept: " + error.what());
    }
  }
  const auto index_start = Clock::now();
  for (const auto& index : target_layout.indexes) target.exec(index.definition);
  tell(options, "built " + std::to_string(target_layout.indexes.size()) + " indexes in " + seconds(since(index_start)));
  set_sequences(target, target_layout);
  report.copy_time = since(copy_start);

  tell(options, "verifying: every row read back on both sides");
  const auto verify_start = Clock::now();
  for (const auto& plan : plans) report.tables.push_back(check_table(plan, source, target));
  report.verify_time = since(verify_start);
  if (!report.verified()) return report;  // the transaction rolls back as it goes
  transaction.commit();
  report.committed = true;

  // Fresh statistics for the planner (and GIN's pending entries merged by the vacuum), or its
  // first plans would assume empty tables. The data is in whether or not this works.
  const auto analyze_start = Clock::now();
  try {
    target.exec("VACUUM (ANALYZE) " + all_tables);
  } catch (const sql::DatabaseError& error) {
    report.analyze_error = error.what();
  }
  report.analyze_time = since(analyze_start);
  return report;
}

}  // namespace gongdan::storage::transfer
