#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "core/fake_clock.hpp"
#include "storage/database.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/postgres/migrator.hpp"
#include "storage/sql/migration.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/connection_adapter.hpp"
#include "storage/sqlite/migrator.hpp"
#include "storage/testing/mail_samples.hpp"
#include "storage/testing/pg_test_database.hpp"
#include "storage/testing/temp_dir.hpp"
#include "storage/transfer/data_copy.hpp"
#include "storage/transfer/sqlite_to_postgres.hpp"

// gongdan migrate-data's storage part: an installation's SQLite data copied into PostgreSQL, verified
// row by row, or nothing written at all.
namespace gongdan::storage::transfer {
namespace {

using domain::Role;

constexpr std::int64_t kT0 = 1'764'000'000'000;
const std::string kSubject = "应用启动时闪退 💥 crash on start";
const std::string kDescription =
    "打开应用后立即退出。\n重启手机也没用 😢\n\tTabs, \"quotes\", 'apostrophes' and \\ too.";

// An installation's SQLite database, filled through storage::Database as the server fills it.
struct SqliteInstallation {
  SqliteInstallation() { db = Database::open({.data_dir = dir.path(), .clock = &clock}); }

  domain::User user(const std::string& email, const std::string& name, Role role) {
    auto made = db->users().create({email, name, role, domain::Locale::kZhCn, "$argon2id$v=19$hash", clock.now()});
    if (!made) throw std::runtime_error(made.error().message);
    return *made;
  }

  domain::Ticket ticket(int n, const std::optional<domain::User>& customer, const std::string& subject,
                        std::vector<domain::StoredFile> files = {}) {
    domain::NewTicket draft;
    auto& t = draft.ticket;
    std::array<std::uint8_t, 5> symbols{static_cast<std::uint8_t>(n), 3, 1, 4, 1};
    t.number = domain::TicketNumber::make({2026, 2, 14}, symbols);
    t.category_id = core::CategoryId{5};
    t.subject = subject;
    t.description = kDescription;
    t.environment = {"ios", "iOS 18.1", "8.0.2", "iPhone 16"};
    t.created_at = core::from_epoch_ms(kT0 + n * 1000);
    t.updated_at = t.created_at;
    if (customer) {
      t.customer = {customer->id, customer->name, customer->email};
    } else {
      t.customer = {std::nullopt, "访客 " + std::to_string(n), "guest" + std::to_string(n) + "@example.com"};
    }
    draft.first_message.author = {t.customer.user_id, t.customer.name, Role::kCustomer};
    draft.first_message.body = t.description;
    draft.first_message.files = std::move(files);
    draft.effects.mails = {testing::sample_mail(t.customer.email, domain::MailKind::kTicketConfirmation)};
    draft.effects.links = {testing::sample_link("digest-" + std::to_string(n), t.created_at)};
    draft.idempotency = domain::IdempotencyKey{"guest:" + t.customer.email, "key-" + std::to_string(n)};
    auto made = db->tickets().create(draft);
    if (!made) throw std::runtime_error(made.error().message);
    return *made;
  }

  void sql(const std::string& text) {
    auto done = db->store().write([&](sql::Connection& c) -> core::Result<bool> {
      c.exec(text);
      return true;
    });
    if (!done) throw std::runtime_error(done.error().message);
  }

  std::int64_t count(const std::string& table) {
    auto counted = db->store().read([&](sql::Connection& c) {
      auto st = c.prepare("SELECT COUNT(*) FROM " + table);
      st.step();
      return st.int64(0);
    });
    return counted.value();
  }

  /// Fills every kind of row an installation has: accounts, tickets with Chinese text and emoji,
  /// guest and customer tickets, replies, internal notes, attachments, tags, a merge into a newer
  /// ticket, mails and links in the outbox, SLA clocks and events, settings and inbound mail.
  void fill() {
    const auto customer = user("li.lei@example.com", "李雷 🐉", Role::kCustomer);
    agent = user("wang.fang@example.com", "王芳", Role::kAgent);
    user("admin@example.com", "管理员 Admin", Role::kAdmin);
    const auto first = ticket(1, customer, kSubject, {{"截图 1.png", "image/png", 48213, "ab/cdef0123456789"}});
    const auto second = ticket(2, std::nullopt, "无法登录 — cannot sign in");
    const auto third = ticket(3, std::nullopt, "收不到验证码");
    auto replied = db->tickets().modify(second.id, [&](const domain::Ticket& current) {
      domain::TicketChange change{
          current, domain::NewMessage{{agent.id, agent.name, Role::kAgent}, "请重试。", false, {}}, {}};
      change.updated.status = domain::Status::kOpen;
      change.updated.priority = domain::Priority::kUrgent;
      change.updated.tags = {"vip", "登录"};
      change.updated.assignee_id = agent.id;
      change.updated.updated_at = core::from_epoch_ms(kT0 + 10'000);
      change.more_messages.push_back({{agent.id, agent.name, Role::kAgent}, "内部备注：VIP 客户", true, {}});
      change.events.push_back({domain::EventType::kStatusChanged, "new", "open", {agent.id, agent.name, Role::kAgent}});
      return core::Result<domain::TicketChange>(change);
    });
    if (!replied) throw std::runtime_error(replied.error().message);
    // The first ticket merged into the third: a reference to a later row of the same table.
    auto merged = db->tickets().merge(
        first.id, third.id,
        [&](const domain::Ticket& source, const domain::Ticket& target) -> core::Result<domain::MergePlan> {
          domain::MergePlan plan{{source, std::nullopt, {}}, {target, std::nullopt, {}}, true};
          plan.source.updated.status = domain::Status::kClosed;
          plan.source.updated.closed_at = core::from_epoch_ms(kT0 + 20'000);
          plan.source.updated.updated_at = core::from_epoch_ms(kT0 + 20'000);
          plan.target.updated.updated_at = core::from_epoch_ms(kT0 + 20'000);
          return plan;
        });
    if (!merged) throw std::runtime_error(merged.error().message);
    sql("INSERT INTO ticket_sla (ticket_id, clock, first_response_at, cycle, closed) VALUES (2, 's1764000002000', "
        "1764000010000, 1, 0) ON CONFLICT (ticket_id) DO UPDATE SET first_response_at = excluded.first_response_at");
    sql("INSERT INTO sla_events (ticket_id, kind, target, cycle, at, priority, started_at, due_at) VALUES "
        "(2, 'warning', 'first_response', 0, 1764000009000, 3, 1764000002000, NULL)");
    sql("INSERT INTO settings (key, value, updated_at) VALUES ('mail', '{\"from\": \"客服 <help@example.com>\"}', 1)");
    sql("INSERT INTO inbound_mail (message_id, sender, outcome, received_at) VALUES ('m1@example.com', "
        "'guest2@example.com', 'comment', 1764000030000)");
    sql("UPDATE categories SET name_zh = '账号与登录（已改）' WHERE id = 1");
  }

  storage::testing::TempDir dir;
  core::FakeClock clock{core::from_epoch_ms(kT0)};
  std::unique_ptr<Database> db;
  domain::User agent;
};

// A fresh database on the test cluster, and a connection to it.
struct Target {
  Target() : connection(std::make_unique<postgres::Connection>(pg.url())) {}

  std::int64_t count(const std::string& table) {
    auto st = connection->prepare("SELECT COUNT(*) FROM " + table);
    st.step();
    return st.int64(0);
  }
  std::string text(const std::string& query) {
    auto st = connection->prepare(query);
    return st.step() ? st.text(0) : "(no row)";
  }

  storage::testing::PgTestDatabase pg;
  std::unique_ptr<postgres::Connection> connection;
};

// Every index of the current schema as PostgreSQL would create it again, in a fixed order.
std::vector<std::string> index_definitions(sql::Connection& db) {
  std::vector<std::string> out;
  auto st = db.prepare("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname");
  while (st.step()) out.push_back(st.text(0));
  return out;
}

// The indexes of a database at the current schema, as migrations make them.
std::vector<std::string> migrated_indexes() {
  Target fresh;
  postgres::migrate(*fresh.connection, sql::migrations(), core::from_epoch_ms(kT0));
  return index_definitions(*fresh.connection);
}

// Every row of a table in key order, each value rendered with NULL told apart, for comparing the
// two engines independently of the code under test.
std::vector<std::string> dump(sql::Connection& db, const std::string& table, const std::string& columns,
                              const std::string& order) {
  std::vector<std::string> rows;
  auto st = db.prepare("SELECT " + columns + " FROM " + table + " ORDER BY " + order);
  while (st.step()) {
    std::string row;
    for (int i = 0; i < static_cast<int>(std::count(columns.begin(), columns.end(), ',')) + 1; ++i) {
      row += st.is_null(i) ? "<NULL>" : "[" + st.text(i) + "]";
    }
    rows.push_back(row);
  }
  return rows;
}

TEST(DataCopyTest, CopiesEveryTableAndVerifiesIt) {
  SqliteInstallation source;
  source.fill();
  const auto tickets = source.count("tickets");
  const auto messages = source.count("messages");
  ASSERT_EQ(tickets, 3);
  source.db.reset();  // the server stopped

  Target target;
  std::vector<std::string> progress;
  // Two rows per INSERT: full and partial batches, and ticket 1's reference to ticket 3 (merged
  // into it) arrives a statement before ticket 3 does.
  const auto report = copy_sqlite_to_postgres(
      source.dir.path(), target.pg.url(), core::from_epoch_ms(kT0),
      {.progress = [&](std::string_view line) { progress.emplace_back(line); }, .batch_rows = 2});
  ASSERT_TRUE(report.committed);
  EXPECT_TRUE(report.verified());
  EXPECT_EQ(report.schema_versions.back(), sql::migrations().back().version);
  EXPECT_TRUE(report.analyze_error.empty()) << report.analyze_error;

  std::map<std::string, TableCheck> checks;
  for (const auto& check : report.tables) checks[check.table] = check;
  EXPECT_FALSE(checks.contains("schema_migrations"));
  for (const auto table : {"users", "tickets", "messages", "attachments", "ticket_events", "ticket_tags", "outbox",
                           "access_links", "idempotency_keys", "ticket_sla", "sla_events", "ticket_search",
                           "categories", "articles", "rules", "sla_calendar_days", "settings", "inbound_mail"}) {
    ASSERT_TRUE(checks.contains(table)) << table;
    EXPECT_TRUE(checks[table].ok()) << table;
    EXPECT_EQ(checks[table].source_checksum.size(), 32U);
  }
  EXPECT_EQ(checks["users"].target_rows, 3);
  EXPECT_EQ(checks["tickets"].target_rows, tickets);
  EXPECT_EQ(checks["messages"].target_rows, messages);
  EXPECT_EQ(checks["ticket_search"].target_rows, tickets);
  EXPECT_EQ(checks["attachments"].target_rows, 2);  // the merge copied the file's record
  // Referenced tables come first.
  std::vector<std::string> order;
  for (const auto& check : report.tables) order.push_back(check.table);
  const auto position = [&](const std::string& table) { return std::find(order.begin(), order.end(), table); };
  EXPECT_LT(position("users"), position("tickets"));
  EXPECT_LT(position("categories"), position("tickets"));
  EXPECT_LT(position("tickets"), position("messages"));
  EXPECT_LT(position("messages"), position("attachments"));
  EXPECT_LT(position("tickets"), position("ticket_search"));
  EXPECT_FALSE(progress.empty());
  // The indexes dropped for the load are all back, as the migrations made them.
  const auto indexes = index_definitions(*target.connection);
  EXPECT_GT(indexes.size(), 30U);
  EXPECT_EQ(indexes, migrated_indexes());

  // Compared outside the code under test: the same rows, byte for byte, NULLs as NULLs.
  auto reopened = Database::open({.data_dir = source.dir.path(), .migrate = false});
  const auto compare = [&](const std::string& table, const std::string& sqlite_columns, const std::string& pg_columns,
                           const std::string& order_by) {
    auto from = reopened->store().read(
        [&](sql::Connection& c) { return dump(c, table, sqlite_columns, order_by == "rowid" ? "rowid" : order_by); });
    ASSERT_TRUE(from.ok());
    EXPECT_EQ(dump(*target.connection, table, pg_columns, order_by == "rowid" ? "ticket_id" : order_by), *from)
        << table;
  };
  compare("tickets",
          "id, number, subject, description, occurred_at, customer_user_id, guest_name, guest_email, status, priority, "
          "assignee_user_id, merged_into_ticket_id, closed_at, sla_due_at, channel",
          "id, number, subject, description, occurred_at, customer_user_id, guest_name, guest_email, status, priority, "
          "assignee_user_id, merged_into_ticket_id, closed_at, sla_due_at, channel",
          "id");
  compare("messages", "id, ticket_id, author_user_id, author_name, body, internal, created_at",
          "id, ticket_id, author_user_id, author_name, body, internal, created_at", "id");
  compare("users", "id, email, name, role, password_hash, email_verified_at, away",
          "id, email, name, role, password_hash, email_verified_at, away", "id");
  compare("ticket_search", "rowid, tokens", "ticket_id, tokens", "rowid");
  compare("outbox", "id, kind, to_email, payload, ticket_id, lease_until",
          "id, kind, to_email, payload, ticket_id, "
          "lease_until",
          "id");
  compare("ticket_tags", "ticket_id, tag", "ticket_id, tag", "ticket_id, tag");
  compare("sla_events", "id, ticket_id, kind, due_at", "id, ticket_id, kind, due_at", "id");
  compare("categories", "id, name_zh, group_id", "id, name_zh, group_id", "id");
  EXPECT_EQ(target.text("SELECT subject FROM tickets WHERE id = 1"), kSubject);
  EXPECT_EQ(target.text("SELECT CAST(merged_into_ticket_id AS TEXT) FROM tickets WHERE id = 1"), "3");
  EXPECT_EQ(target.text("SELECT name_zh FROM categories WHERE id = 1"), "账号与登录（已改）");

  // New rows continue after the copied ids on every identity column.
  EXPECT_EQ(target.text("INSERT INTO users (email, name, role, locale, password_hash, created_at) VALUES "
                        "('new@example.com', 'New', 'customer', 'en', 'x', 1) RETURNING CAST(id AS TEXT)"),
            "4");
  EXPECT_EQ(target.text("INSERT INTO messages (ticket_id, author_name, author_role, body, created_at) VALUES "
                        "(2, 'x', 'agent', 'x', 1) RETURNING CAST(id AS TEXT)"),
            std::to_string(messages + 1));
  // The search index answers on PostgreSQL: a two-character Chinese word of the subject.
  EXPECT_EQ(target.text("SELECT CAST(ticket_id AS TEXT) FROM ticket_search WHERE gongdan_search_terms(tokens) @> "
                        "string_to_array('闪退', ' ') ORDER BY ticket_id LIMIT 1"),
            "1");
}

TEST(DataCopyTest, RefusesATargetThatHoldsUsersOrTickets) {
  SqliteInstallation source;
  source.fill();
  source.db.reset();
  Target target;
  postgres::migrate(*target.connection, sql::migrations(), core::from_epoch_ms(kT0));
  target.connection->exec(
      "INSERT INTO users (email, name, role, locale, password_hash, created_at) VALUES ('x@example.com', 'x', "
      "'admin', 'en', 'x', 1)");
  try {
    copy_sqlite_to_postgres(source.dir.path(), target.pg.url(), core::from_epoch_ms(kT0));
    FAIL() << "copied into a database holding a user";
  } catch (const TransferError& error) {
    EXPECT_NE(std::string(error.what()).find("already holds data (1 users)"), std::string::npos) << error.what();
  }
  // copy_data checks again inside its own transaction (a server may have written since).
  sqlite::Connection file(source.dir.path() / Database::kSqliteFileName, sqlite::Connection::Mode::kReadOnly,
                          std::chrono::seconds(1));
  sqlite::ConnectionAdapter adapter(file);
  EXPECT_THROW(copy_data(adapter, *target.connection), TransferError);
  EXPECT_EQ(target.count("users"), 1);
  EXPECT_EQ(target.count("tickets"), 0);
  EXPECT_EQ(target.count("categories"), 7);  // the seeds stay
}

TEST(DataCopyTest, RefusesAForeignDatabaseWithoutTouchingIt) {
  SqliteInstallation source;
  source.db.reset();
  Target target;
  target.connection->exec("CREATE TABLE invoices (id BIGINT PRIMARY KEY)");
  try {
    copy_sqlite_to_postgres(source.dir.path(), target.pg.url(), core::from_epoch_ms(kT0));
    FAIL() << "copied into another application's database";
  } catch (const TransferError& error) {
    EXPECT_NE(std::string(error.what()).find("not Gongdan's (invoices"), std::string::npos) << error.what();
  }
  EXPECT_EQ(target.text("SELECT CAST(COUNT(*) AS TEXT) FROM information_schema.tables WHERE table_schema = "
                        "current_schema()"),
            "1");
}

TEST(DataCopyTest, RefusesDifferentSchemaVersions) {
  SqliteInstallation source;
  source.fill();
  source.db.reset();
  Target target;
  const auto all = sql::migrations();
  postgres::migrate(*target.connection, all.first(all.size() - 1), core::from_epoch_ms(kT0));
  sqlite::Connection file(source.dir.path() / Database::kSqliteFileName, sqlite::Connection::Mode::kReadOnly,
                          std::chrono::seconds(1));
  sqlite::ConnectionAdapter adapter(file);
  try {
    copy_data(adapter, *target.connection);
    FAIL() << "copied between schema versions";
  } catch (const TransferError& error) {
    EXPECT_NE(std::string(error.what()).find("the schemas differ"), std::string::npos) << error.what();
  }
  EXPECT_EQ(target.count("tickets"), 0);
}

TEST(DataCopyTest, RefusesAnOlderSqliteDatabaseAndSaysHowToUpgradeIt) {
  storage::testing::TempDir dir;
  {
    sqlite::Connection file(dir.path() / Database::kSqliteFileName, sqlite::Connection::Mode::kReadWrite,
                            std::chrono::seconds(1));
    const auto all = sql::migrations();
    file.exec("BEGIN");
    sqlite::apply_migrations(file, all.first(all.size() - 1), core::from_epoch_ms(kT0));
    file.exec("COMMIT");
  }
  Target target;
  try {
    copy_sqlite_to_postgres(dir.path(), target.pg.url(), core::from_epoch_ms(kT0));
    FAIL() << "copied an older schema";
  } catch (const TransferError& error) {
    EXPECT_NE(std::string(error.what()).find("upgrade it first (gongdan migrate --data-dir"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(target.text("SELECT CAST(COUNT(*) AS TEXT) FROM information_schema.tables WHERE table_schema = "
                        "current_schema()"),
            "0");  // not even migrated
}

TEST(DataCopyTest, AFailureMidWayLeavesTheTargetEmpty) {
  SqliteInstallation source;
  source.fill();
  // SQLite stores a NUL byte inside text; PostgreSQL's text cannot hold one. The messages come
  // after users and tickets, so those were written when the copy fails.
  auto updated = source.db->store().write([](sql::Connection& c) -> core::Result<bool> {
    c.prepare("UPDATE messages SET body = ? WHERE id = 2").bind(1, std::string_view("a\0b", 3)).run();
    return true;
  });
  ASSERT_TRUE(updated.ok());
  source.db.reset();
  Target target;
  try {
    copy_sqlite_to_postgres(source.dir.path(), target.pg.url(), core::from_epoch_ms(kT0));
    FAIL() << "a NUL byte was copied";
  } catch (const TransferError& error) {
    EXPECT_NE(std::string(error.what()).find("copying table messages failed, nothing was kept"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(target.count("users"), 0);
  EXPECT_EQ(target.count("tickets"), 0);
  EXPECT_EQ(target.count("ticket_search"), 0);
  EXPECT_EQ(target.count("categories"), 7);  // as the migrations left it
  // Fixed at the source, the next run goes through on the same target.
  updated =
      Database::open({.data_dir = source.dir.path()})->store().write([](sql::Connection& c) -> core::Result<bool> {
        c.exec("UPDATE messages SET body = 'ab' WHERE id = 2");
        return true;
      });
  ASSERT_TRUE(updated.ok());
  EXPECT_TRUE(copy_sqlite_to_postgres(source.dir.path(), target.pg.url(), core::from_epoch_ms(kT0)).committed);
  EXPECT_EQ(target.count("tickets"), 3);
}

TEST(DataCopyTest, ARowChangedOnTheWayFailsTheVerificationAndRollsBack) {
  SqliteInstallation source;
  source.fill();
  source.db.reset();
  Target target;
  postgres::migrate(*target.connection, sql::migrations(), core::from_epoch_ms(kT0));
  // Something in the target alters what arrives: the verification, not the INSERT, notices.
  target.connection->exec(
      "CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.body := upper(NEW.body); "
      "RETURN NEW; END $$; CREATE TRIGGER shout BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION shout()");
  const auto report = copy_sqlite_to_postgres(source.dir.path(), target.pg.url(), core::from_epoch_ms(kT0));
  EXPECT_FALSE(report.committed);
  EXPECT_FALSE(report.verified());
  for (const auto& check : report.tables) {
    EXPECT_EQ(check.ok(), check.table != "messages") << check.table;
    if (check.table == "messages") {
      EXPECT_EQ(check.source_rows, check.target_rows);
      EXPECT_NE(check.source_checksum, check.target_checksum);
    }
  }
  EXPECT_EQ(target.count("users"), 0);
  EXPECT_EQ(target.count("messages"), 0);
  EXPECT_EQ(index_definitions(*target.connection), migrated_indexes());  // the rollback kept them
}

TEST(DataCopyTest, CopiesOneSnapshotWhileAServerKeepsWriting) {
  SqliteInstallation source;
  source.fill();
  Target target;
  int written = 0;
  const auto report = copy_sqlite_to_postgres(
      source.dir.path(), target.pg.url(), core::from_epoch_ms(kT0), {.progress = [&](std::string_view line) {
        // After the first table, the running server takes a ticket and a user; the copy must
        // neither see them nor find the source changed when it verifies.
        if (written++ == 0 && line.starts_with("copied")) {
          source.ticket(9, source.user("late@example.com", "迟到", Role::kCustomer), "后来的工单");
        }
      }});
  EXPECT_TRUE(report.committed);
  EXPECT_TRUE(report.verified());
  EXPECT_EQ(source.count("tickets"), 4);
  EXPECT_EQ(target.count("tickets"), 3);
  EXPECT_EQ(target.count("users"), 3);
}

TEST(DataCopyTest, NeverShowsThePasswordOfTheUrl) {
  SqliteInstallation source;
  source.db.reset();
  try {
    copy_sqlite_to_postgres(source.dir.path(), "postgresql://gongdan:hunter2secret@127.0.0.1:1/gongdan",
                            core::from_epoch_ms(kT0));
    FAIL() << "connected to port 1";
  } catch (const TransferError& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.find("hunter2secret"), std::string::npos) << message;
    EXPECT_NE(message.find("cannot connect to postgresql://gongdan:***@127.0.0.1:1/gongdan"), std::string::npos)
        << message;
  }
}

TEST(DataCopyTest, SaysWhenThereIsNoSqliteDatabase) {
  storage::testing::TempDir dir;
  Target target;
  EXPECT_THROW(
      {
        try {
          copy_sqlite_to_postgres(dir.path() / "missing", target.pg.url(), core::from_epoch_ms(kT0));
        } catch (const TransferError& error) {
          EXPECT_NE(std::string(error.what()).find("no SQLite database at"), std::string::npos) << error.what();
          throw;
        }
      },
      TransferError);
}

}  // namespace
}  // namespace gongdan::storage::transfer
