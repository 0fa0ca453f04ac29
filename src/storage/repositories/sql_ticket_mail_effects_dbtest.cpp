#include <gtest/gtest.h>

#include "storage/repositories/sql_ticket_repository.hpp"
#include "storage/testing/mail_samples.hpp"
#include "storage/testing/test_database.hpp"

// The mails and links a ticket change carries are written in the change's write job, or not at all.
namespace gongdan::storage {
namespace {

using testing::sample_link;
using testing::sample_mail;
using testing::TestDatabase;

constexpr std::int64_t kT0 = 1'764'000'000'000;

domain::TicketDecision resolve_with(domain::MailEffects effects, std::int64_t at_ms) {
  return [=](const domain::Ticket& current) -> core::Result<domain::TicketChange> {
    domain::TicketChange change{current, std::nullopt, {}, effects};
    change.updated.status = domain::Status::kResolved;
    change.updated.updated_at = core::from_epoch_ms(at_ms);
    return change;
  };
}

TEST(SqlTicketMailEffectsTest, CreateQueuesTheMailsAndLinksOfTheNewTicket) {
  TestDatabase t;
  auto draft = t.draft(1, kT0);
  draft.effects.mails = {sample_mail("Guest1@Example.com", domain::MailKind::kTicketConfirmation)};
  draft.effects.links = {sample_link("digest-1", core::from_epoch_ms(kT0))};
  const auto created = t.db->tickets().create(draft);
  ASSERT_TRUE(created.ok());

  const auto outbox = t.db->outbox().list({});
  ASSERT_TRUE(outbox.ok());
  ASSERT_EQ(outbox->items.size(), 1U);
  const auto& entry = outbox->items[0];
  EXPECT_EQ(entry.mail.kind, domain::MailKind::kTicketConfirmation);
  EXPECT_EQ(entry.mail.to_email, "guest1@example.com");
  EXPECT_EQ(entry.mail.ticket_id, created->id);
  EXPECT_EQ(entry.mail.ticket_number, TestDatabase::number(1).str());
  EXPECT_EQ(entry.mail.values, draft.effects.mails[0].values);
  EXPECT_EQ(entry.state, domain::OutboxState::kQueued);
  EXPECT_EQ(entry.next_attempt_at, core::from_epoch_ms(kT0));

  const auto link = t.db->access_links().find_by_digest("digest-1");
  ASSERT_TRUE(link.has_value());
  EXPECT_EQ(link->link.ticket_id, created->id);
}

TEST(SqlTicketMailEffectsTest, AReusedIdempotencyKeyQueuesNothingMore) {
  TestDatabase t;
  auto draft = t.draft(1, kT0);
  draft.idempotency = domain::IdempotencyKey{"guest:guest1@example.com", "k1"};
  draft.effects.mails = {sample_mail("guest1@example.com")};
  draft.effects.links = {sample_link("digest-1", core::from_epoch_ms(kT0))};
  ASSERT_TRUE(t.db->tickets().create(draft).ok());
  draft.ticket.number = TestDatabase::number(2);
  draft.effects.links = {sample_link("digest-2", core::from_epoch_ms(kT0))};
  ASSERT_TRUE(t.db->tickets().create(draft).ok());
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM outbox"), 1);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM access_links"), 1);
}

TEST(SqlTicketMailEffectsTest, ARefusedCreateQueuesNothing) {
  TestDatabase t;
  t.add_ticket(1, kT0);
  auto draft = t.draft(1, kT0);  // the same number: refused
  draft.effects.mails = {sample_mail("guest1@example.com")};
  const auto refused = t.db->tickets().create(draft);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().reason, "number_taken");
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM outbox"), 0);
}

TEST(SqlTicketMailEffectsTest, ModifyQueuesTheEffectsWithTheChange) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  auto mail = sample_mail("guest1@example.com", domain::MailKind::kStatusChanged);
  mail.ticket_id = ticket.id;
  mail.ticket_number = ticket.number.str();
  const auto changed = t.db->tickets().modify(ticket.id, resolve_with({{mail}, {}}, kT0 + 5'000));
  ASSERT_TRUE(changed.ok());
  const auto outbox = t.db->outbox().list({});
  ASSERT_EQ(outbox->items.size(), 1U);
  EXPECT_EQ(outbox->items[0].mail.ticket_id, ticket.id);
  EXPECT_EQ(outbox->items[0].next_attempt_at, core::from_epoch_ms(kT0 + 5'000));
}

TEST(SqlTicketMailEffectsTest, ARefusedDecisionQueuesNothing) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  const auto refused =
      t.db->tickets().modify(ticket.id, [](const domain::Ticket&) -> core::Result<domain::TicketChange> {
        return core::Error::conflict("invalid_transition", "No.");
      });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM outbox"), 0);
}

TEST(SqlTicketMailEffectsTest, EffectsThatCannotBeWrittenUndoTheChange) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  ASSERT_TRUE(t.db->outbox().enqueue({{}, {sample_link("taken", core::from_epoch_ms(kT0))}}, t.clock.now()).ok());
  domain::MailEffects effects{{sample_mail("guest1@example.com")}, {sample_link("taken", core::from_epoch_ms(kT0))}};
  const auto failed = t.db->tickets().modify(ticket.id, resolve_with(effects, kT0 + 5'000));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(t.db->tickets().find_by_id(ticket.id)->status, domain::Status::kNew);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM outbox"), 0);
}

}  // namespace
}  // namespace gongdan::storage
