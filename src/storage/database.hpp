#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database_engine.hpp"
#include "storage/repositories/sql_access_link_repository.hpp"
#include "storage/repositories/sql_catalog_repository.hpp"
#include "storage/repositories/sql_group_repository.hpp"
#include "storage/repositories/sql_inbound_mail_log.hpp"
#include "storage/repositories/sql_macro_repository.hpp"
#include "storage/repositories/sql_mail_settings_repository.hpp"
#include "storage/repositories/sql_mail_template_repository.hpp"
#include "storage/repositories/sql_outbox_repository.hpp"
#include "storage/repositories/sql_rule_repository.hpp"
#include "storage/repositories/sql_ticket_repository.hpp"
#include "storage/repositories/sql_user_repository.hpp"
#include "storage/sqlite/sqlite_engine.hpp"
#include "storage/storage_error.hpp"

namespace gongdan::storage {

/// How the database is opened.
struct DatabaseOptions {
  /// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB` (or `postgres://`) runs on PostgreSQL; empty:
  /// the embedded SQLite file in `data_dir` (docs/postgres.md).
  std::string url{};
  std::filesystem::path data_dir{};
  std::size_t read_connections = 8;              // SQLite: concurrent readers; more wait for a free one
  std::size_t max_batch = 256;                   // SQLite: write jobs per group commit
  std::chrono::milliseconds busy_timeout{5000};  // SQLite: wait for another process's lock, then kUnavailable
  std::size_t writer_cache_mib = 0;              // SQLite: the writer's page cache; 0: SQLite's default (2 MiB)
  std::size_t pool_size = 16;                    // PostgreSQL: this process's connections
  bool migrate = true;                           // apply pending migrations while opening
  /// Storage failures that cannot travel back as values, with details for the operator's log.
  /// Default: standard error.
  sqlite::ErrorSink on_error{};
  /// Stamps `schema_migrations.applied_at` and saved settings; default: the system clock. Must
  /// outlive the database.
  const core::Clock* clock = nullptr;
};

/// True when `url` names a PostgreSQL database (postgresql:// or postgres://).
bool is_postgres_url(std::string_view url);

/// The database of an installation and the repositories built on it, on either engine:
///   auto db = storage::Database::open({.data_dir = dir});                 // SQLite, created when absent
///   auto db = storage::Database::open({.url = "postgresql://gongdan@db/gongdan"});
///   domain::AuthService auth(db->users(), crypto, clock);
/// Destroying it finishes the queued writes first; repositories must not be used after that.
class Database {
 public:
  static constexpr const char* kSqliteFileName = "gongdan.db";

  /// Opens the engine `options` names (creating the SQLite file and its directory when absent)
  /// and, unless options.migrate is false, applies pending migrations. Start-up only: throws
  /// StorageError when any of it fails.
  static std::unique_ptr<Database> open(DatabaseOptions options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// Applies the pending migrations in one transaction; returns the versions applied (empty when
  /// the schema is current). Error kUnavailable, e.g. when the schema is newer than this program.
  core::Result<std::vector<int>> migrate();
  /// The schema version of the database (0 before any migration).
  core::Result<int> schema_version();

  sql::Dialect dialect() const { return engine_->dialect(); }
  /// See DatabaseEngine::tidy_search_index (SQLite: merges FTS5 segments while the writer is idle).
  int tidy_search_index() { return engine_->tidy_search_index(); }
  /// See DatabaseEngine::in_one_snapshot (SQLite: the reads `work` makes share one transaction).
  void in_one_snapshot(const std::function<void()>& work) { engine_->in_one_snapshot(work); }
  /// Where the data lives, for the operator's log (never a password).
  std::string describe() const { return engine_->describe(); }
  /// Engine-neutral work on the database, for maintenance commands and tests.
  sql::Store& store() { return engine_->store(); }
  /// The SQLite engine's internals (the bulk loader, SQLite-only tests); nullptr on PostgreSQL.
  sqlite::SqliteEngine* sqlite() { return sqlite_; }

  domain::UserRepository& users() { return users_; }
  domain::TicketRepository& tickets() { return tickets_; }
  domain::CatalogRepository& catalog() { return catalog_; }
  domain::OutboxRepository& outbox() { return outbox_; }
  domain::AccessLinkRepository& access_links() { return access_links_; }
  domain::MailTemplateRepository& mail_templates() { return mail_templates_; }
  domain::MailSettingsRepository& mail_settings() { return mail_settings_; }
  domain::InboundMailLog& inbound_log() { return inbound_log_; }
  domain::GroupRepository& groups() { return groups_; }
  domain::MacroRepository& macros() { return macros_; }
  domain::RuleRepository& rules() { return rules_; }

 private:
  Database(DatabaseOptions options, std::unique_ptr<DatabaseEngine> engine);
  const core::Clock& clock() const;

  DatabaseOptions options_;
  std::unique_ptr<DatabaseEngine> engine_;
  sqlite::SqliteEngine* sqlite_;  // engine_ when it is SQLite
  SqlUserRepository users_;
  SqlTicketRepository tickets_;
  SqlCatalogRepository catalog_;
  SqlOutboxRepository outbox_;
  SqlAccessLinkRepository access_links_;
  SqlMailTemplateRepository mail_templates_;
  SqlMailSettingsRepository mail_settings_;
  SqlInboundMailLog inbound_log_;
  SqlGroupRepository groups_;
  SqlMacroRepository macros_;
  SqlRuleRepository rules_;
};

}  // namespace gongdan::storage
