#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/sql/connection.hpp"

namespace gongdan::storage::transfer {

/// How a column's values move and how the verification renders them.
enum class ValueKind {
  kInteger,      // SQLite INTEGER/BIGINT/BOOLEAN affinity; PostgreSQL bigint, integer, smallint
  kBoolean,      // PostgreSQL boolean (SQLite stores 0/1)
  kText,         // text of any kind
  kUnsupported,  // anything else (REAL, BLOB, numeric, json ...): migrate-data refuses the table
};

/// One column as an engine's catalog describes it.
struct Column {
  std::string name;
  /// What a SELECT reads for it: the quoted name, or `rowid` for the key of an SQLite virtual table.
  std::string expression;
  ValueKind kind = ValueKind::kText;
  std::string type;  // as declared (SQLite) or information_schema.columns.data_type (PostgreSQL)
  bool nullable = true;
};

/// One table of a database's schema.
struct Table {
  std::string name;
  std::vector<Column> columns;           // in the table's order
  std::vector<std::string> primary_key;  // column names in key order; empty when there is none
  /// An SQLite virtual table (the FTS5 search index): its rowid, listed first among the columns
  /// under the name `rowid`, is its key. It stands for the other engine's single-column primary key.
  bool rowid_key = false;
};

/// `table.column` references `referenced_table` (PostgreSQL only; the copy order comes from it).
struct ForeignKey {
  std::string table;
  std::string column;
  std::string referenced_table;
};

/// A column whose new values come from a sequence (identity or serial; PostgreSQL only).
struct SequenceColumn {
  std::string table;
  std::string column;
};

/// An index that only speeds up reads (not a primary key, unique index or constraint's), which a
/// bulk load drops and builds again afterwards (PostgreSQL only).
struct SecondaryIndex {
  std::string table;
  std::string name;        // quoted, ready for DROP INDEX
  std::string definition;  // pg_get_indexdef: the CREATE INDEX statement that makes it again
};

/// A database's tables as its catalog describes them: SQLite's sqlite_schema and pragma_table_info
/// (FTS5 shadow tables and sqlite_* tables left out), PostgreSQL's information_schema and
/// pg_constraint in the current schema.
struct Layout {
  std::vector<Table> tables;  // by name
  std::vector<ForeignKey> foreign_keys;
  std::vector<SequenceColumn> sequences;
  std::vector<SecondaryIndex> indexes;

  const Table* find(std::string_view name) const;
};

/// Reads the layout of the database `db` is connected to. Throws sql::DatabaseError.
Layout read_layout(sql::Connection& db);

/// `name` as a double-quoted SQL identifier (both engines).
std::string quote_identifier(std::string_view name);

/// The kind of an SQLite declared type, by SQLite's affinity rules (an empty type is text only in
/// a virtual table, whose columns hold text).
ValueKind sqlite_kind(std::string_view declared_type, bool virtual_table);
/// The kind of a PostgreSQL information_schema data_type.
ValueKind postgres_kind(std::string_view data_type);

}  // namespace gongdan::storage::transfer
