#include "domain/tickets/ticket_service.hpp"

#include <gtest/gtest.h>

#include "core/fake_clock.hpp"
#include "domain/testing/in_memory_stores.hpp"

namespace gongdan::domain {
namespace {

using core::ErrorCode;
using namespace std::chrono_literals;

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "pixels";

class TicketServiceTest : public ::testing::Test {
 protected:
  TicketServiceTest() {
    owner_ = make_user("owner@example.com", Role::kCustomer);
    other_ = make_user("other@example.com", Role::kCustomer);
    agent_ = make_user("agent@example.com", Role::kAgent);
    admin_ = make_user("admin@example.com", Role::kAdmin);
  }

  Actor make_user(const std::string& email, Role role) {
    return Actor{
        users_.create({email, email.substr(0, email.find('@')), role, Locale::kZhCn, "", clock_.now()}).value()};
  }

  TicketSubmission submission(std::string subject = "收不到验证码") {
    TicketSubmission s;
    s.category_id = 1;
    s.subject = std::move(subject);
    s.description = "换手机以后一直收不到短信验证码。";
    s.environment = {"android", "Android 14", "5.2.0", "Pixel 8"};
    return s;
  }

  Ticket submit_as_owner() { return service_.submit(owner_, submission()).value(); }

  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};  // 2026-11-18
  testing::FakeCrypto crypto_;
  testing::InMemoryUsers users_;
  testing::InMemoryTickets tickets_;
  testing::InMemoryCatalog catalog_;
  testing::InMemoryBlobs blobs_;
  testing::SignatureDetector detector_;
  TicketMails mails_{crypto_, clock_, {}};
  TicketService service_{tickets_, catalog_, users_, blobs_, detector_, crypto_, clock_, mails_};
  Actor anonymous_ = Actor::anonymous();
  Actor owner_, other_, agent_, admin_;
};

TEST_F(TicketServiceTest, SubmitGivesANumberDatedInTheServerZoneAndAFirstMessage) {
  const auto ticket = submit_as_owner();
  EXPECT_TRUE(ticket.number.str().starts_with("261118-"));
  EXPECT_EQ(ticket.status, Status::kNew);
  EXPECT_EQ(ticket.priority, Priority::kNormal);
  const auto view = service_.view(owner_, ticket.number.str()).value();
  ASSERT_EQ(view.messages.size(), 1U);
  EXPECT_EQ(view.messages[0].body, ticket.description);
}

TEST_F(TicketServiceTest, UrgentSubmissionIsUrgentPriority) {
  auto s = submission();
  s.urgency = "urgent";
  EXPECT_EQ(service_.submit(owner_, s)->priority, Priority::kUrgent);
  s.urgency = "asap";
  EXPECT_EQ(service_.submit(owner_, s).error().fields.at(0).field, "urgency");
}

TEST_F(TicketServiceTest, InvalidSubmissionNamesEveryFieldAndStoresNothing) {
  TicketSubmission s;
  s.category_id = 99;
  s.subject = std::string(201, 'x');
  s.occurred_at = "yesterday";
  s.environment.os = std::string(101, 'y');
  s.files = {{"shot.png", kPng},
             {"evil.png", std::string("\x7f"
                                      "ELF\0\0",
                                      6)}};
  const auto result = service_.submit(owner_, s);
  ASSERT_FALSE(result);
  std::vector<std::string> fields;
  for (const auto& f : result.error().fields) fields.push_back(f.field + ":" + f.code);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"category_id:unknown_category", "subject:too_long", "description:required",
                                      "occurred_at:invalid", "environment.os:too_long"}));
  EXPECT_EQ(tickets_.count(), 0U);
  EXPECT_EQ(blobs_.size(), 0U);
}

TEST_F(TicketServiceTest, FilesAreCheckedByContentAndCounted) {
  auto s = submission();
  s.files = {{"photo.png", kPng},
             {"not-really.png", std::string("\x7f"
                                            "ELF\0\0",
                                            6)}};
  const auto wrong_type = service_.submit(owner_, s);
  ASSERT_FALSE(wrong_type);
  EXPECT_EQ(wrong_type.error().fields.at(0).field, "files[1]");
  EXPECT_EQ(wrong_type.error().fields.at(0).code, "unsupported_type");
  s.files.assign(6, {"a.png", kPng});
  EXPECT_EQ(service_.submit(owner_, s).error().fields.at(0).code, "too_many");
  EXPECT_EQ(tickets_.count(), 0U);
  EXPECT_EQ(blobs_.size(), 0U);
}

TEST_F(TicketServiceTest, GuestsNeedNameAndEmail) {
  EXPECT_EQ(service_.submit(anonymous_, submission()).error().fields.at(0).field, "guest");
  auto s = submission();
  s.guest = GuestContact{"访客", "Guest@Example.com"};
  const auto ticket = service_.submit(anonymous_, s).value();
  EXPECT_TRUE(ticket.customer.guest());
  EXPECT_EQ(ticket.customer.email, "guest@example.com");
  EXPECT_TRUE(service_.lookup(ticket.number.str(), "GUEST@example.com "));
}

TEST_F(TicketServiceTest, IdempotencyKeyScopedToTheCaller) {
  auto s = submission();
  s.idempotency_key = "retry-1";
  const auto first = service_.submit(owner_, s).value();
  const auto again = service_.submit(owner_, s).value();
  EXPECT_EQ(first.number, again.number);
  const auto someone_else = service_.submit(other_, s).value();
  EXPECT_NE(first.number, someone_else.number);
  EXPECT_EQ(tickets_.count(), 2U);
}

TEST_F(TicketServiceTest, AGuestKeyCannotFetchAnotherGuestsTicketByEmailAlone) {
  // Anyone can claim a guest's email; the key alone must not hand over the ticket made with it.
  auto victim = submission("退款没有到账");
  victim.guest = GuestContact{"受害者", "victim@example.com"};
  victim.idempotency_key = "web-retry-1";
  const auto original = service_.submit(anonymous_, victim).value();
  // The genuine retry (same content) still gets the first ticket.
  EXPECT_EQ(service_.submit(anonymous_, victim)->number, original.number);

  auto attacker = submission("hello");
  attacker.guest = GuestContact{"attacker", "VICTIM@example.com"};
  attacker.idempotency_key = "web-retry-1";
  const auto replayed = service_.submit(anonymous_, attacker).value();
  EXPECT_NE(replayed.number, original.number);
  EXPECT_EQ(replayed.subject, "hello");
  EXPECT_EQ(tickets_.count(), 2U);
}

TEST_F(TicketServiceTest, CustomerMessageReopensPendingAndResolved) {
  const auto ticket = submit_as_owner();
  const auto number = ticket.number.str();
  ASSERT_TRUE(service_.agent_update(agent_, number, {"pending", std::nullopt}));
  EXPECT_EQ(service_.comment(owner_, number, {"补充：截图如下", false, {}})->ticket.status, Status::kOpen);
  ASSERT_TRUE(service_.agent_update(agent_, number, {"resolved", std::nullopt}));
  EXPECT_EQ(service_.comment(owner_, number, {"还是不行", false, {}})->ticket.status, Status::kOpen);
}

TEST_F(TicketServiceTest, ReopenOnlyFromResolvedWithinTheWindow) {
  const auto number = submit_as_owner().number.str();
  EXPECT_EQ(service_.reopen(owner_, number).error().reason, "invalid_transition");
  ASSERT_TRUE(service_.agent_update(agent_, number, {"resolved", std::nullopt}));
  clock_.advance(24h * 13);
  EXPECT_EQ(service_.reopen(owner_, number)->status, Status::kOpen);
  ASSERT_TRUE(service_.agent_update(agent_, number, {"resolved", std::nullopt}));
  clock_.advance(24h * 15);
  EXPECT_EQ(service_.reopen(owner_, number).error().reason, "reopen_window_passed");
}

TEST_F(TicketServiceTest, ClosedIsFinal) {
  const auto number = submit_as_owner().number.str();
  ASSERT_EQ(service_.close(owner_, number)->status, Status::kClosed);
  EXPECT_EQ(service_.close(owner_, number).error().reason, "invalid_transition");
  EXPECT_EQ(service_.comment(owner_, number, {"hello", false, {}}).error().reason, "invalid_transition");
  EXPECT_EQ(service_.agent_update(agent_, number, {"open", std::nullopt}).error().reason, "invalid_transition");
  EXPECT_EQ(service_.agent_reply(agent_, number, {"hi", false, {}}).error().reason, "invalid_transition");
}

TEST_F(TicketServiceTest, AgentReplyOpensANewTicketAndRecordsEvents) {
  const auto number = submit_as_owner().number.str();
  EXPECT_EQ(service_.agent_reply(agent_, number, {"内部：查一下短信网关", true, {}})->ticket.status, Status::kNew);
  EXPECT_EQ(service_.agent_reply(agent_, number, {"您好，请再试一次。", false, {}})->ticket.status, Status::kOpen);
  ASSERT_TRUE(service_.agent_update(agent_, number, {std::nullopt, "high"}));
  const auto view = service_.agent_view(agent_, number).value();
  ASSERT_EQ(view.events.size(), 2U);
  EXPECT_EQ(view.events[0].to, "open");
  EXPECT_EQ(view.events[1].type, EventType::kPriorityChanged);
  EXPECT_EQ(service_.view(owner_, number)->messages.size(), 2U);  // the note stays internal
}

TEST_F(TicketServiceTest, LookupDoesNotTellWrongEmailFromUnknownNumber) {
  const auto ticket = submit_as_owner();
  const auto wrong_email = service_.lookup(ticket.number.str(), "someone@example.com");
  const auto unknown = service_.lookup(TicketNumber::make({2026, 1, 1}, {1, 2, 3, 4, 5}).str(), "owner@example.com");
  EXPECT_EQ(wrong_email.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(wrong_email.error().message, unknown.error().message);
  std::string typo = ticket.number.str();
  typo.back() = typo.back() == 'Z' ? 'Y' : 'Z';
  EXPECT_EQ(service_.lookup(typo, "owner@example.com").error().reason, "invalid_number");
}

TEST_F(TicketServiceTest, SimilarOpenTicketsOfTheCallerOnly) {
  submit_as_owner();
  EXPECT_EQ(service_.similar_open_tickets(owner_, "一直收不到验证码")->size(), 1U);
  EXPECT_TRUE(service_.similar_open_tickets(owner_, "会员扣费两次")->empty());
  EXPECT_TRUE(service_.similar_open_tickets(other_, "收不到验证码")->empty());
  EXPECT_TRUE(service_.similar_open_tickets(anonymous_, "收不到验证码")->empty());
}

// Every role against every action: the service layer is where authorization lives.
TEST_F(TicketServiceTest, AuthorizationMatrix) {
  auto with_files = submission();
  with_files.files = {{"shot.png", kPng}};
  const auto ticket = service_.submit(owner_, with_files).value();
  const auto number = ticket.number.str();
  const auto note = service_.agent_reply(agent_, number, {"note", true, {{"log.txt", "internal log"}}}).value();
  const auto public_file = service_.view(owner_, number)->messages.at(0).attachments.at(0).id;
  const auto internal_file = note.message->attachments.at(0).id;

  using Outcome = std::optional<ErrorCode>;  // nullopt: allowed
  const auto outcome = [](const auto& result) -> Outcome { return result ? Outcome{} : Outcome{result.error().code}; };
  struct Row {
    const char* action;
    std::function<Outcome(const Actor&)> run;
    std::array<Outcome, 5> expected;  // anonymous, owner, other customer, agent, admin
  };
  const Outcome ok{};
  const Outcome unauth = ErrorCode::kUnauthenticated, hidden = ErrorCode::kNotFound,
                denied = ErrorCode::kPermissionDenied;
  const std::vector<Row> rows{
      {"view", [&](const Actor& a) { return outcome(service_.view(a, number)); }, {unauth, ok, hidden, hidden, hidden}},
      {"comment",
       [&](const Actor& a) {
         return outcome(service_.comment(a, number, {"more", false, {}}));
       },
       {unauth, ok, hidden, hidden, hidden}},
      {"my tickets", [&](const Actor& a) { return outcome(service_.my_tickets(a, {})); }, {unauth, ok, ok, ok, ok}},
      {"queue", [&](const Actor& a) { return outcome(service_.queue(a, {})); }, {unauth, denied, denied, ok, ok}},
      {"agent view",
       [&](const Actor& a) { return outcome(service_.agent_view(a, number)); },
       {unauth, denied, denied, ok, ok}},
      {"agent reply",
       [&](const Actor& a) {
         return outcome(service_.agent_reply(a, number, {"hi", false, {}}));
       },
       {unauth, denied, denied, ok, ok}},
      {"internal note",
       [&](const Actor& a) {
         return outcome(service_.agent_reply(a, number, {"n", true, {}}));
       },
       {unauth, denied, denied, ok, ok}},
      {"agent update",
       [&](const Actor& a) {
         return outcome(service_.agent_update(a, number, {std::nullopt, "high"}));
       },
       {unauth, denied, denied, ok, ok}},
      {"public attachment",
       [&](const Actor& a) { return outcome(service_.attachment(a, public_file)); },
       {unauth, ok, hidden, ok, ok}},
      {"internal attachment",
       [&](const Actor& a) { return outcome(service_.attachment(a, internal_file)); },
       {unauth, hidden, hidden, ok, ok}},
  };
  const std::array<const Actor*, 5> actors{&anonymous_, &owner_, &other_, &agent_, &admin_};
  const std::array<const char*, 5> names{"anonymous", "owner", "other customer", "agent", "admin"};
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < actors.size(); ++i) {
      EXPECT_EQ(row.run(*actors[i]), row.expected[i]) << row.action << " as " << names[i];
    }
  }
  // Closing and reopening last, since they change the state the rows above rely on.
  EXPECT_EQ(outcome(service_.close(other_, number)), hidden);
  EXPECT_EQ(outcome(service_.close(agent_, number)), hidden);
  EXPECT_EQ(outcome(service_.close(owner_, number)), ok);
}

}  // namespace
}  // namespace gongdan::domain
