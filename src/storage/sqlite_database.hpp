#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/sqlite/reader_pool.hpp"
#include "storage/sqlite/sqlite_access_link_repository.hpp"
#include "storage/sqlite/sqlite_catalog_repository.hpp"
#include "storage/sqlite/sqlite_group_repository.hpp"
#include "storage/sqlite/sqlite_inbound_mail_log.hpp"
#include "storage/sqlite/sqlite_macro_repository.hpp"
#include "storage/sqlite/sqlite_mail_settings_repository.hpp"
#include "storage/sqlite/sqlite_mail_template_repository.hpp"
#include "storage/sqlite/sqlite_outbox_repository.hpp"
#include "storage/sqlite/sqlite_rule_repository.hpp"
#include "storage/sqlite/sqlite_ticket_repository.hpp"
#include "storage/sqlite/sqlite_user_repository.hpp"
#include "storage/sqlite/store.hpp"
#include "storage/sqlite/writer.hpp"
#include "storage/storage_error.hpp"

namespace gongdan::storage {

/// How the embedded database is opened.
struct SqliteOptions {
  std::size_t read_connections = 8;              // concurrent readers; more wait for a free one
  std::size_t max_batch = 256;                   // write jobs per group commit
  std::chrono::milliseconds busy_timeout{5000};  // wait for another process's lock, then kUnavailable
  bool migrate = true;                           // apply pending migrations while opening
  std::size_t writer_cache_mib = 0;              // the writer's page cache; 0: SQLite's default (2 MiB)
  /// Storage failures that cannot travel back as values, with details for the operator's log.
  /// Default: standard error.
  sqlite::ErrorSink on_error;
  /// Stamps `schema_migrations.applied_at` and saved settings; default: the system clock. Must
  /// outlive the database.
  const core::Clock* clock = nullptr;
};

/// The embedded SQLite database of a data directory (`<data_dir>/gongdan.db`): the single writer,
/// the reader pool and the repositories built on them.
///   auto db = storage::SqliteDatabase::open(data_dir);   // creates, opens and migrates
///   domain::AuthService auth(db->users(), crypto, clock);
/// Destroying it finishes the queued writes first; repositories must not be used after that.
class SqliteDatabase {
 public:
  static constexpr const char* kFileName = "gongdan.db";

  /// Creates the directory and the database file when absent, opens the writer and the readers,
  /// and (unless options.migrate is false) applies pending migrations. Start-up only: throws
  /// StorageError when any of it fails.
  static std::unique_ptr<SqliteDatabase> open(const std::filesystem::path& data_dir, SqliteOptions options = {});
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  /// Applies the pending migrations in one transaction; returns the versions applied (empty when
  /// the schema is current). Error kUnavailable, e.g. when the file's schema is newer than this program.
  core::Result<std::vector<int>> migrate();
  /// The schema version of the database file (0 before any migration).
  core::Result<int> schema_version();

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

  const std::filesystem::path& path() const { return path_; }
  /// The engine internals, for tests and maintenance commands.
  sqlite::Writer& writer() { return *writer_; }
  sqlite::ReaderPool& readers() { return *readers_; }
  sqlite::Store& store() { return store_; }

 private:
  SqliteDatabase(std::filesystem::path path, SqliteOptions options, std::unique_ptr<sqlite::Writer> writer,
                 std::unique_ptr<sqlite::ReaderPool> readers);
  const core::Clock& clock() const;

  std::filesystem::path path_;
  SqliteOptions options_;
  std::unique_ptr<sqlite::Writer> writer_;
  std::unique_ptr<sqlite::ReaderPool> readers_;
  sqlite::Store store_;
  SqliteUserRepository users_;
  SqliteTicketRepository tickets_;
  SqliteCatalogRepository catalog_;
  SqliteOutboxRepository outbox_;
  SqliteAccessLinkRepository access_links_;
  SqliteMailTemplateRepository mail_templates_;
  SqliteMailSettingsRepository mail_settings_;
  SqliteInboundMailLog inbound_log_;
  SqliteGroupRepository groups_;
  SqliteMacroRepository macros_;
  SqliteRuleRepository rules_;
};

}  // namespace gongdan::storage
