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

// A streamed list item is the very text write_json makes of the same item built as a tree by the
// encoders of a single ticket (ticket_json, reply_by_json), whatever the ticket holds.
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
        ticket_fields(fields, ticket, "账号与登录", reopen_until, text, TicketReader{&reply_by});
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

// What staff read of a ticket, spelled out member by member (docs/workspace.md, docs/sla.md): the
// streamed text is exactly this tree's, in a list (state only) and for one ticket (its targets).
TEST(TicketFields, StaffReadTheWorkspaceAndServiceLevelMembers) {
  domain::Ticket t = tickets()[1];  // resolved, a guest's
  t.group_id = core::GroupId{2};
  t.group_name = "一线支持 First line";
  t.assignee_id = core::UserId{9};
  t.assignee_name = "李娜";
  t.tags = {"闪退", "vip"};
  t.channel = domain::Channel::kMail;
  t.last_customer_message_at = at(1'795'000'000'000);
  t.first_response_due_at = at(1'795'003'600'000);
  t.merged_into_number = "261206-ABCDE4";
  t.resolution_due_at = at(1'795'086'400'000);
  const std::vector<domain::sla::TargetStatus> targets{
      {domain::sla::TargetKind::kFirstResponse, 0, at(1'795'000'000'000), at(1'795'003'600'000), std::nullopt,
       at(1'795'001'000'000), domain::sla::TargetState::kMet},
      {domain::sla::TargetKind::kNextResponse, 1, at(1'795'002'000'000), std::nullopt, std::nullopt, std::nullopt,
       domain::sla::TargetState::kPaused}};
  const StaffSla list{"标准 Standard", domain::sla::SlaState::kWarning, nullptr};
  const StaffSla one{"标准 Standard", domain::sla::SlaState::kOk, &targets};
  const StaffSla none{};

  const std::optional<core::Timestamp> reopen = at(1'795'704'800'000);
  nlohmann::json expected = ticket_json(t, "账号", reopen, TicketText::kExcerpt);
  expected["assignee"] = {{"id", 9}, {"name", "李娜"}};
  expected["group"] = {{"id", 2}, {"name", "一线支持 First line"}};
  expected["tags"] = {"闪退", "vip"};
  expected["channel"] = "mail";
  expected["last_customer_message_at"] = "2026-11-18T11:06:40.000Z";
  expected["first_response_due_at"] = "2026-11-18T12:06:40.000Z";
  expected["merged_into"] = "261206-ABCDE4";
  expected["next_response_due_at"] = nullptr;
  expected["resolution_due_at"] = "2026-11-19T11:06:40.000Z";
  expected["sla"] = {{"policy", "标准 Standard"}, {"state", "warning"}};

  const auto streamed = [&](const StaffSla& staff) {
    JsonStream json;
    StreamFields fields(json);
    json.begin_object();
    ticket_fields(fields, t, "账号", reopen, TicketText::kExcerpt, TicketReader{nullptr, &staff});
    json.end_object();
    return std::move(json).take();
  };
  // A single ticket for staff is the same template filled into a tree.
  const auto built = [&](const StaffSla& staff) {
    nlohmann::json tree(nlohmann::json::value_t::object);
    TreeFields fields(tree);
    ticket_fields(fields, t, "账号", reopen, TicketText::kExcerpt, TicketReader{nullptr, &staff});
    return tree;
  };
  EXPECT_EQ(streamed(list), write_json(expected));
  EXPECT_EQ(built(list), expected);

  expected["sla"] = {{"policy", "标准 Standard"},
                     {"state", "ok"},
                     {"targets",
                      {{{"kind", "first_response"},
                        {"cycle", 0},
                        {"due_at", "2026-11-18T12:06:40.000Z"},
                        {"state", "met"},
                        {"finished_at", "2026-11-18T11:23:20.000Z"}},
                       {{"kind", "next_response"},
                        {"cycle", 1},
                        {"due_at", nullptr},
                        {"state", "paused"},
                        {"finished_at", nullptr}}}}};
  EXPECT_EQ(streamed(one), write_json(expected));
  EXPECT_EQ(built(one), expected);

  // No policy: null, not an empty name; no group or assignee: null; no tags: an empty array.
  t.group_id.reset();
  t.assignee_id.reset();
  t.tags.clear();
  expected["group"] = nullptr;
  expected["assignee"] = nullptr;
  expected["tags"] = nlohmann::json::array();
  expected["sla"] = {{"policy", nullptr}, {"state", "ok"}};
  EXPECT_EQ(streamed(none), write_json(expected));
  EXPECT_EQ(built(none), expected);
  // One ticket whose service level has no view: no policy and no targets, an empty list.
  const std::vector<domain::sla::TargetStatus> no_targets;
  expected["sla"]["targets"] = nlohmann::json::array();
  EXPECT_EQ(streamed(StaffSla{{}, domain::sla::SlaState::kOk, &no_targets}), write_json(expected));
  EXPECT_EQ(built(StaffSla{{}, domain::sla::SlaState::kOk, &no_targets}), expected);
}

}  // namespace
}  // namespace gongdan::http
