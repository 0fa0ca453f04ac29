#include <gtest/gtest.h>

#include "domain/mail/outgoing_mail.hpp"

namespace gongdan::domain {
namespace {

TEST(OutgoingMail, KindWireNamesRoundTrip) {
  const std::vector<std::string_view> names{"ticket_confirmation", "agent_reply", "status_changed",
                                            "ticket_link",         "ticket_list", "sign_in_link",
                                            "email_verification",  "test_mail",   "sla_breached"};
  ASSERT_EQ(all_mail_kinds().size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(to_string(all_mail_kinds()[i]), names[i]);
    EXPECT_EQ(parse_mail_kind(names[i]), all_mail_kinds()[i]);
  }
  EXPECT_EQ(parse_mail_kind("Agent_Reply"), std::nullopt);
  EXPECT_EQ(parse_mail_kind(""), std::nullopt);
}

TEST(OutgoingMail, OnlyRepliesAndStatusChangesAreNotifications) {
  for (MailKind kind : all_mail_kinds()) {
    EXPECT_EQ(is_notification(kind), kind == MailKind::kAgentReply || kind == MailKind::kStatusChanged)
        << to_string(kind);
  }
}

TEST(OutgoingMail, OutboxStatesRoundTrip) {
  for (OutboxState state : {OutboxState::kQueued, OutboxState::kSending, OutboxState::kSent, OutboxState::kFailed}) {
    EXPECT_EQ(parse_outbox_state(to_string(state)), state);
  }
  EXPECT_EQ(to_string(OutboxState::kSending), "sending");
  EXPECT_EQ(parse_outbox_state("done"), std::nullopt);
}

TEST(OutgoingMail, LinkPurposeNames) {
  EXPECT_EQ(to_string(LinkPurpose::kTicket), "ticket");
  EXPECT_EQ(to_string(LinkPurpose::kSignIn), "sign_in");
}

}  // namespace
}  // namespace gongdan::domain
