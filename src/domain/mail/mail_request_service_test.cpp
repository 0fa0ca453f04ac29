#include "domain/mail/mail_request_service.hpp"

#include <gtest/gtest.h>

#include "core/fake_clock.hpp"
#include "domain/testing/in_memory_mail_stores.hpp"
#include "domain/testing/in_memory_stores.hpp"
#include "domain/tickets/ticket_service.hpp"

namespace gongdan::domain {
namespace {

using core::ErrorCode;
using namespace std::chrono_literals;

std::string token_in(const std::string& url) {
  const auto at = url.find('=');
  return at == std::string::npos ? std::string{} : url.substr(at + 1);
}

class MailRequestServiceTest : public ::testing::Test {
 protected:
  MailRequestServiceTest() {
    owner_ = make_user("owner@example.com", Role::kCustomer, Locale::kEn);
    other_ = make_user("other@example.com", Role::kCustomer, Locale::kZhCn);
    agent_ = make_user("agent@example.com", Role::kAgent, Locale::kZhCn);
  }

  Actor make_user(const std::string& email, Role role, Locale locale) {
    return Actor{users_.create({email, email.substr(0, email.find('@')), role, locale, "", clock_.now()}).value(),
                 std::nullopt};
  }

  Ticket submit(const Actor& actor, std::string subject = "收不到验证码") {
    TicketSubmission s;
    s.category_id = 1;
    s.subject = std::move(subject);
    s.description = "换手机以后一直收不到短信验证码。";
    return tickets_.submit(actor, s).value();
  }
  Ticket submit_as_guest(const std::string& email, Locale locale) {
    TicketSubmission s;
    s.category_id = 1;
    s.subject = "退款没有到账";
    s.description = "上周申请的退款还没有到账。";
    s.guest = GuestContact{"访客", email};
    s.locale = locale;
    return tickets_.submit(Actor::anonymous(), s).value();
  }

  std::vector<OutboxEntry> mails(MailKind kind) const { return outbox_.of_kind(kind); }
  // The token of the newest mail of `kind`.
  std::string last_token(MailKind kind) const { return token_in(mails(kind).back().mail.values.values.at("link")); }

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
  TicketMails ticket_mails_{crypto_, clock_, {"https://help.example.com", "Gongdan", 24h * 30, 30min}};
  TicketService tickets_{store_, catalog_, users_, blobs_, detector_, crypto_, clock_, ticket_mails_};
  AuthService auth_{users_, crypto_, clock_};
  MailRequestService service_{store_, users_, outbox_, links_, auth_, ticket_mails_, crypto_, clock_};
  Actor owner_, other_, agent_;
};

TEST_F(MailRequestServiceTest, TicketLinkOnlyWhenNumberAndEmailMatch) {
  const auto ticket = submit(owner_);
  const auto number = ticket.number.str();
  const auto unknown = TicketNumber::make({2026, 1, 1}, {1, 2, 3, 4, 5}).str();
  EXPECT_TRUE(service_.send_ticket_link(number, "someone@example.com", Locale::kZhCn));
  EXPECT_TRUE(service_.send_ticket_link(unknown, "owner@example.com", Locale::kZhCn));
  EXPECT_TRUE(mails(MailKind::kTicketLink).empty());
  EXPECT_TRUE(service_.send_ticket_link(number, " Owner@Example.com ", Locale::kZhCn));
  const auto sent = mails(MailKind::kTicketLink);
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].mail.to_email, "owner@example.com");
  EXPECT_EQ(sent[0].mail.locale, Locale::kEn);  // the account's language, not the page's
  EXPECT_EQ(sent[0].mail.ticket_id, ticket.id);
}

TEST_F(MailRequestServiceTest, AGuestsTicketLinkIsInThePagesLanguage) {
  const auto ticket = submit_as_guest("guest@example.com", Locale::kZhCn);
  ASSERT_TRUE(service_.send_ticket_link(ticket.number.str(), "guest@example.com", Locale::kEn));
  EXPECT_EQ(mails(MailKind::kTicketLink).at(0).mail.locale, Locale::kEn);
}

TEST_F(MailRequestServiceTest, MalformedInputIsTheOnlyError) {
  EXPECT_EQ(service_.send_ticket_link("not a number", "owner@example.com", Locale::kZhCn).error().code,
            ErrorCode::kInvalid);
  const auto number = submit(owner_).number.str();
  EXPECT_EQ(service_.send_ticket_link(number, "not-an-email", Locale::kZhCn).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(service_.send_ticket_list("nope", Locale::kZhCn).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(service_.send_sign_in_link("nope").error().code, ErrorCode::kInvalid);
}

TEST_F(MailRequestServiceTest, TicketListListsTheAddressesTicketsOnly) {
  submit(owner_, "第一个");
  submit(owner_, "第二个");
  submit(other_, "别人的");
  ASSERT_TRUE(service_.send_ticket_list("owner@example.com", Locale::kZhCn));
  const auto lists = mails(MailKind::kTicketList);
  ASSERT_EQ(lists.size(), 1U);
  EXPECT_EQ(lists[0].mail.values.tickets.size(), 2U);
  EXPECT_EQ(lists[0].mail.locale, Locale::kEn);
  ASSERT_TRUE(service_.send_ticket_list("nobody@example.com", Locale::kZhCn));
  EXPECT_EQ(mails(MailKind::kTicketList).size(), 1U);
}

TEST_F(MailRequestServiceTest, SignInLinkOnlyForAccounts) {
  EXPECT_TRUE(service_.send_sign_in_link("nobody@example.com"));
  EXPECT_TRUE(mails(MailKind::kSignInLink).empty());
  EXPECT_TRUE(service_.send_sign_in_link("OWNER@example.com"));
  ASSERT_EQ(mails(MailKind::kSignInLink).size(), 1U);
  EXPECT_EQ(mails(MailKind::kSignInLink)[0].mail.to_email, "owner@example.com");
}

TEST_F(MailRequestServiceTest, StaffGetNoSignInLinksAndOldLinksDoNotOpenStaffAccounts) {
  EXPECT_TRUE(service_.send_sign_in_link("agent@example.com"));  // the same answer, no mail
  EXPECT_TRUE(mails(MailKind::kSignInLink).empty());
  // A verification link made for the account (as after registration) is refused for staff.
  ASSERT_TRUE(service_.send_email_verification(*agent_.user));
  EXPECT_EQ(service_.sign_in_with_link(last_token(MailKind::kEmailVerification)).error().reason, "link_invalid");
}

TEST_F(MailRequestServiceTest, AtMostFiveOfAKindPerAddressPerHour) {
  const auto number = submit(owner_).number.str();
  for (int i = 0; i < 7; ++i) {
    EXPECT_TRUE(service_.send_ticket_link(number, "owner@example.com", Locale::kZhCn));
    EXPECT_TRUE(service_.send_sign_in_link("owner@example.com"));
  }
  EXPECT_TRUE(service_.send_sign_in_link("other@example.com"));
  EXPECT_EQ(mails(MailKind::kTicketLink).size(), 5U);
  EXPECT_EQ(mails(MailKind::kSignInLink).size(), 6U);  // five to owner@, one to other@
  clock_.advance(1h + 1ms);
  EXPECT_TRUE(service_.send_ticket_link(number, "owner@example.com", Locale::kZhCn));
  EXPECT_EQ(mails(MailKind::kTicketLink).size(), 6U);
}

TEST_F(MailRequestServiceTest, ATicketLinkOpensItsTicketForItsAddress) {
  const auto ticket = submit(owner_);
  const auto opened = service_.open_ticket_link(last_token(MailKind::kTicketConfirmation)).value();
  EXPECT_EQ(opened.number, ticket.number);
  EXPECT_EQ(opened.grant.ticket_id, ticket.id);
  EXPECT_EQ(opened.grant.email, "owner@example.com");
  EXPECT_EQ(opened.expires_at, clock_.now() + 24h * 30);
  EXPECT_EQ(opened.remaining, 24h * 30);
  clock_.advance(24h);
  EXPECT_EQ(service_.open_ticket_link(last_token(MailKind::kTicketConfirmation))->remaining, 24h * 29);
  EXPECT_TRUE(service_.grant_for(last_token(MailKind::kTicketConfirmation)));
}

TEST_F(MailRequestServiceTest, UnknownExpiredAndRevokedLinksAreAllLinkInvalid) {
  const auto ticket = submit(owner_);
  const auto token = last_token(MailKind::kTicketConfirmation);
  const auto invalid = [this](std::string_view t) {
    const auto opened = service_.open_ticket_link(t);
    return !opened && opened.error().code == ErrorCode::kUnauthenticated && opened.error().reason == "link_invalid";
  };
  EXPECT_TRUE(invalid("no-such-token"));
  EXPECT_TRUE(invalid(""));
  EXPECT_TRUE(invalid(std::string(500, 'x')));
  ASSERT_TRUE(service_.send_sign_in_link("owner@example.com"));
  EXPECT_TRUE(invalid(last_token(MailKind::kSignInLink)));  // a sign-in link opens no ticket

  clock_.advance(24h * 30 + 1ms);
  EXPECT_TRUE(invalid(token));
  EXPECT_FALSE(service_.grant_for(token));

  ASSERT_TRUE(service_.send_ticket_link(ticket.number.str(), "owner@example.com", Locale::kZhCn));
  const auto fresh = last_token(MailKind::kTicketLink);
  ASSERT_TRUE(service_.open_ticket_link(fresh));
  ASSERT_TRUE(service_.revoke_links(owner_, ticket.number.str()));
  EXPECT_TRUE(invalid(fresh));
  EXPECT_FALSE(service_.grant_for(fresh));
}

TEST_F(MailRequestServiceTest, ASignInLinkWorksOnce) {
  ASSERT_TRUE(service_.send_sign_in_link("owner@example.com"));
  const auto token = last_token(MailKind::kSignInLink);
  const auto signed_in = service_.sign_in_with_link(token).value();
  EXPECT_EQ(signed_in.user.email, "owner@example.com");
  EXPECT_EQ(users_.find_by_id(owner_.user->id)->email_verified_at, clock_.now());  // the link proved the address
  EXPECT_TRUE(auth_.authenticate(signed_in.token));
  const auto again = service_.sign_in_with_link(token);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().reason, "link_invalid");
}

TEST_F(MailRequestServiceTest, ASignInLinkExpiresAfterThirtyMinutes) {
  ASSERT_TRUE(service_.send_sign_in_link("owner@example.com"));
  clock_.advance(30min + 1ms);
  EXPECT_EQ(service_.sign_in_with_link(last_token(MailKind::kSignInLink)).error().reason, "link_invalid");
}

TEST_F(MailRequestServiceTest, ATicketLinkDoesNotSignIn) {
  submit(owner_);
  EXPECT_EQ(service_.sign_in_with_link(last_token(MailKind::kTicketConfirmation)).error().reason, "link_invalid");
}

TEST_F(MailRequestServiceTest, EmailVerificationIsASignInLink) {
  ASSERT_TRUE(service_.send_email_verification(*owner_.user));
  ASSERT_EQ(mails(MailKind::kEmailVerification).size(), 1U);
  EXPECT_TRUE(service_.sign_in_with_link(last_token(MailKind::kEmailVerification)));
}

TEST_F(MailRequestServiceTest, LinksAreRevokedByOwnerHolderOrStaffOnly) {
  const auto ticket = submit(owner_);
  const auto number = ticket.number.str();
  EXPECT_EQ(service_.revoke_links(owner_, number).value(), 1);
  ASSERT_TRUE(service_.send_ticket_link(number, "owner@example.com", Locale::kZhCn));
  const Actor holder{std::nullopt, TicketGrant{ticket.id, "owner@example.com"}};
  EXPECT_EQ(service_.revoke_links(holder, number).value(), 1);
  ASSERT_TRUE(service_.send_ticket_link(number, "owner@example.com", Locale::kZhCn));
  EXPECT_EQ(service_.revoke_links(agent_, number).value(), 1);
  EXPECT_EQ(service_.revoke_links(other_, number).error().code, ErrorCode::kNotFound);
  const auto others = submit(other_, "别人的");
  const Actor foreign_holder{std::nullopt, TicketGrant{others.id, "other@example.com"}};
  EXPECT_EQ(service_.revoke_links(foreign_holder, number).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_.revoke_links(Actor::anonymous(), number).error().code, ErrorCode::kUnauthenticated);
  const auto unknown = TicketNumber::make({2026, 1, 1}, {1, 2, 3, 4, 5}).str();
  EXPECT_EQ(service_.revoke_links(agent_, unknown).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace gongdan::domain
