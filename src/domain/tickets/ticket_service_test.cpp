#include "domain/tickets/ticket_service.hpp"

#include <gtest/gtest.h>

#include "core/fake_clock.hpp"
#include "domain/testing/in_memory_mail_stores.hpp"
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
        users_.create({email, email.substr(0, email.find('@')), role, Locale::kZhCn, "", clock_.now()}).value(),
        std::nullopt};
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

// The same service over a store that queues the mail effects of each change, as the real stores do.
class TicketMailTest : public TicketServiceTest {
 protected:
  std::vector<OutboxEntry> mails(MailKind kind) const { return outbox_.of_kind(kind); }

  Actor with_locale(const Actor& actor, Locale locale) {
    return Actor{users_.update_profile(actor.user->id, actor.user->name, locale).value(), std::nullopt};
  }
  Actor link_holder(const Ticket& ticket) { return Actor{std::nullopt, TicketGrant{ticket.id, ticket.customer.email}}; }
  Ticket submit_mailed(const Actor& actor = {}, TicketSubmission s = {}) {
    if (s.subject.empty()) s = submission();
    return mailing_service_.submit(actor.user ? actor : owner_, s).value();
  }

  testing::InMemoryAccessLinks links_;
  testing::InMemoryOutbox outbox_{links_};
  testing::MailingTickets mailing_{tickets_, outbox_};
  TicketService mailing_service_{mailing_, catalog_, users_, blobs_, detector_, crypto_, clock_, mails_};
};

TEST_F(TicketMailTest, SubmitQueuesOneConfirmationWithItsLinkInTheAccountsLanguage) {
  const auto english = with_locale(owner_, Locale::kEn);
  const auto ticket = mailing_service_.submit(english, submission()).value();
  ASSERT_EQ(outbox_.entries().size(), 1U);
  const auto mail = mails(MailKind::kTicketConfirmation).at(0).mail;
  EXPECT_EQ(mail.to_email, "owner@example.com");
  EXPECT_EQ(mail.locale, Locale::kEn);
  EXPECT_EQ(mail.ticket_id, ticket.id);
  EXPECT_EQ(mail.ticket_number, ticket.number.str());
  ASSERT_EQ(links_.all().size(), 1U);
  EXPECT_EQ(links_.all()[0].link.ticket_id, ticket.id);
}

TEST_F(TicketMailTest, AGuestsConfirmationIsInThePagesLanguage) {
  auto s = submission();
  s.guest = GuestContact{"Guest", "guest@example.com"};
  s.locale = Locale::kEn;
  ASSERT_TRUE(mailing_service_.submit(anonymous_, s));
  s.subject = "另一个问题";
  s.locale = Locale::kZhCn;
  ASSERT_TRUE(mailing_service_.submit(anonymous_, s));
  const auto confirmations = mails(MailKind::kTicketConfirmation);
  ASSERT_EQ(confirmations.size(), 2U);
  EXPECT_EQ(confirmations[0].mail.locale, Locale::kEn);
  EXPECT_EQ(confirmations[1].mail.locale, Locale::kZhCn);
  EXPECT_EQ(confirmations[0].mail.to_email, "guest@example.com");
}

TEST_F(TicketMailTest, AnIdempotentReplayQueuesNothingNew) {
  auto s = submission();
  s.idempotency_key = "retry-1";
  const auto first = mailing_service_.submit(owner_, s).value();
  const auto again = mailing_service_.submit(owner_, s).value();
  EXPECT_EQ(first.number, again.number);
  EXPECT_EQ(outbox_.entries().size(), 1U);
  EXPECT_EQ(links_.all().size(), 1U);
}

TEST_F(TicketMailTest, AnInvalidSubmissionQueuesNothing) {
  auto s = submission();
  s.subject.clear();
  EXPECT_FALSE(mailing_service_.submit(owner_, s));
  EXPECT_TRUE(outbox_.entries().empty());
  EXPECT_TRUE(links_.all().empty());
}

TEST_F(TicketMailTest, AnInternalNoteMailsNobody) {
  const auto number = submit_mailed().number.str();
  ASSERT_TRUE(mailing_service_.agent_reply(agent_, number, {"内部：查一下短信网关", true, {}}));
  EXPECT_TRUE(mails(MailKind::kAgentReply).empty());
  EXPECT_EQ(outbox_.entries().size(), 1U);
}

TEST_F(TicketMailTest, APublicReplyMailsTheReplyToTheCustomer) {
  const auto english = with_locale(owner_, Locale::kEn);
  const auto ticket = submit_mailed(english);
  ASSERT_TRUE(mailing_service_.agent_reply(agent_, ticket.number.str(), {"Please try again.", false, {}}));
  const auto replies = mails(MailKind::kAgentReply);
  ASSERT_EQ(replies.size(), 1U);
  EXPECT_EQ(replies[0].mail.values.values.at("reply.body"), "Please try again.");
  EXPECT_EQ(replies[0].mail.to_email, "owner@example.com");
  EXPECT_EQ(replies[0].mail.locale, Locale::kEn);
  EXPECT_EQ(replies[0].mail.ticket_id, ticket.id);
}

TEST_F(TicketMailTest, TheReplyIsInTheLanguageTheCustomerReadsNow) {
  const auto ticket = submit_mailed();  // submitted in Chinese
  with_locale(owner_, Locale::kEn);
  ASSERT_TRUE(mailing_service_.agent_reply(agent_, ticket.number.str(), {"Hello", false, {}}));
  EXPECT_EQ(mails(MailKind::kAgentReply).at(0).mail.locale, Locale::kEn);
}

TEST_F(TicketMailTest, OnlyPendingAndResolvedMailTheCustomer) {
  const auto number = submit_mailed().number.str();
  ASSERT_TRUE(mailing_service_.agent_update(agent_, number, {"open", std::nullopt}));
  EXPECT_TRUE(mails(MailKind::kStatusChanged).empty());
  ASSERT_TRUE(mailing_service_.agent_update(agent_, number, {"pending", std::nullopt}));
  ASSERT_EQ(mails(MailKind::kStatusChanged).size(), 1U);
  EXPECT_EQ(mails(MailKind::kStatusChanged)[0].mail.values.values.at("ticket.status"), "等待您的回复");
  ASSERT_TRUE(mailing_service_.agent_update(agent_, number, {std::nullopt, "high"}));
  EXPECT_EQ(mails(MailKind::kStatusChanged).size(), 1U);
  ASSERT_TRUE(mailing_service_.agent_update(agent_, number, {"resolved", std::nullopt}));
  ASSERT_EQ(mails(MailKind::kStatusChanged).size(), 2U);
  EXPECT_EQ(mails(MailKind::kStatusChanged)[1].mail.values.values.at("ticket.status"), "已解决");
  ASSERT_TRUE(mailing_service_.agent_update(agent_, number, {"closed", std::nullopt}));
  EXPECT_EQ(mails(MailKind::kStatusChanged).size(), 2U);
}

TEST_F(TicketMailTest, ARefusedChangeQueuesNothing) {
  const auto number = submit_mailed().number.str();
  ASSERT_TRUE(mailing_service_.close(owner_, number));
  EXPECT_FALSE(mailing_service_.agent_update(agent_, number, {"pending", std::nullopt}));
  EXPECT_FALSE(mailing_service_.agent_reply(agent_, number, {"hi", false, {}}));
  EXPECT_EQ(outbox_.entries().size(), 1U);
}

TEST_F(TicketMailTest, ALinkHolderActsOnItsTicketAsTheCustomer) {
  auto s = submission();
  s.guest = GuestContact{"访客", "guest@example.com"};
  const auto ticket = mailing_service_.submit(anonymous_, s).value();
  const auto holder = link_holder(ticket);
  const auto number = ticket.number.str();
  EXPECT_EQ(mailing_service_.view(holder, number)->ticket.id, ticket.id);
  const auto comment = mailing_service_.comment(holder, number, {"补充一下", false, {}}).value();
  EXPECT_EQ(comment.message->author.name, "访客");
  EXPECT_EQ(comment.message->author.role, Role::kCustomer);
  ASSERT_TRUE(mailing_service_.agent_update(agent_, number, {"resolved", std::nullopt}));
  EXPECT_EQ(mailing_service_.reopen(holder, number)->status, Status::kOpen);
  EXPECT_EQ(mailing_service_.close(holder, number)->status, Status::kClosed);
}

TEST_F(TicketMailTest, ALinkOpensOnlyItsOwnTicketForItsOwnAddress) {
  const auto mine = submit_mailed();
  const auto others = mailing_service_.submit(other_, submission("别人的工单")).value();
  const auto holder = link_holder(mine);
  EXPECT_EQ(mailing_service_.view(holder, others.number.str()).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(mailing_service_.comment(holder, others.number.str(), {"x", false, {}}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(mailing_service_.close(holder, others.number.str()).error().code, ErrorCode::kNotFound);
  // A link mailed to an address that is no longer the ticket's opens nothing.
  const Actor stale{std::nullopt, TicketGrant{mine.id, "old@example.com"}};
  EXPECT_EQ(mailing_service_.view(stale, mine.number.str()).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(mailing_service_.reopen(stale, mine.number.str()).error().code, ErrorCode::kNotFound);
}

TEST_F(TicketMailTest, ALinkHolderCannotUseAgentEndpoints) {
  const auto ticket = submit_mailed();
  const auto holder = link_holder(ticket);
  const auto number = ticket.number.str();
  EXPECT_EQ(mailing_service_.agent_view(holder, number).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(mailing_service_.agent_reply(holder, number, {"hi", false, {}}).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(mailing_service_.agent_update(holder, number, {"pending", std::nullopt}).error().code,
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(mailing_service_.queue(holder, {}).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(mailing_service_.my_tickets(holder, {}).error().code, ErrorCode::kUnauthenticated);
}

TEST_F(TicketMailTest, ALinkHolderSeesPublicAttachmentsOnly) {
  auto with_files = submission();
  with_files.files = {{"shot.png", kPng}};
  const auto ticket = mailing_service_.submit(owner_, with_files).value();
  const auto number = ticket.number.str();
  const auto note = mailing_service_.agent_reply(agent_, number, {"note", true, {{"log.txt", "internal log"}}}).value();
  const auto public_file = mailing_service_.view(owner_, number)->messages.at(0).attachments.at(0).id;
  const auto holder = link_holder(ticket);
  EXPECT_EQ(mailing_service_.attachment(holder, public_file)->bytes, kPng);
  EXPECT_EQ(mailing_service_.attachment(holder, note.message->attachments.at(0).id).error().code, ErrorCode::kNotFound);
  const auto others = mailing_service_.submit(other_, submission("别人的")).value();
  EXPECT_EQ(mailing_service_.attachment(link_holder(others), public_file).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace gongdan::domain
