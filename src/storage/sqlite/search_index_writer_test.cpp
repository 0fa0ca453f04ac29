#include "storage/repositories/search_index_writer.hpp"

#include <gtest/gtest.h>

#include <set>

#include "storage/database.hpp"
#include "storage/sql/migration.hpp"
#include "storage/sqlite/migrator.hpp"
#include "storage/testing/temp_dir.hpp"
#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using domain::Status;
using domain::TicketQuery;
using testing::TestDatabase;
using Found = std::set<std::string>;

constexpr std::int64_t kT0 = 1'764'000'000'000;

domain::TicketDecision add_message(const std::string& body, bool internal, std::int64_t at_ms) {
  return [=](const domain::Ticket& current) -> core::Result<domain::TicketChange> {
    domain::TicketChange change{
        current, domain::NewMessage{{std::nullopt, "李娜", domain::Role::kAgent}, body, internal, {}}, {}};
    change.updated.updated_at = core::from_epoch_ms(at_ms);
    return change;
  };
}

domain::TicketDecision set_status(Status status) {
  return [=](const domain::Ticket& current) -> core::Result<domain::TicketChange> {
    domain::TicketChange change{current, std::nullopt, {}};
    change.updated.status = status;
    return change;
  };
}

class SearchIndexTest : public ::testing::Test {
 protected:
  // Subjects of the tickets the text finds, the way the agents' queue asks.
  Found search(const std::string& text, std::vector<Status> statuses = {}) {
    TicketQuery query;
    query.order = TicketQuery::Order::kQueue;
    query.text = text;
    query.statuses = std::move(statuses);
    query.limit = 100;
    auto page = t.db->tickets().list(query);
    EXPECT_TRUE(page.ok());
    Found found;
    if (page.ok()) {
      for (const auto& ticket : page->items) found.insert(ticket.subject);
    }
    return found;
  }

  domain::Ticket add(std::uint32_t n, const std::string& subject, const std::string& description,
                     std::optional<domain::User> customer = std::nullopt) {
    auto draft = t.draft(n, kT0 + n);
    draft.ticket.subject = subject;
    draft.ticket.description = description;
    draft.first_message.body = description;
    if (customer) {
      draft.ticket.customer = {customer->id, customer->name, customer->email};
      draft.first_message.author = {customer->id, customer->name, domain::Role::kCustomer};
    }
    auto created = t.db->tickets().create(draft);
    EXPECT_TRUE(created.ok());
    return created.value();
  }

  TestDatabase t;
};

TEST_F(SearchIndexTest, FindsTwoCharacterChineseWordsInsideLongerText) {
  add(1, "应用闪退了", "打开就退出");
  add(2, "收不到验证码", "换了手机以后无法登录");
  add(3, "闪。退", "闪 退");  // the two characters, but never side by side
  EXPECT_EQ(search("闪退"), Found{"应用闪退了"});
  EXPECT_EQ(search("登录"), Found{"收不到验证码"});
  EXPECT_EQ(search("验证码"), Found{"收不到验证码"});
  EXPECT_EQ(search("登录 验证码"), Found{"收不到验证码"});  // every term must match
  EXPECT_EQ(search("登录 闪退").size(), 0u);
  EXPECT_EQ(search("闪"), (Found{"应用闪退了", "闪。退"}));  // one character: a prefix match
}

TEST_F(SearchIndexTest, FindsEnglishWordsInAnyCaseAndFullWidth) {
  add(1, "Voice messages FAIL", "since this morning");
  add(2, "语音ＡＢＣ问题", "版本 5.2.0");
  EXPECT_EQ(search("fail"), Found{"Voice messages FAIL"});
  EXPECT_EQ(search("VOICE Messages"), Found{"Voice messages FAIL"});
  EXPECT_EQ(search("MORNING"), Found{"Voice messages FAIL"});
  EXPECT_EQ(search("abc"), Found{"语音ＡＢＣ问题"});
  EXPECT_EQ(search("voicemail").size(), 0u);
}

TEST_F(SearchIndexTest, FindsCustomersByEmailAndNameAndTicketsByNumber) {
  const auto user = t.add_user("alice.chen@example.com", domain::Role::kCustomer, "陈爱丽 Alice");
  const auto alice = add(1, "Chat history lost", "after reinstall", user);
  add(2, "会员扣费两次", "银行卡被扣了两次");  // a guest: guest2@example.com
  EXPECT_EQ(search("alice.chen@example.com"), Found{"Chat history lost"});
  EXPECT_EQ(search("Alice"), Found{"Chat history lost"});
  EXPECT_EQ(search("爱丽"), Found{"Chat history lost"});
  EXPECT_EQ(search("guest2@example.com"), Found{"会员扣费两次"});
  EXPECT_EQ(search(alice.number.str()), Found{"Chat history lost"});
  EXPECT_EQ(search(alice.number.str().substr(7)), Found{"Chat history lost"});  // the part after the dash
}

TEST_F(SearchIndexTest, ARenamedCustomerIsFoundByTheNewNameOnly) {
  const auto user = t.add_user("customer77@example.com", domain::Role::kCustomer, "Bob Li");
  add(1, "Voice messages fail", "red exclamation mark", user);
  add(2, "Stickers missing", "half of each sticker", user);
  add(3, "闪退", "打开就闪退");  // another customer's ticket keeps its row
  ASSERT_TRUE(t.db->users().update_profile(user.id, "王小波 Wang", domain::Locale::kZhCn).ok());
  EXPECT_EQ(search("小波"), (Found{"Voice messages fail", "Stickers missing"}));
  EXPECT_EQ(search("Bob"), Found{});
  EXPECT_EQ(search("exclamation"), Found{"Voice messages fail"}) << "the rest of the document is rebuilt too";
  EXPECT_EQ(search("闪退"), Found{"闪退"});
}

TEST_F(SearchIndexTest, FindsTextOfLaterMessagesAndInternalNotes) {
  const auto ticket = add(1, "无法登录", "一直转圈");
  ASSERT_TRUE(t.db->tickets().modify(ticket.id, add_message("请清除缓存后重试 cache", false, kT0 + 10)).ok());
  ASSERT_TRUE(t.db->tickets().modify(ticket.id, add_message("内部备注：疑似网关故障 gateway", true, kT0 + 20)).ok());
  EXPECT_EQ(search("缓存"), Found{"无法登录"});
  EXPECT_EQ(search("cache"), Found{"无法登录"});
  EXPECT_EQ(search("网关"), Found{"无法登录"});  // staff search sees notes
  EXPECT_EQ(search("gateway 登录"), Found{"无法登录"});
  // A change without a message leaves the index as it was.
  ASSERT_TRUE(t.db->tickets().modify(ticket.id, set_status(Status::kOpen)).ok());
  EXPECT_EQ(search("网关"), Found{"无法登录"});
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM ticket_search"), 1);
}

TEST_F(SearchIndexTest, CombinesWithStatusFilterAndPagesNewestFirst) {
  for (std::uint32_t n = 1; n <= 25; ++n) {
    const auto ticket = add(n, "闪退 " + std::to_string(n), "crash");
    if (n % 2 == 0) {
      ASSERT_TRUE(t.db->tickets().modify(ticket.id, set_status(Status::kOpen)).ok());
    }
  }
  add(26, "无关", "nothing");
  EXPECT_EQ(search("闪退", {Status::kOpen}).size(), 12u);
  EXPECT_EQ(search("闪退", {Status::kNew}).size(), 13u);

  TicketQuery query;
  query.order = TicketQuery::Order::kQueue;
  query.text = "crash";
  query.limit = 10;
  std::vector<std::int64_t> ids;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = t.db->tickets().list(query);
    ASSERT_TRUE(page.ok());
    for (const auto& ticket : page->items) ids.push_back(ticket.id.value);
    if (!page->next_cursor) break;
    query.cursor = *page->next_cursor;
  }
  ASSERT_EQ(ids.size(), 25u);
  EXPECT_TRUE(std::is_sorted(ids.rbegin(), ids.rend()));  // newest first
  EXPECT_EQ(std::set<std::int64_t>(ids.begin(), ids.end()).size(), 25u);

  // A cursor of another order is refused rather than misread.
  TicketQuery plain;
  plain.order = TicketQuery::Order::kQueue;
  plain.limit = 5;
  auto first = t.db->tickets().list(plain);
  ASSERT_TRUE(first.ok() && first->next_cursor);
  query.cursor = *first->next_cursor;
  EXPECT_FALSE(t.db->tickets().list(query).ok());
}

TEST_F(SearchIndexTest, QueryTextIsNeverFts5Syntax) {
  add(1, "normal subject", "body");
  for (const std::string text : {"\"", "a\" OR \"b", "NEAR(a b)", "subject*", "-body", "^normal", "a:b", "(", "*"}) {
    EXPECT_NO_THROW(search(text)) << text;
  }
  EXPECT_EQ(search("\"normal\""), Found{"normal subject"});
  EXPECT_EQ(search("normal OR nothing").size(), 0u);  // OR is a word, and every word must match
  EXPECT_TRUE(t.errors.empty());
}

TEST(SearchIndexBackfill, MigrationFiveIndexesTicketsStoredBeforeIt) {
  // A database as a release before search left it: migrations 1 to 4, with two tickets.
  testing::TempDir dir;
  DatabaseOptions options;
  options.migrate = false;
  options.data_dir = dir.path();
  auto db = Database::open(options);
  const auto a = domain::TicketNumber::make({2026, 11, 25}, {1, 2, 3, 4, 5}).str();
  const auto b = domain::TicketNumber::make({2026, 11, 25}, {5, 4, 3, 2, 1}).str();
  auto old = db->sqlite()->sqlite_store().write([&](sqlite::Connection& c) -> core::Status {
    sqlite::apply_migrations(c, sql::migrations().first(4), core::from_epoch_ms(0));
    for (const auto& [number, subject] :
         {std::pair{a, std::string("应用闪退")}, std::pair{b, std::string("无法登录")}}) {
      c.exec(
          "INSERT INTO tickets (number, category_id, subject, description, urgency, status, priority, guest_name, "
          "guest_email, created_at, updated_at) VALUES ('" +
          number + "', 1, '" + subject + "', '登录以后', 'normal', 'open', 1, 'G', 'g@example.com', 1000, 2000)");
    }
    return core::ok_status();
  });
  ASSERT_TRUE(old.ok());
  auto applied = db->migrate();
  ASSERT_TRUE(applied.ok());
  ASSERT_FALSE(applied->empty());
  EXPECT_EQ(applied->front(), 5);
  const auto count = [&](const std::string& sql) {
    return *db->sqlite()->sqlite_store().read([&](sqlite::Connection& c) {
      auto q = c.prepare(sql);
      return q.step() ? q.int64(0) : -1;
    });
  };
  EXPECT_EQ(count("SELECT COUNT(*) FROM ticket_search"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ticket_search WHERE ticket_search MATCH '\"登录\"'"), 2);
  // Applying again changes nothing.
  ASSERT_TRUE(db->migrate()->empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM ticket_search"), 2);
}

TEST(SearchIndexBackfill, RebuildGivesTheSameRowsAsIndexingAlong) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  ASSERT_TRUE(t.db->tickets().modify(ticket.id, add_message("第二条消息 second", false, kT0 + 5)).ok());
  ASSERT_TRUE(t.db->tickets().modify(ticket.id, add_message("备注 note", true, kT0 + 6)).ok());
  const auto tokens = [&] {
    return t.db->sqlite()->sqlite_store().read([](sqlite::Connection& db) {
      auto row = db.prepare("SELECT tokens FROM ticket_search");
      row.step();
      return row.text(0);
    });
  };
  const std::string along = tokens().value();
  auto rebuilt =
      t.db->store().write([](sql::Connection& db) -> core::Result<std::int64_t> { return rebuild_search_index(db); });
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_EQ(*rebuilt, 1);
  EXPECT_EQ(tokens().value(), along);
  EXPECT_NE(along.find("second"), std::string::npos);
}

}  // namespace
}  // namespace gongdan::storage
