#include "domain/mail/inbound_mail_service.hpp"

#include <gtest/gtest.h>

#include "core/fake_clock.hpp"
#include "domain/testing/in_memory_mail_stores.hpp"
#include "domain/testing/in_memory_stores.hpp"

namespace gongdan::domain {
namespace {

using core::ErrorCode;
using Kind = InboundOutcome::Kind;
using namespace std::chrono_literals;

constexpr std::string_view kHost = "help.example.com";
const std::string kElf = std::string(
    "\x7f"
    "ELF\0\0",
    6);

TicketNumber number_of(std::uint8_t seed) { return TicketNumber::make({2026, 11, 18}, {1, 2, 3, 4, seed}); }

TEST(InboundMessageIdTest, OurTicketMessageIdsNameTheirTicket) {
  const auto number = number_of(5);
  EXPECT_EQ(ticket_number_in_message_id("ticket." + number.str() + "@help.example.com", kHost), number);
  EXPECT_EQ(ticket_number_in_message_id("ticket." + number.str() + "@Help.Example.COM", kHost), number);
  EXPECT_FALSE(ticket_number_in_message_id("ticket." + number.str() + "@evil.example.com", kHost));
  EXPECT_FALSE(ticket_number_in_message_id("ticket.261118-NOTANUMBER@help.example.com", kHost));
  EXPECT_FALSE(ticket_number_in_message_id("CAF=abc@mail.gmail.com", kHost));
}

TEST(InboundMessageIdTest, OurOutboxMessageIdsNameTheirMail) {
  EXPECT_EQ(outbox_id_in_message_id("o42.1795000000000@help.example.com", kHost), OutboxId{42});
  EXPECT_FALSE(outbox_id_in_message_id("o42.1795000000000@elsewhere.example.com", kHost));
  EXPECT_FALSE(outbox_id_in_message_id("o42@help.example.com", kHost));
  EXPECT_FALSE(outbox_id_in_message_id("o.17@help.example.com", kHost));
  EXPECT_FALSE(outbox_id_in_message_id("x42.17@help.example.com", kHost));
  EXPECT_FALSE(outbox_id_in_message_id("no-at-sign", kHost));
}

TEST(InboundSubjectTest, FindsTheFirstTicketNumberInASubject) {
  const auto number = number_of(5);
  EXPECT_EQ(ticket_number_in_subject("Re: [" + number.str() + "] 收不到验证码"), number);
  EXPECT_EQ(ticket_number_in_subject("回复：工单 " + number.str()), number);
  EXPECT_FALSE(ticket_number_in_subject("Re: 收不到验证码"));
  EXPECT_FALSE(ticket_number_in_subject("X" + number.str()));  // part of a longer word
}

TEST(InboundSubjectTest, StripsReplyAndForwardPrefixesInBothLanguages) {
  EXPECT_EQ(strip_reply_prefixes("Re: 收不到验证码"), "收不到验证码");
  EXPECT_EQ(strip_reply_prefixes("RE: Fwd: re:Refund"), "Refund");
  EXPECT_EQ(strip_reply_prefixes("回复：答复: 转发：退款"), "退款");
  EXPECT_EQ(strip_reply_prefixes("  Fwd: 回复: Re: 标题  "), "标题");
  EXPECT_EQ(strip_reply_prefixes("Reply needed"), "Reply needed");
}

class InboundMailServiceTest : public ::testing::Test {
 protected:
  InboundMail mail(std::string from, std::string subject, std::string body, std::vector<std::string> references = {}) {
    InboundMail m;
    m.message_id = "m" + std::to_string(++sequence_) + "@mail.example.net";
    m.from_email = std::move(from);
    m.from_name = "Sender";
    m.subject = std::move(subject);
    m.body = std::move(body);
    m.references = std::move(references);
    return m;
  }
  Ticket guest_ticket(std::string email = "guest@example.com") {
    TicketSubmission s;
    s.category_id = 1;
    s.subject = "收不到验证码";
    s.description = "换手机以后一直收不到短信验证码。";
    s.guest = GuestContact{"访客", std::move(email)};
    return tickets_.submit(Actor::anonymous(), s).value();
  }
  std::string ticket_reference(const Ticket& t) const { return "ticket." + t.number.str() + "@" + std::string(kHost); }
  std::size_t message_count(const Ticket& t) { return store_.messages(t.id, true).size(); }
  InboundOutcome handle(const InboundMail& m) {
    auto outcome = service_.handle(m);
    EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.error().message);
    return outcome.ok() ? *outcome : InboundOutcome{};
  }

  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};
  testing::FakeCrypto crypto_;
  testing::InMemoryUsers users_;
  testing::InMemoryTickets stored_tickets_;
  testing::InMemoryCatalog catalog_;
  testing::InMemoryBlobs blobs_;
  testing::SignatureDetector detector_;
  testing::InMemoryAccessLinks links_;
  testing::InMemoryOutbox outbox_{links_};
  testing::MailingTickets store_{stored_tickets_, outbox_};
  testing::InMemoryInboundLog log_;
  TicketMails mails_{crypto_, clock_, {}};
  TicketService tickets_{store_, catalog_, users_, blobs_, detector_, crypto_, clock_, mails_};
  InboundMailService service_{tickets_, store_, users_, catalog_, outbox_, log_, clock_, {std::string(kHost), 3}};
  int sequence_ = 0;
};

TEST_F(InboundMailServiceTest, TheCustomersReplyByReferenceBecomesAComment) {
  const auto ticket = guest_ticket();
  const auto outcome =
      handle(mail("guest@example.com", "Re: 收不到验证码", "还是收不到。", {ticket_reference(ticket)}));
  EXPECT_EQ(outcome.kind, Kind::kCommented);
  EXPECT_EQ(outcome.ticket, ticket.number);
  const auto messages = store_.messages(ticket.id, true);
  ASSERT_EQ(messages.size(), 2U);
  EXPECT_EQ(messages[1].body, "还是收不到。");
  EXPECT_EQ(messages[1].author.name, "访客");
  EXPECT_EQ(stored_tickets_.count(), 1U);
}

TEST_F(InboundMailServiceTest, AReplyToAnyOfOurMailsThreadsByItsOutboxId) {
  const auto ticket = guest_ticket();
  const auto confirmation = outbox_.entries().at(0);
  const auto reference = "o" + std::to_string(confirmation.id.value) + "." +
                         std::to_string(core::to_epoch_ms(confirmation.created_at)) + "@" + std::string(kHost);
  const auto outcome = handle(mail("guest@example.com", "Re: 您的工单", "谢谢", {"foreign@x.example", reference}));
  EXPECT_EQ(outcome.kind, Kind::kCommented);
  EXPECT_EQ(outcome.ticket, ticket.number);
}

TEST_F(InboundMailServiceTest, ANumberInTheSubjectThreadsWithoutReferences) {
  const auto ticket = guest_ticket();
  const auto outcome = handle(mail("guest@example.com", "回复：[" + ticket.number.str() + "] 收不到验证码", "补充"));
  EXPECT_EQ(outcome.kind, Kind::kCommented);
  EXPECT_EQ(message_count(ticket), 2U);
}

TEST_F(InboundMailServiceTest, TheCustomersReplyReopensAPendingTicket) {
  const auto ticket = guest_ticket();
  const auto agent =
      users_.create({"agent@example.com", "王芳", Role::kAgent, Locale::kZhCn, "", clock_.now()}).value();
  ASSERT_TRUE(tickets_.agent_update(Actor{agent, std::nullopt}, ticket.number.str(), {"pending", std::nullopt}));
  ASSERT_EQ(handle(mail("guest@example.com", "Re", "好的", {ticket_reference(ticket)})).kind, Kind::kCommented);
  EXPECT_EQ(store_.find_by_id(ticket.id)->status, Status::kOpen);
}

TEST_F(InboundMailServiceTest, SomeoneElsesReplyOpensATicketOfTheirOwn) {
  const auto ticket = guest_ticket();
  const auto outcome = handle(mail("stranger@example.com", "Re: [" + ticket.number.str() + "] 收不到验证码",
                                   "我也遇到了", {ticket_reference(ticket)}));
  EXPECT_EQ(outcome.kind, Kind::kCreated);
  ASSERT_TRUE(outcome.ticket);
  EXPECT_NE(*outcome.ticket, ticket.number);
  EXPECT_EQ(message_count(ticket), 1U);
  EXPECT_EQ(store_.find_by_number(*outcome.ticket)->customer.email, "stranger@example.com");
}

TEST_F(InboundMailServiceTest, AReplyToAClosedTicketOpensANewOne) {
  const auto ticket = guest_ticket();
  ASSERT_TRUE(tickets_.close(Actor{std::nullopt, TicketGrant{ticket.id, ticket.customer.email}}, ticket.number.str()));
  const auto outcome = handle(mail("guest@example.com", "Re: 收不到验证码", "又出现了", {ticket_reference(ticket)}));
  EXPECT_EQ(outcome.kind, Kind::kCreated);
  EXPECT_NE(outcome.ticket, ticket.number);
  EXPECT_EQ(message_count(ticket), 1U);
}

TEST_F(InboundMailServiceTest, AutomaticMailIsRecordedAndNeverAnswered) {
  auto m = mail("guest@example.com", "自动回复：我正在休假", "我会在下周回来。");
  m.automatic = "auto-submitted: auto-replied";
  const auto outcome = handle(m);
  EXPECT_EQ(outcome.kind, Kind::kIgnored);
  EXPECT_EQ(outcome.reason, "auto-submitted: auto-replied");
  EXPECT_EQ(stored_tickets_.count(), 0U);
  EXPECT_TRUE(outbox_.entries().empty());
  EXPECT_EQ(log_.outcome_of(m.message_id), "ignored: auto-submitted: auto-replied");
}

TEST_F(InboundMailServiceTest, MailWithoutAUsableSenderIsIgnored) {
  EXPECT_EQ(handle(mail("", "hello", "body")).kind, Kind::kIgnored);
  EXPECT_EQ(handle(mail("not-an-address", "hello", "body")).kind, Kind::kIgnored);
  EXPECT_EQ(stored_tickets_.count(), 0U);
}

TEST_F(InboundMailServiceTest, AMessageDeliveredTwiceIsHandledOnce) {
  const auto m = mail("guest@example.com", "退款没有到账", "上周的退款还没到。");
  EXPECT_EQ(handle(m).kind, Kind::kCreated);
  const auto mails_before = outbox_.entries().size();
  EXPECT_EQ(handle(m).kind, Kind::kDuplicate);
  EXPECT_EQ(stored_tickets_.count(), 1U);
  EXPECT_EQ(outbox_.entries().size(), mails_before);
}

TEST_F(InboundMailServiceTest, ASenderAboveTheHourlyCapIsIgnored) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(handle(mail("loop@example.com", "Ticket " + std::to_string(i), "body")).kind, Kind::kCreated);
  }
  const auto over = handle(mail("loop@example.com", "Ticket 4", "body"));
  EXPECT_EQ(over.kind, Kind::kIgnored);
  EXPECT_EQ(over.reason, "too many messages from this sender");
  EXPECT_EQ(stored_tickets_.count(), 3U);
  EXPECT_EQ(handle(mail("someone@example.com", "Hello", "body")).kind, Kind::kCreated);
  clock_.advance(1h + 1ms);
  EXPECT_EQ(handle(mail("loop@example.com", "Ticket 5", "body")).kind, Kind::kCreated);
}

TEST_F(InboundMailServiceTest, MailFromAVerifiedAddressFilesTheTicketOnTheAccount) {
  const auto user =
      users_.create({"member@example.com", "会员", Role::kCustomer, Locale::kEn, "", clock_.now()}).value();
  ASSERT_TRUE(users_.mark_email_verified(user.id, clock_.now()).ok());
  const auto outcome = handle(mail("member@example.com", "Cannot sign in", "It says my password is wrong."));
  ASSERT_EQ(outcome.kind, Kind::kCreated);
  const auto ticket = store_.find_by_number(*outcome.ticket).value();
  EXPECT_EQ(ticket.customer.user_id, user.id);
  EXPECT_EQ(ticket.customer.name, "会员");
  EXPECT_EQ(ticket.environment.platform, "email");
  EXPECT_EQ(outbox_.of_kind(MailKind::kTicketConfirmation).at(0).mail.locale, Locale::kEn);
}

TEST_F(InboundMailServiceTest, MailFromAnUnverifiedAccountsAddressOpensAGuestTicket) {
  // Anyone can register someone else's address; that must not route their mail into the account.
  (void)users_.create({"taken@example.com", "冒名", Role::kCustomer, Locale::kEn, "", clock_.now()}).value();
  const auto outcome = handle(mail("taken@example.com", "Cannot sign in", "It says my password is wrong."));
  ASSERT_EQ(outcome.kind, Kind::kCreated);
  EXPECT_TRUE(store_.find_by_number(*outcome.ticket).value().customer.guest());
}

TEST_F(InboundMailServiceTest, ControlCharactersInDecodedHeadersBecomeSpaces) {
  auto m = mail("guest@example.com", "登录\r\n失败\x07了", "正文\n第二行\x1b[0m");
  m.from_name = "张\r\n三";
  const auto outcome = handle(m);
  ASSERT_EQ(outcome.kind, Kind::kCreated);
  const auto ticket = store_.find_by_number(*outcome.ticket).value();
  EXPECT_EQ(ticket.subject, "登录  失败 了");
  EXPECT_EQ(ticket.customer.name, "张  三");
  EXPECT_EQ(ticket.description, "正文\n第二行 [0m");
}

TEST_F(InboundMailServiceTest, TwoDeliveriesAtOnceActOnce) {
  const auto m = mail("guest@example.com", "Hello", "body");
  // The second delivery arrives while the first holds the claim (not yet finished).
  ASSERT_TRUE(log_.claim(m.message_id, m.from_email, clock_.now(), clock_.now() - 10min).value());
  EXPECT_EQ(handle(m).kind, Kind::kDuplicate);
  EXPECT_EQ(stored_tickets_.count(), 0U);
  clock_.advance(11min);  // the first handler died: its claim is stale and taken over
  EXPECT_EQ(handle(m).kind, Kind::kCreated);
}

TEST_F(InboundMailServiceTest, ChineseMailOpensAChineseGuestTicket) {
  const auto outcome = handle(mail("guest@example.com", "Re: 退款没有到账", "上周申请的退款还没有到账。"));
  ASSERT_EQ(outcome.kind, Kind::kCreated);
  const auto ticket = store_.find_by_number(*outcome.ticket).value();
  EXPECT_TRUE(ticket.customer.guest());
  EXPECT_EQ(ticket.customer.locale, Locale::kZhCn);
  EXPECT_EQ(ticket.subject, "退款没有到账");
  EXPECT_EQ(ticket.customer.name, "Sender");
  EXPECT_EQ(outbox_.of_kind(MailKind::kTicketConfirmation).at(0).mail.locale, Locale::kZhCn);
}

TEST_F(InboundMailServiceTest, EnglishMailOpensAnEnglishGuestTicket) {
  auto m = mail("guest@example.com", "", "My refund has not arrived.");
  m.from_name = " ";
  const auto outcome = handle(m);
  ASSERT_EQ(outcome.kind, Kind::kCreated);
  const auto ticket = store_.find_by_number(*outcome.ticket).value();
  EXPECT_EQ(ticket.customer.locale, Locale::kEn);
  EXPECT_EQ(ticket.subject, "(no subject)");
  EXPECT_EQ(ticket.customer.name, "guest");
}

TEST_F(InboundMailServiceTest, RefusedAttachmentsFallBackToATicketWithoutThem) {
  auto m = mail("guest@example.com", "程序崩溃", "附件是日志。");
  m.attachments = {{"crash.exe", kElf}};
  const auto outcome = handle(m);
  ASSERT_EQ(outcome.kind, Kind::kCreated);
  const auto ticket = store_.find_by_number(*outcome.ticket).value();
  EXPECT_NE(ticket.description.find("附件未能接收"), std::string::npos) << ticket.description;
  EXPECT_TRUE(store_.messages(ticket.id, true).at(0).attachments.empty());
  EXPECT_EQ(blobs_.size(), 0U);
}

TEST_F(InboundMailServiceTest, RefusedAttachmentsFallBackToACommentWithoutThem) {
  const auto ticket = guest_ticket();
  auto m = mail("guest@example.com", "Re", "日志见附件", {ticket_reference(ticket)});
  m.attachments = {{"log.png", std::string("\x89PNG", 4) + "ok"}, {"evil.exe", kElf}};
  ASSERT_EQ(handle(m).kind, Kind::kCommented);
  const auto messages = store_.messages(ticket.id, true);
  ASSERT_EQ(messages.size(), 2U);
  EXPECT_TRUE(messages[1].attachments.empty());
  EXPECT_TRUE(messages[1].body.starts_with("日志见附件"));
  EXPECT_NE(messages[1].body.find("附件未能接收"), std::string::npos);
}

TEST_F(InboundMailServiceTest, AcceptedAttachmentsAreKept) {
  const auto ticket = guest_ticket();
  auto m = mail("guest@example.com", "Re", "", {ticket_reference(ticket)});
  m.attachments = {{"shot.png", std::string("\x89PNG", 4) + "pixels"}};
  ASSERT_EQ(handle(m).kind, Kind::kCommented);
  const auto messages = store_.messages(ticket.id, true);
  ASSERT_EQ(messages.size(), 2U);
  EXPECT_EQ(messages[1].attachments.size(), 1U);
  EXPECT_EQ(messages[1].body, "（邮件只有附件）");
}

TEST_F(InboundMailServiceTest, AnEmptyReplyIsIgnored) {
  const auto ticket = guest_ticket();
  const auto outcome = handle(mail("guest@example.com", "Re", "  \n", {ticket_reference(ticket)}));
  EXPECT_EQ(outcome.kind, Kind::kIgnored);
  EXPECT_EQ(message_count(ticket), 1U);
}

TEST_F(InboundMailServiceTest, WithoutACategoryTheMailIsToBeDeliveredAgain) {
  class NoCategories final : public CatalogRepository {
   public:
    std::vector<Category> categories() override { return {}; }
    std::optional<Category> find_category(core::CategoryId) override { return std::nullopt; }
    core::Result<Category> add_category(const std::string&, const std::string&) override {
      return core::Error::unavailable("read-only");
    }
    std::vector<Article> articles(Locale) override { return {}; }
    std::vector<Category> all_categories() override { return {}; }
    core::Result<Category> save_category(const Category&) override { return core::Error::unavailable("read-only"); }
    std::vector<FieldDefinition> field_definitions(core::CategoryId) override { return {}; }
    std::vector<FieldDefinition> active_fields() override { return {}; }
    core::Result<FieldDefinition> save_field(const FieldDefinition&) override {
      return core::Error::unavailable("read-only");
    }
    core::Result<FieldRemoval> remove_field(core::FieldId) override { return core::Error::unavailable("read-only"); }
  } none;
  InboundMailService service{tickets_, store_, users_, none, outbox_, log_, clock_, {std::string(kHost), 3}};
  const auto m = mail("guest@example.com", "Hello", "body");
  EXPECT_EQ(service.handle(m).error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(log_.seen(m.message_id));
}

}  // namespace
}  // namespace gongdan::domain
