#include "storage/repositories/search_index_writer.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "storage/database.hpp"
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

// One corpus, one answer on every engine: each query's pages list exactly the tickets whose
// documents hold every term, newest first, and the count agrees. More tickets than PostgreSQL's
// search window (ticket_list_query.cpp, kSearchWindow = 1,000), so that pages come from the window,
// from the index, and from both; `legacy` is only in tickets older than the window (a word common
// once and not any more), `zeta` in three tickets far apart.
TEST(SearchParity, EveryEngineFindsTheSameTicketsInTheSameOrder) {
  TestDatabase t;
  constexpr std::uint32_t kTickets = 1'100;
  const std::set<std::uint32_t> zeta{5, 600, 1'095};
  std::vector<std::int64_t> ids(kTickets + 1);
  for (std::uint32_t n = 1; n <= kTickets; ++n) {
    auto draft = t.draft(n, kT0 + n);
    std::string subject = "crash";
    if (n % 3 == 0) subject += " alpha";
    if (zeta.count(n) > 0) subject += " Zeta";
    if (n <= 80) subject += " legacy";
    if (n % 10 == 1) subject += " 闪退";
    if (n % 25 == 2) subject += " 闪光";
    draft.ticket.subject = subject;
    draft.ticket.priority = n % 7 == 0 ? domain::Priority::kHigh : domain::Priority::kNormal;
    auto created = t.db->tickets().create(draft);
    ASSERT_TRUE(created.ok()) << created.error().message;
    ids[n] = created->id.value;
  }
  struct Case {
    std::string text;
    std::vector<domain::Priority> priorities;
    std::function<bool(std::uint32_t)> expected;
  };
  const std::vector<Case> cases{
      {"alpha", {}, [](std::uint32_t n) { return n % 3 == 0; }},
      {"ZETA", {}, [&](std::uint32_t n) { return zeta.count(n) > 0; }},
      {"legacy", {}, [](std::uint32_t n) { return n <= 80; }},
      {"闪退", {}, [](std::uint32_t n) { return n % 10 == 1; }},
      {"闪", {}, [](std::uint32_t n) { return n % 10 == 1 || n % 25 == 2; }},
      {"alpha crash", {}, [](std::uint32_t n) { return n % 3 == 0; }},
      {"legacy alpha", {}, [](std::uint32_t n) { return n <= 80 && n % 3 == 0; }},
      {"闪 alpha", {}, [](std::uint32_t n) { return (n % 10 == 1 || n % 25 == 2) && n % 3 == 0; }},
      {"zeta legacy", {}, [](std::uint32_t n) { return n == 5; }},
      {"crash", {domain::Priority::kHigh}, [](std::uint32_t n) { return n % 7 == 0; }},
      {"alpha", {domain::Priority::kHigh}, [](std::uint32_t n) { return n % 21 == 0; }},
      {"legacy", {domain::Priority::kHigh}, [](std::uint32_t n) { return n <= 80 && n % 7 == 0; }},
      {"nowhere", {}, [](std::uint32_t) { return false; }},
  };
  for (const auto& c : cases) {
    std::vector<std::int64_t> expected;
    for (std::uint32_t n = kTickets; n >= 1; --n) {
      if (c.expected(n)) expected.push_back(ids[n]);
    }
    TicketQuery query;
    query.text = c.text;
    query.priorities = c.priorities;
    query.limit = 20;
    std::vector<std::int64_t> found;
    for (int pages = 0; pages < 100; ++pages) {
      auto page = t.db->tickets().list(query);
      ASSERT_TRUE(page.ok()) << c.text << ": " << page.error().message;
      for (const auto& ticket : page->items) found.push_back(ticket.id.value);
      if (!page->next_cursor) break;
      query.cursor = *page->next_cursor;
    }
    EXPECT_EQ(found, expected) << c.text;
    query.cursor.clear();
    EXPECT_EQ(t.db->tickets().count(query), static_cast<std::int64_t>(expected.size())) << c.text;
  }
  std::lock_guard lock(t.errors_mutex);
  EXPECT_TRUE(t.errors.empty()) << t.errors.front();
}

TEST(SearchIndexBackfill, RebuildGivesTheSameRowsAsIndexingAlong) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  ASSERT_TRUE(t.db->tickets().modify(ticket.id, add_message("第二条消息 second", false, kT0 + 5)).ok());
  ASSERT_TRUE(t.db->tickets().modify(ticket.id, add_message("备注 note", true, kT0 + 6)).ok());
  const auto tokens = [&] {
    return t.db->store().read([](sql::Connection& db) {
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
