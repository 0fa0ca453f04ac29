#pragma once

#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/fake_clock.hpp"
#include "storage/database.hpp"
#include "storage/testing/pg_test_database.hpp"
#include "storage/testing/temp_dir.hpp"

namespace gongdan::storage::testing {

/// True when the tests run on PostgreSQL: GONGDAN_TEST_ENGINE=postgres, which ctest sets for the
/// second run of each `*_dbtests` executable (cmake/gongdan.cmake); otherwise SQLite.
inline bool testing_on_postgres() {
  const char* engine = std::getenv("GONGDAN_TEST_ENGINE");
  return engine != nullptr && std::string_view(engine) == "postgres";
}

/// A migrated database for one test — a SQLite file in a temp directory, or a fresh database on
/// the test cluster (see testing_on_postgres) — with helpers that make users and tickets. Errors
/// reported by storage are collected in `errors` instead of going to stderr.
class TestDatabase {
 public:
  explicit TestDatabase(DatabaseOptions options = {}) {
    options.on_error = [this](std::string_view what) {
      std::lock_guard lock(errors_mutex);
      errors.emplace_back(what);
    };
    options.clock = &clock;
    if (testing_on_postgres()) {
      pg.emplace();
      options.url = pg->url();
      options.pool_size = 8;
    } else {
      options.data_dir = dir.path();
    }
    db = Database::open(std::move(options));
  }

  /// The same database opened once more, as another server process would: its own connections
  /// (a PostgreSQL pool; a SQLite writer and readers on the same file), errors into `errors`.
  std::unique_ptr<Database> open_again() {
    DatabaseOptions options;
    options.on_error = [this](std::string_view what) {
      std::lock_guard lock(errors_mutex);
      errors.emplace_back(what);
    };
    options.clock = &clock;
    if (pg) {
      options.url = pg->url();
      options.pool_size = 4;
    } else {
      options.data_dir = dir.path();
    }
    return Database::open(std::move(options));
  }

  /// A distinct, valid ticket number for each `n`.
  static domain::TicketNumber number(std::uint32_t n) {
    std::array<std::uint8_t, 5> values{};
    for (auto& value : values) {
      value = static_cast<std::uint8_t>(n % 32);
      n /= 32;
    }
    return domain::TicketNumber::make({2026, 11, 25}, values);
  }

  domain::User add_user(const std::string& email, domain::Role role = domain::Role::kCustomer,
                        const std::string& name = "Li Lei") {
    auto user = db->users().create({email, name, role, domain::Locale::kZhCn, "hash", clock.now()});
    if (!user) throw std::runtime_error("add_user: " + user.error().message);
    return user.value();
  }

  /// A ticket as the domain would hand it to the store, created at `at_ms` (epoch ms).
  domain::NewTicket draft(std::uint32_t n, std::int64_t at_ms, std::optional<domain::User> customer = std::nullopt) {
    domain::NewTicket draft;
    auto& t = draft.ticket;
    t.number = number(n);
    t.category_id = core::CategoryId{1};
    t.subject = "Subject " + std::to_string(n);
    t.description = "Description " + std::to_string(n);
    t.environment = {"android", "Android 14", "8.0.1", "Pixel 8"};
    t.created_at = core::from_epoch_ms(at_ms);
    t.updated_at = t.created_at;
    if (customer) {
      t.customer = {customer->id, customer->name, customer->email};
    } else {
      t.customer = {std::nullopt, "Guest " + std::to_string(n), "guest" + std::to_string(n) + "@example.com"};
    }
    draft.first_message.author = {t.customer.user_id, t.customer.name, domain::Role::kCustomer};
    draft.first_message.body = t.description;
    return draft;
  }

  domain::Ticket add_ticket(std::uint32_t n, std::int64_t at_ms, std::optional<domain::User> customer = std::nullopt) {
    auto created = db->tickets().create(draft(n, at_ms, std::move(customer)));
    if (!created) throw std::runtime_error("add_ticket: " + created.error().message);
    return created.value();
  }

  /// A single integer from a read-only query, for checking what was (not) written.
  std::int64_t count(const std::string& sql) {
    auto result = db->store().read([&](sql::Connection& c) {
      auto statement = c.prepare(sql);
      statement.step();
      return statement.int64(0);
    });
    if (!result) throw std::runtime_error("count: " + result.error().message);
    return result.value();
  }

  TempDir dir;
  std::optional<PgTestDatabase> pg;  // before db: dropped after the database closes
  core::FakeClock clock{core::from_epoch_ms(1'764'000'000'000)};
  std::mutex errors_mutex;
  std::vector<std::string> errors;
  std::unique_ptr<Database> db;
};

}  // namespace gongdan::storage::testing
