// The storage ceiling of `make bench` (issue 7): how many submitted tickets per second SQLite
// itself can make durable on this machine, with no HTTP, JSON, domain rules or threads in the way.
//
// It writes the rows one submission of bench/submit.lua writes (measured on the real server: one
// ticket, its first message, two events — the crash rule and its tag —, one tag, one search-index
// row, one confirmation mail in the outbox and its ticket link) into a database migrated by
// `gongdan migrate`, with the server's settings (WAL, synchronous=FULL, foreign keys on), in
// transactions of --batch tickets with one SAVEPOINT per ticket, exactly as the writer thread
// commits a group (src/storage/sqlite/writer.cpp). The search document is built once with the
// product's tokenizer; each row only adds its own number's tokens, so tokenizing is not counted.
//
//   gongdan_storage_ceiling --db DATA/gongdan.db [--seconds 5] [--batch 64]
// prints `RESULT tickets=N rows=M seconds=S tickets_per_second=T rows_per_second=R commits=C batch=B`.
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/search/search_tokens.hpp"

namespace {

using SteadyClock = std::chrono::steady_clock;

// The text of bench/submit.lua: ~1 KB of mixed Chinese and English.
constexpr std::string_view kSubject = "打开群聊就闪退 App crashes when opening a group chat";
constexpr std::string_view kDescription =
    "从昨天更新到 5.2.0 以后，只要打开“家人群”就闪退，其他聊天正常。重启手机、清除缓存都试过了，还是一样。"
    "Since updating to 5.2.0 yesterday the app crashes every time I open the family group chat; other chats "
    "work. I restarted the phone and cleared the cache, nothing helps. 闪退前会卡住大约两秒，然后直接回到桌面，"
    "没有任何提示。It freezes for about two seconds and then returns to the home screen without any message. "
    "群里大约有 300 条未读消息，其中有很多图片和语音。The group has about 300 unread messages, many of them "
    "pictures and voice messages.";
constexpr std::string_view kCustomerName = "压测 Bench";
constexpr std::string_view kCustomerEmail = "ceiling@example.com";

[[noreturn]] void die(sqlite3* db, const std::string& what) {
  std::fprintf(stderr, "storage_ceiling: %s: %s\n", what.c_str(), db ? sqlite3_errmsg(db) : "");
  std::exit(EXIT_FAILURE);
}

void exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) die(db, sql);
}

/// One prepared statement, reset after each run.
class Insert {
 public:
  Insert(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement_, nullptr) != SQLITE_OK) die(db, sql);
  }
  ~Insert() { sqlite3_finalize(statement_); }
  Insert(const Insert&) = delete;
  Insert& operator=(const Insert&) = delete;

  Insert& text(int index, std::string_view value) {
    sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
    return *this;
  }
  Insert& integer(int index, std::int64_t value) {
    sqlite3_bind_int64(statement_, index, value);
    return *this;
  }
  void run() {
    if (sqlite3_step(statement_) != SQLITE_DONE) die(db_, sqlite3_sql(statement_));
    sqlite3_reset(statement_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

// Ticket numbers look like the server's (YYMMDD-XXXXXC); only uniqueness matters here.
std::string ticket_number(std::int64_t i) {
  constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string suffix(6, '0');
  for (int at = 5; at >= 0; --at, i /= 32)
    suffix[static_cast<std::size_t>(at)] = kAlphabet[static_cast<std::size_t>(i % 32)];
  return "261204-" + suffix;
}

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

struct Options {
  std::string db;
  double seconds = 5;
  int batch = 64;  // bench/run: 64 connections, so at most 64 submissions wait for one commit
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--db")
      options.db = argv[i + 1];
    else if (flag == "--seconds")
      options.seconds = std::atof(argv[i + 1]);
    else if (flag == "--batch")
      options.batch = std::atoi(argv[i + 1]);
    else
      die(nullptr, "unknown option " + std::string(flag));
  }
  if (options.db.empty() || options.seconds <= 0 || options.batch <= 0) {
    std::fprintf(stderr, "usage: %s --db DATA/gongdan.db [--seconds 5] [--batch 64]\n", argv[0]);
    std::exit(2);
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  // As the server (src/storage/sqlite/connection.cpp): statement journals in memory up to 4 MiB.
  sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 4 << 20);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(options.db.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    die(db, "open " + options.db + " (create it with `gongdan migrate`)");
  }
  // The writer connection's settings (src/storage/sqlite/connection.cpp).
  exec(db, "PRAGMA journal_mode = WAL");
  exec(db, "PRAGMA synchronous = FULL");
  exec(db, "PRAGMA foreign_keys = ON");

  // The customer who submits; a second run on the same database reuses it.
  exec(db,
       "INSERT OR IGNORE INTO users (email, name, role, locale, password_hash, created_at) "
       "VALUES ('ceiling@example.com', '压测 Bench', 'customer', 'zh-CN', '!', 0)");
  std::int64_t customer = 0;
  {
    sqlite3_stmt* find = nullptr;
    sqlite3_prepare_v2(db, "SELECT id FROM users WHERE email = 'ceiling@example.com'", -1, &find, nullptr);
    if (find == nullptr || sqlite3_step(find) != SQLITE_ROW) die(db, "find the customer");
    customer = sqlite3_column_int64(find, 0);
    sqlite3_finalize(find);
  }
  sqlite3_stmt* count = nullptr;
  sqlite3_prepare_v2(db, "SELECT COALESCE(MAX(id), 0) FROM tickets", -1, &count, nullptr);
  if (count == nullptr || sqlite3_step(count) != SQLITE_ROW) die(db, "count the tickets");
  const std::int64_t first = sqlite3_column_int64(count, 0);  // numbers go on from the last run's
  sqlite3_finalize(count);

  gongdan::domain::SearchDocument head;
  head.add(kCustomerName);
  head.add(kCustomerEmail);
  gongdan::domain::SearchDocument tail;
  tail.add(kSubject);
  tail.add(kDescription);
  const std::string summary(kDescription.substr(0, 300));
  const std::string payload =
      R"({"tickets":[],"values":{"customer.name":"压测 Bench","link":"http://127.0.0.1:8080/tickets/261204-000000#link=)"
      R"(01a241d669e0a34fkPy-UctsOMPhjz48e3aNXtSCL-slbdbDuGSM8l0-CeI","link_days":"30","reply_by":"2026年12月5日 )"
      R"(01:15（UTC+08:00）","site.name":"Gongdan","site.url":"http://127.0.0.1:8080","ticket.number":"261204-000000",)"
      R"("ticket.status":"已提交","ticket.subject":"打开群聊就闪退 App crashes when opening a group chat",)"
      R"("ticket.summary":")" +
      summary + R"(…"}})";

  Insert ticket(db,
                "INSERT INTO tickets (number, category_id, subject, description, occurred_at, env_platform, env_os, "
                "env_app_version, env_device, urgency, status, priority, customer_user_id, created_at, updated_at, "
                "customer_locale, group_id, last_customer_message_at, channel) VALUES (?, 1, ?, ?, NULL, 'android', "
                "'Android 14', '5.2.0', 'Pixel 8', 'urgent', 'new', 3, ?, ?, ?, 'zh-CN', 1, ?, 'web')");
  Insert search(db, "INSERT OR REPLACE INTO ticket_search (rowid, tokens) VALUES (?, ?)");
  Insert message(db,
                 "INSERT INTO messages (ticket_id, author_user_id, author_name, author_role, body, internal, "
                 "created_at) VALUES (?, ?, ?, 'customer', ?, 0, ?)");
  Insert event(db,
               "INSERT INTO ticket_events (ticket_id, type, from_value, to_value, author_user_id, author_name, "
               "author_role, created_at) VALUES (?, ?, '', ?, NULL, '自动规则 Automation', 'agent', ?)");
  Insert tag(db, "INSERT OR IGNORE INTO ticket_tags (ticket_id, tag) VALUES (?, 'crash')");
  Insert link(db,
              "INSERT INTO access_links (purpose, token_digest, ticket_id, user_id, email, created_at, expires_at) "
              "VALUES ('ticket', ?, ?, NULL, ?, ?, ?)");
  Insert mail(db,
              "INSERT INTO outbox (kind, to_email, to_name, locale, ticket_id, ticket_number, payload, state, "
              "attempts, created_at, next_attempt_at) VALUES ('ticket_confirmation', ?, ?, 'zh-CN', ?, ?, ?, "
              "'queued', 0, ?, ?)");

  std::int64_t tickets = 0;
  std::int64_t commits = 0;
  const auto started = SteadyClock::now();
  const auto deadline = started + std::chrono::duration<double>(options.seconds);
  while (SteadyClock::now() < deadline) {
    exec(db, "BEGIN IMMEDIATE");
    for (int i = 0; i < options.batch; ++i, ++tickets) {
      exec(db, "SAVEPOINT job");
      const std::string number = ticket_number(first + tickets);
      const std::int64_t now_ms = 1'796'400'900'000 + tickets;
      ticket.text(1, number).text(2, kSubject).text(3, kDescription).integer(4, customer).integer(5, now_ms);
      ticket.integer(6, now_ms).integer(7, now_ms).run();
      const std::int64_t id = sqlite3_last_insert_rowid(db);
      const std::string tokens = head.text() + " 261204 " + lower(number.substr(7)) + " " + tail.text();
      search.integer(1, id).text(2, tokens).run();
      message.integer(1, id).integer(2, customer).text(3, kCustomerName).text(4, kDescription).integer(5, now_ms).run();
      event.integer(1, id).text(2, "rule_applied").text(3, "崩溃/闪退 → 紧急 Crash → urgent").integer(4, now_ms).run();
      event.integer(1, id).text(2, "tag_added").text(3, "crash").integer(4, now_ms).run();
      tag.integer(1, id).run();
      // A 64-hex digest, unique per ticket like a real token's.
      char digest[96];
      std::snprintf(digest, sizeof digest, "01a241d669e0a34f.%064llx",
                    static_cast<unsigned long long>(first + tickets));
      link.text(1, digest).integer(2, id).text(3, kCustomerEmail).integer(4, now_ms);
      link.integer(5, now_ms + 30LL * 86'400'000).run();
      mail.text(1, kCustomerEmail).text(2, kCustomerName).integer(3, id).text(4, number).text(5, payload);
      mail.integer(6, now_ms).integer(7, now_ms).run();
      exec(db, "RELEASE job");
    }
    exec(db, "COMMIT");
    ++commits;
  }
  const double seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
  // Rows per ticket: the ticket, its message, two events, a tag, the search row, a mail, a link.
  constexpr std::int64_t kRowsPerTicket = 8;
  std::printf(
      "RESULT tickets=%lld rows=%lld seconds=%.3f tickets_per_second=%.0f rows_per_second=%.0f commits=%lld "
      "batch=%d\n",
      static_cast<long long>(tickets), static_cast<long long>(tickets * kRowsPerTicket), seconds,
      static_cast<double>(tickets) / seconds, static_cast<double>(tickets * kRowsPerTicket) / seconds,
      static_cast<long long>(commits), options.batch);
  sqlite3_close_v2(db);
  return EXIT_SUCCESS;
}
