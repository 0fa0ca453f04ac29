#include "storage/transfer/table_layout.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace gongdan::storage::transfer {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// sqlite_schema's own tables (sqlite_sequence, sqlite_stat1) and FTS5's shadow tables hold the
// engine's bookkeeping, not Gongdan's data: pragma_table_list tells them apart ('shadow').
constexpr std::string_view kSqliteTables =
    "SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') "
    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
constexpr std::string_view kSqliteColumns = "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid";

Layout read_sqlite_layout(sql::Connection& db) {
  Layout layout;
  auto tables = db.prepare(kSqliteTables);
  while (tables.step()) {
    Table table;
    table.name = tables.text(0);
    table.rowid_key = tables.text(1) == "virtual";
    layout.tables.push_back(std::move(table));
  }
  for (auto& table : layout.tables) {
    if (table.rowid_key) {
      table.columns.push_back({"rowid", "rowid", ValueKind::kInteger, "INTEGER", false});
      table.primary_key.push_back("rowid");
    }
    std::vector<std::pair<std::int64_t, std::string>> key;
    auto columns = db.prepare(kSqliteColumns);
    columns.bind(1, table.name);
    while (columns.step()) {
      Column column;
      column.name = columns.text(0);
      column.expression = quote_identifier(column.name);
      column.type = columns.text(1);
      column.kind = sqlite_kind(column.type, table.rowid_key);
      column.nullable = columns.int64(2) == 0;
      if (columns.int64(3) > 0) key.emplace_back(columns.int64(3), column.name);
      table.columns.push_back(std::move(column));
    }
    std::sort(key.begin(), key.end());
    for (auto& [position, name] : key) table.primary_key.push_back(std::move(name));
  }
  return layout;
}

constexpr std::string_view kPostgresTables =
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
    "AND table_type = 'BASE TABLE' ORDER BY table_name";
constexpr std::string_view kPostgresColumns =
    "SELECT table_name, column_name, data_type, is_nullable, is_identity, COALESCE(column_default, '') "
    "FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position";
constexpr std::string_view kPostgresPrimaryKeys =
    "SELECT k.table_name, k.column_name FROM information_schema.table_constraints c "
    "JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema "
    "AND k.constraint_name = c.constraint_name AND k.table_name = c.table_name "
    "WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema() "
    "ORDER BY k.table_name, k.ordinal_position";
constexpr std::string_view kPostgresForeignKeys =
    "SELECT src.relname, a.attname, dst.relname FROM pg_catalog.pg_constraint c "
    "JOIN pg_catalog.pg_class src ON src.oid = c.conrelid "
    "JOIN pg_catalog.pg_class dst ON dst.oid = c.confrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = src.relnamespace "
    "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
    "WHERE c.contype = 'f' AND n.nspname = current_schema() ORDER BY src.relname, a.attname, dst.relname";

constexpr std::string_view kPostgresSecondaryIndexes =
    "SELECT t.relname, quote_ident(x.relname), pg_get_indexdef(i.indexrelid) FROM pg_catalog.pg_index i "
    "JOIN pg_catalog.pg_class x ON x.oid = i.indexrelid "
    "JOIN pg_catalog.pg_class t ON t.oid = i.indrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
    "WHERE n.nspname = current_schema() AND NOT i.indisprimary AND NOT i.indisunique "
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = i.indexrelid) "
    "ORDER BY t.relname, x.relname";

Layout read_postgres_layout(sql::Connection& db) {
  Layout layout;
  std::map<std::string, Table> tables;
  auto names = db.prepare(kPostgresTables);
  while (names.step()) tables[names.text(0)].name = names.text(0);

  auto columns = db.prepare(kPostgresColumns);
  while (columns.step()) {
    auto table = tables.find(columns.text(0));
    if (table == tables.end()) continue;  // a view's columns
    Column column;
    column.name = columns.text(1);
    column.expression = quote_identifier(column.name);
    column.type = columns.text(2);
    column.kind = postgres_kind(column.type);
    column.nullable = columns.text(3) == "YES";
    if (columns.text(4) == "YES" || columns.text(5).starts_with("nextval(")) {
      layout.sequences.push_back({table->first, column.name});
    }
    table->second.columns.push_back(std::move(column));
  }

  auto keys = db.prepare(kPostgresPrimaryKeys);
  while (keys.step()) {
    auto table = tables.find(keys.text(0));
    if (table != tables.end()) table->second.primary_key.push_back(keys.text(1));
  }

  auto references = db.prepare(kPostgresForeignKeys);
  while (references.step()) layout.foreign_keys.push_back({references.text(0), references.text(1), references.text(2)});

  auto indexes = db.prepare(kPostgresSecondaryIndexes);
  while (indexes.step()) layout.indexes.push_back({indexes.text(0), indexes.text(1), indexes.text(2)});

  for (auto& [name, table] : tables) layout.tables.push_back(std::move(table));
  return layout;
}

}  // namespace

const Table* Layout::find(std::string_view name) const {
  for (const auto& table : tables) {
    if (table.name == name) return &table;
  }
  return nullptr;
}

Layout read_layout(sql::Connection& db) {
  return db.dialect() == sql::Dialect::kSqlite ? read_sqlite_layout(db) : read_postgres_layout(db);
}

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  out += '"';
  return out;
}

ValueKind sqlite_kind(std::string_view declared_type, bool virtual_table) {
  const std::string type = upper(declared_type);
  if (type.find("INT") != std::string::npos || type.find("BOOL") != std::string::npos) return ValueKind::kInteger;
  if (type.find("CHAR") != std::string::npos || type.find("CLOB") != std::string::npos ||
      type.find("TEXT") != std::string::npos) {
    return ValueKind::kText;
  }
  if (type.empty() && virtual_table) return ValueKind::kText;
  return ValueKind::kUnsupported;
}

ValueKind postgres_kind(std::string_view data_type) {
  if (data_type == "bigint" || data_type == "integer" || data_type == "smallint") return ValueKind::kInteger;
  if (data_type == "boolean") return ValueKind::kBoolean;
  if (data_type == "text" || data_type == "character varying" || data_type == "character") return ValueKind::kText;
  return ValueKind::kUnsupported;
}

}  // namespace gongdan::storage::transfer
