#include "http/json/ticket_fields.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "http/json/sla_codec.hpp"

namespace gongdan::http {
namespace {

core::Timestamp at(std::int64_t ms) { return core::from_epoch_ms(ms); }

// Tickets that exercise every branch of ticket_fields: guest or account, resolved or not, times
// present or null, a description with escapes and one that is not UTF-8.
std::vector<domain::Ticket> tickets() {
  domain::Ticket base;
  base.number = domain::TicketNumber::make({2026, 12, 6}, {1, 2, 3, 4, 5});
  base.category_id = core::CategoryId{3};
  base.subject = "打开群聊就闪退 \"quoted\"";
  base.description = "从昨天更新以后\n\n  只要打开家人群就闪退。\tTabs and \\ backslashes.";
  base.environment = {"android", "Android 14", "5.2.0", "Pixel 8"};
  base.customer = {core::UserId{7}, "王小明", "wang@example.com"};
  base.created_at = at(1'795'000'000'000);
  base.updated_at = at(1'795'000'000'123);
  std::vector<domain::Ticket> all{base};
  domain::Ticket resolved = base;
  resolved.status = domain::Status::kResolved;
  resolved.priority = domain::Priority::kUrgent;
  resolved.urgency = domain::Urgency::kUrgent;
  resolved.resolved_at = at(1'795'100'000'000);
  resolved.occurred_at = at(1'794'000'000'000);
  resolved.customer = {std::nullopt, "访客 Guest", "guest@example.org"};
  all.push_back(resolved);
  domain::Ticket closed = resolved;
  closed.status = domain::Status::kClosed;
  closed.closed_at = at(1'795'200'000'000);
  closed.description = std::string(400, 'x') + " 闪退";
  closed.subject = "bad \xff byte";
  all.push_back(closed);
  return all;
}

std::vector<std::optional<domain::sla::ReplyBy>> replies() {
  return {std::nullopt, domain::sla::ReplyBy{at(1'795'003'600'000), false, std::nullopt},
          domain::sla::ReplyBy{at(1'795'090'000'000), true,
                               domain::sla::HolidayNote{
                                   "国庆节", std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::October,
                                                                         std::chrono::day{8}}}}};
}

// A streamed list item is the very text write_json makes of the item's tree (ticket_json and
// reply_by_json, as TicketPresenter builds it for a single ticket), whatever the ticket holds.
TEST(TicketFields, StreamedItemIsTheTextOfItsTree) {
  for (const auto& ticket : tickets()) {
    for (const auto& reply_by : replies()) {
      for (const TicketText text : {TicketText::kExcerpt, TicketText::kDescription}) {
        const std::optional<core::Timestamp> reopen_until =
            ticket.resolved_at ? std::optional(*ticket.resolved_at + std::chrono::hours(24 * 7)) : std::nullopt;
        auto tree = ticket_json(ticket, "账号与登录", reopen_until, text);
        tree["reply_by"] = reply_by_json(reply_by);
        JsonStream json;
        StreamFields fields(json);
        json.begin_object();
        ticket_fields(fields, ticket, "账号与登录", reopen_until, text, &reply_by);
        json.end_object();
        EXPECT_EQ(std::move(json).take(), write_json(tree)) << ticket.subject;
      }
    }
  }
}

TEST(TicketFields, ReplyByIsNullOrAtBasisAndHoliday) {
  EXPECT_TRUE(reply_by_json(std::nullopt).is_null());
  const auto holiday = reply_by_json(replies()[2]);
  EXPECT_EQ(holiday, (nlohmann::json{{"at", "2026-11-19T12:06:40.000Z"},
                                     {"basis", "queue"},
                                     {"holiday", {{"name", "国庆节"}, {"until", "2026-10-08"}}}}));
  EXPECT_TRUE(reply_by_json(replies()[1])["holiday"].is_null());
  EXPECT_EQ(reply_by_json(replies()[1])["basis"], "sla");
}

}  // namespace
}  // namespace gongdan::http
