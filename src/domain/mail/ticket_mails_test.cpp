#include "domain/mail/ticket_mails.hpp"

#include <gtest/gtest.h>

#include "core/fake_clock.hpp"
#include "core/utf8.hpp"
#include "domain/mail/link_token.hpp"
#include "domain/testing/in_memory_stores.hpp"

namespace gongdan::domain {
namespace {

using namespace std::chrono_literals;

// The token a mailed link carries after its marker ("#link=" or "#token=").
std::string token_in(const std::string& url, std::string_view marker) {
  const auto at = url.find(marker);
  return at == std::string::npos ? std::string{} : url.substr(at + marker.size());
}

class TicketMailsTest : public ::testing::Test {
 protected:
  Ticket ticket(std::int64_t id = 7) {
    Ticket t;
    t.id = core::TicketId{id};
    t.number = TicketNumber::make({2026, 11, 18}, {1, 2, 3, 4, static_cast<std::uint8_t>(id % 32)});
    t.subject = "收不到验证码";
    t.description = "换手机以后一直收不到短信验证码。";
    t.status = Status::kNew;
    t.customer = {core::UserId{3}, "李雷", "lilei@example.com", Locale::kZhCn};
    t.created_at = t.updated_at = clock_.now();
    return t;
  }

  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};  // 2026-11-18T11:06:40Z
  testing::FakeCrypto crypto_;
  TicketMails mails_{crypto_, clock_, {"https://help.example.com", "Gongdan", 24h * 30, 30min}};
};

TEST_F(TicketMailsTest, ConfirmationCarriesALinkWhoseDigestIsStored) {
  const auto t = ticket();
  const auto effects = mails_.confirmation(t, Locale::kZhCn, clock_.now() + 24h);
  ASSERT_EQ(effects.mails.size(), 1U);
  ASSERT_EQ(effects.links.size(), 1U);
  const auto& mail = effects.mails[0];
  const auto& url = mail.values.values.at("link");
  EXPECT_TRUE(url.starts_with("https://help.example.com/tickets/" + t.number.str() + "#link=")) << url;
  const auto token = token_in(url, "#link=");
  ASSERT_FALSE(token.empty());
  const auto& link = effects.links[0];
  EXPECT_EQ(link.token_digest, link_digest(crypto_, token));
  EXPECT_EQ(link.purpose, LinkPurpose::kTicket);
  EXPECT_EQ(link.ticket_id, t.id);
  EXPECT_EQ(link.email, "lilei@example.com");
  EXPECT_EQ(link.created_at, clock_.now());
  EXPECT_EQ(link.expires_at - link.created_at, 24h * 30);
}

TEST_F(TicketMailsTest, ConfirmationIsAddressedToTheCustomerWithTheTicketsValues) {
  const auto t = ticket();
  const auto mail = mails_.confirmation(t, Locale::kEn, std::nullopt).mails.at(0);
  EXPECT_EQ(mail.kind, MailKind::kTicketConfirmation);
  EXPECT_EQ(mail.to_email, "lilei@example.com");
  EXPECT_EQ(mail.to_name, "李雷");
  EXPECT_EQ(mail.locale, Locale::kEn);
  EXPECT_EQ(mail.ticket_id, t.id);
  EXPECT_EQ(mail.ticket_number, t.number.str());
  const auto& v = mail.values.values;
  EXPECT_EQ(v.at("customer.name"), "李雷");
  EXPECT_EQ(v.at("ticket.number"), t.number.str());
  EXPECT_EQ(v.at("ticket.subject"), "收不到验证码");
  EXPECT_EQ(v.at("ticket.summary"), t.description);
  EXPECT_EQ(v.at("ticket.status"), "Submitted");
  EXPECT_EQ(v.at("link_days"), "30");
  EXPECT_EQ(v.at("site.name"), "Gongdan");
  EXPECT_EQ(v.at("site.url"), "https://help.example.com");
  EXPECT_EQ(v.at("reply_by"), "");
}

TEST_F(TicketMailsTest, ReplyByIsWrittenForTheReadersLanguage) {
  const auto reply_by = core::parse_rfc3339("2026-11-19T02:00:00Z").value();
  EXPECT_EQ(mails_.confirmation(ticket(), Locale::kZhCn, reply_by).mails.at(0).values.values.at("reply_by"),
            "2026年11月19日 10:00（UTC+08:00）");
  EXPECT_EQ(mails_.confirmation(ticket(), Locale::kEn, reply_by).mails.at(0).values.values.at("reply_by"),
            "19 Nov 2026, 10:00 (UTC+08:00)");
}

TEST_F(TicketMailsTest, ANewTicketsIdIsLeftForTheStore) {
  const auto effects = mails_.confirmation(ticket(0), Locale::kZhCn, std::nullopt);
  EXPECT_FALSE(effects.mails.at(0).ticket_id);
  EXPECT_FALSE(effects.links.at(0).ticket_id);
  EXPECT_TRUE(effects.mails.at(0).ticket_number);
}

TEST_F(TicketMailsTest, EveryMailGetsAFreshToken) {
  const auto t = ticket();
  const auto first = mails_.status_changed(t, Locale::kZhCn);
  const auto second = mails_.status_changed(t, Locale::kZhCn);
  EXPECT_NE(first.links.at(0).token_digest, second.links.at(0).token_digest);
}

TEST_F(TicketMailsTest, ALongDescriptionIsSummarizedWithoutSplittingACharacter) {
  auto t = ticket();
  t.description = std::string();
  for (int i = 0; i < 300; ++i) t.description += "验";
  const auto summary =
      mails_.confirmation(t, Locale::kZhCn, std::nullopt).mails.at(0).values.values.at("ticket.summary");
  EXPECT_EQ(core::utf8_length(summary), 201U);
  EXPECT_TRUE(summary.ends_with("…"));
  EXPECT_TRUE(core::is_valid_utf8(summary));
}

TEST_F(TicketMailsTest, AgentReplyQuotesTheReply) {
  const NewMessage reply{{core::UserId{9}, "王芳", Role::kAgent}, "请清除缓存后再试。", false, {}};
  const auto mail = mails_.agent_reply(ticket(), Locale::kZhCn, reply).mails.at(0);
  EXPECT_EQ(mail.kind, MailKind::kAgentReply);
  EXPECT_EQ(mail.values.values.at("reply.body"), "请清除缓存后再试。");
  EXPECT_EQ(mail.values.values.at("reply.author"), "王芳");
}

TEST_F(TicketMailsTest, StatusChangedNamesTheStatusForTheReader) {
  auto t = ticket();
  t.status = Status::kPending;
  EXPECT_EQ(mails_.status_changed(t, Locale::kZhCn).mails.at(0).values.values.at("ticket.status"), "等待您的回复");
  EXPECT_EQ(mails_.status_changed(t, Locale::kEn).mails.at(0).values.values.at("ticket.status"),
            "Waiting for your reply");
}

TEST_F(TicketMailsTest, TicketListHasOneLinkPerTicket) {
  const std::vector<Ticket> tickets{ticket(7), ticket(8)};
  const auto effects = mails_.ticket_list("lilei@example.com", Locale::kEn, tickets);
  ASSERT_EQ(effects.mails.size(), 1U);
  ASSERT_EQ(effects.links.size(), 2U);
  const auto& mail = effects.mails[0];
  EXPECT_EQ(mail.kind, MailKind::kTicketList);
  EXPECT_FALSE(mail.values.values.contains("link"));
  ASSERT_EQ(mail.values.tickets.size(), 2U);
  for (std::size_t i = 0; i < tickets.size(); ++i) {
    const auto& row = mail.values.tickets[i];
    EXPECT_EQ(row.at("number"), tickets[i].number.str());
    EXPECT_EQ(row.at("updated"), "18 Nov 2026, 19:06 (UTC+08:00)");
    EXPECT_EQ(link_digest(crypto_, token_in(row.at("link"), "#link=")), effects.links[i].token_digest);
    EXPECT_EQ(effects.links[i].ticket_id, tickets[i].id);
  }
}

TEST_F(TicketMailsTest, SignInLinkWorksForThirtyMinutesForItsAccount) {
  User user;
  user.id = core::UserId{3};
  user.email = "lilei@example.com";
  user.name = "李雷";
  user.locale = Locale::kEn;
  const auto effects = mails_.sign_in(user, MailKind::kSignInLink);
  const auto& mail = effects.mails.at(0);
  const auto& link = effects.links.at(0);
  EXPECT_EQ(mail.kind, MailKind::kSignInLink);
  EXPECT_EQ(mail.locale, Locale::kEn);
  EXPECT_FALSE(mail.ticket_id);
  const auto& url = mail.values.values.at("link");
  EXPECT_TRUE(url.starts_with("https://help.example.com/auth/link#token=")) << url;
  EXPECT_EQ(link.token_digest, link_digest(crypto_, token_in(url, "#token=")));
  EXPECT_EQ(link.purpose, LinkPurpose::kSignIn);
  EXPECT_EQ(link.user_id, user.id);
  EXPECT_FALSE(link.ticket_id);
  EXPECT_EQ(link.expires_at - link.created_at, 30min);
  EXPECT_EQ(mail.values.values.at("link_minutes"), "30");
}

}  // namespace
}  // namespace gongdan::domain
