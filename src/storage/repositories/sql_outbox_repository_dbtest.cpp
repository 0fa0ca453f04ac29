#include "storage/repositories/sql_outbox_repository.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "storage/testing/mail_samples.hpp"
#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using namespace std::chrono_literals;
using domain::OutboxState;
using testing::sample_mail;
using testing::TestDatabase;

class SqlOutboxRepositoryTest : public ::testing::Test {
 protected:
  // Queues one mail to `to` at `at` and returns its id.
  domain::OutboxId queue(const std::string& to, core::Timestamp at,
                         domain::MailKind kind = domain::MailKind::kTicketLink) {
    EXPECT_TRUE(outbox().enqueue({{sample_mail(to, kind)}, {}}, at).ok());
    return domain::OutboxId{t.count("SELECT MAX(id) FROM outbox")};
  }
  domain::OutboxRepository& outbox() { return t.db->outbox(); }
  std::vector<std::int64_t> claim(core::Timestamp now, int limit = 10) {
    auto claimed = outbox().claim_due(now, now + 60s, limit);
    EXPECT_TRUE(claimed.ok());
    std::vector<std::int64_t> ids;
    if (claimed.ok()) {
      for (const auto& entry : *claimed) ids.push_back(entry.id.value);
    }
    return ids;
  }

  // Another server process on the same database: its own Database, store and connections.
  std::unique_ptr<Database> another_process() {
    DatabaseOptions options;
    options.clock = &t.clock;
    options.on_error = [](std::string_view what) { ADD_FAILURE() << "storage: " << what; };
    if (t.pg) {
      options.url = t.pg->url();
      options.pool_size = 2;
    } else {
      options.data_dir = t.dir.path();
    }
    return Database::open(std::move(options));
  }

  // Each process claims (`limit` at a time, at `now`) until nothing is left, all at once; the ids
  // each claim returned, by process.
  std::vector<std::vector<std::int64_t>> claim_concurrently(std::vector<std::unique_ptr<Database>>& processes,
                                                            core::Timestamp now, int limit, bool send) {
    std::vector<std::vector<std::int64_t>> got(processes.size());
    std::vector<std::thread> threads;
    for (std::size_t p = 0; p < processes.size(); ++p) {
      threads.emplace_back([&, p] {
        auto& outbox = processes[p]->outbox();
        for (;;) {
          auto claimed = outbox.claim_due(now, now + 60s, limit);
          if (!claimed.ok()) {
            ADD_FAILURE() << claimed.error().message;
            return;
          }
          if (claimed->empty()) return;
          for (const auto& entry : *claimed) {
            EXPECT_EQ(entry.state, OutboxState::kSending);
            got[p].push_back(entry.id.value);
            if (send) {
              EXPECT_TRUE(outbox.mark_sent(entry.id, now + 1s).ok());
            }
          }
        }
      });
    }
    for (auto& thread : threads) thread.join();
    return got;
  }

  TestDatabase t;
  core::Timestamp t0 = t.clock.now();
};

// How many times each id was claimed.
std::map<std::int64_t, int> claims_per_mail(const std::vector<std::vector<std::int64_t>>& got) {
  std::map<std::int64_t, int> times;
  for (const auto& ids : got) {
    for (const auto id : ids) ++times[id];
  }
  return times;
}

TEST_F(SqlOutboxRepositoryTest, ClaimsDueMailOldestFirstUpToTheLimit) {
  const auto later = queue("b@example.com", t0 + 10s);
  const auto first = queue("a@example.com", t0);
  queue("c@example.com", t0 + 1h);  // not due yet
  auto claimed = outbox().claim_due(t0 + 20s, t0 + 80s, 1);
  ASSERT_TRUE(claimed.ok());
  ASSERT_EQ(claimed->size(), 1U);
  EXPECT_EQ(claimed->front().id, first);
  EXPECT_EQ(claimed->front().state, OutboxState::kSending);
  EXPECT_EQ(claimed->front().mail.to_email, "a@example.com");
  EXPECT_EQ(claim(t0 + 20s), std::vector<std::int64_t>{later.value});
  EXPECT_TRUE(claim(t0 + 20s).empty());
  EXPECT_EQ(outbox().find(first)->state, OutboxState::kSending);
}

TEST_F(SqlOutboxRepositoryTest, TwoConcurrentClaimersNeverGetTheSameMail) {
  constexpr int kMails = 60;
  for (int i = 0; i < kMails; ++i) queue("m" + std::to_string(i) + "@example.com", t0);
  std::vector<std::int64_t> got[2];
  auto claimer = [&](int who) {
    for (;;) {
      auto ids = claim(t0, 3);
      if (ids.empty()) return;
      got[who].insert(got[who].end(), ids.begin(), ids.end());
    }
  };
  std::thread a(claimer, 0);
  std::thread b(claimer, 1);
  a.join();
  b.join();
  std::set<std::int64_t> all(got[0].begin(), got[0].end());
  all.insert(got[1].begin(), got[1].end());
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kMails));
  EXPECT_EQ(got[0].size() + got[1].size(), static_cast<std::size_t>(kMails));
}

// Issue 6: mail queued while several server processes run is sent exactly once. On PostgreSQL
// the processes claim with FOR UPDATE SKIP LOCKED; on SQLite they take turns at the file's lock.
TEST_F(SqlOutboxRepositoryTest, FourProcessesSendEveryMailExactlyOnce) {
  constexpr int kMails = 200;
  domain::MailEffects effects;
  for (int i = 0; i < kMails; ++i) effects.mails.push_back(sample_mail("m" + std::to_string(i) + "@example.com"));
  ASSERT_TRUE(outbox().enqueue(effects, t0).ok());
  std::vector<std::unique_ptr<Database>> processes;
  for (int p = 0; p < 4; ++p) processes.push_back(another_process());

  const auto got = claim_concurrently(processes, t0, 7, true);
  const auto times = claims_per_mail(got);
  EXPECT_EQ(times.size(), static_cast<std::size_t>(kMails));
  for (const auto& [id, n] : times) EXPECT_EQ(n, 1) << "mail " << id;
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND attempts = 1"), kMails);
  EXPECT_TRUE(claim(t0 + 1h).empty());
}

// A process that dies while sending leaves its mail leased; once the lease ends, the others
// claim each of those mails once.
TEST_F(SqlOutboxRepositoryTest, MailOfADeadProcessIsClaimedOnceByTheOthersWhenItsLeaseEnds) {
  constexpr int kMails = 40;
  domain::MailEffects effects;
  for (int i = 0; i < kMails; ++i) effects.mails.push_back(sample_mail("m" + std::to_string(i) + "@example.com"));
  ASSERT_TRUE(outbox().enqueue(effects, t0).ok());
  {
    auto dead = another_process();
    auto claimed = dead->outbox().claim_due(t0, t0 + 60s, kMails);  // leased until t0 + 60 s
    ASSERT_TRUE(claimed.ok());
    ASSERT_EQ(claimed->size(), static_cast<std::size_t>(kMails));
  }
  std::vector<std::unique_ptr<Database>> processes;
  for (int p = 0; p < 4; ++p) processes.push_back(another_process());
  EXPECT_TRUE(claims_per_mail(claim_concurrently(processes, t0 + 60s, 3, false)).empty());

  const auto times = claims_per_mail(claim_concurrently(processes, t0 + 61s, 3, false));
  EXPECT_EQ(times.size(), static_cast<std::size_t>(kMails));
  for (const auto& [id, n] : times) EXPECT_EQ(n, 1) << "mail " << id;
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM outbox WHERE state = 'sending' AND lease_until = " +
                    std::to_string(core::to_epoch_ms(t0 + 121s))),
            kMails);
}

TEST_F(SqlOutboxRepositoryTest, AMailWhoseLeaseEndedIsClaimedAgain) {
  const auto id = queue("a@example.com", t0);
  ASSERT_EQ(claim(t0), std::vector<std::int64_t>{id.value});  // leased until t0 + 60 s
  EXPECT_TRUE(claim(t0 + 30s).empty());
  EXPECT_TRUE(claim(t0 + 60s).empty());
  EXPECT_EQ(claim(t0 + 61s), std::vector<std::int64_t>{id.value});
}

TEST_F(SqlOutboxRepositoryTest, MarkSentRedactsTheLink) {
  const auto id = queue("a@example.com", t0);
  claim(t0);
  ASSERT_TRUE(outbox().mark_sent(id, t0 + 2s).ok());
  const auto sent = outbox().find(id);
  ASSERT_TRUE(sent.has_value());
  EXPECT_EQ(sent->state, OutboxState::kSent);
  EXPECT_EQ(sent->attempts, 1);
  EXPECT_EQ(sent->sent_at, t0 + 2s);
  EXPECT_EQ(sent->mail.values.values.at("link"), "[redacted]");
  EXPECT_EQ(sent->mail.values.values.at("name"), "李雷");
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM outbox WHERE payload LIKE '%secret%'"), 0);
  EXPECT_TRUE(claim(t0 + 1h).empty());
  EXPECT_EQ(outbox().mark_sent(domain::OutboxId{id.value + 1}, t0).error().code, core::ErrorCode::kNotFound);
}

TEST_F(SqlOutboxRepositoryTest, AFailedAttemptIsRetriedLaterOrFailsForGood) {
  const auto id = queue("a@example.com", t0);
  claim(t0);
  ASSERT_TRUE(outbox().mark_failed(id, "421 try later", t0 + 30s).ok());
  auto entry = outbox().find(id);
  EXPECT_EQ(entry->state, OutboxState::kQueued);
  EXPECT_EQ(entry->attempts, 1);
  EXPECT_EQ(entry->next_attempt_at, t0 + 30s);
  EXPECT_EQ(entry->last_error, "421 try later");
  EXPECT_TRUE(claim(t0 + 29s).empty());
  ASSERT_EQ(claim(t0 + 30s).size(), 1U);

  ASSERT_TRUE(outbox().mark_failed(id, "550 no such user", std::nullopt).ok());
  entry = outbox().find(id);
  EXPECT_EQ(entry->state, OutboxState::kFailed);
  EXPECT_EQ(entry->attempts, 2);
  EXPECT_EQ(entry->last_error, "550 no such user");
  EXPECT_TRUE(claim(t0 + 24h).empty());
}

TEST_F(SqlOutboxRepositoryTest, OnlyAFailedMailCanBeRetried) {
  const auto id = queue("a@example.com", t0);
  const auto queued = outbox().retry(id, t0);
  ASSERT_FALSE(queued.ok());
  EXPECT_EQ(queued.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(queued.error().reason, "not_failed");
  EXPECT_EQ(outbox().retry(domain::OutboxId{id.value + 1}, t0).error().code, core::ErrorCode::kNotFound);

  claim(t0);
  ASSERT_TRUE(outbox().mark_failed(id, "550 no", std::nullopt).ok());
  ASSERT_TRUE(outbox().retry(id, t0 + 1h).ok());
  const auto entry = outbox().find(id);
  EXPECT_EQ(entry->state, OutboxState::kQueued);
  EXPECT_EQ(entry->attempts, 0);
  EXPECT_EQ(entry->next_attempt_at, t0 + 1h);
  EXPECT_EQ(claim(t0 + 1h), std::vector<std::int64_t>{id.value});
}

TEST_F(SqlOutboxRepositoryTest, ListPagesNewestFirstByCursor) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(queue("a@example.com", t0 + std::chrono::seconds(i / 2)).value);
  std::vector<std::int64_t> seen;
  domain::OutboxQuery query;
  query.limit = 3;
  int pages = 0;
  for (;;) {
    auto page = outbox().list(query);
    ASSERT_TRUE(page.ok());
    ++pages;
    for (const auto& entry : page->items) seen.push_back(entry.id.value);
    if (!page->next_cursor) break;
    query.cursor = *page->next_cursor;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, std::vector<std::int64_t>(ids.rbegin(), ids.rend()));

  query.cursor = "not-a-cursor";
  const auto refused = outbox().list(query);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "cursor");
}

TEST_F(SqlOutboxRepositoryTest, ListFiltersByStateAndRecipient) {
  const auto failed = queue("a@example.com", t0);
  queue("a@example.com", t0 + 1s);
  const auto other = queue("b@example.com", t0 + 2s);
  claim(t0);
  ASSERT_TRUE(outbox().mark_failed(failed, "550", std::nullopt).ok());

  domain::OutboxQuery query;
  query.states = {OutboxState::kFailed, OutboxState::kSent};
  auto page = outbox().list(query);
  ASSERT_EQ(page->items.size(), 1U);
  EXPECT_EQ(page->items[0].id, failed);

  query = {};
  query.recipient = "B@example.com";
  page = outbox().list(query);
  ASSERT_EQ(page->items.size(), 1U);
  EXPECT_EQ(page->items[0].id, other);
}

TEST_F(SqlOutboxRepositoryTest, CountRecentCountsOneKindToOneAddressSinceATime) {
  queue("a@example.com", t0, domain::MailKind::kSignInLink);
  queue("a@example.com", t0 + 10min, domain::MailKind::kSignInLink);
  queue("a@example.com", t0 + 10min, domain::MailKind::kTicketList);
  queue("b@example.com", t0 + 10min, domain::MailKind::kSignInLink);
  EXPECT_EQ(outbox().count_recent(domain::MailKind::kSignInLink, "A@example.com", t0), 2);
  EXPECT_EQ(outbox().count_recent(domain::MailKind::kSignInLink, "a@example.com", t0 + 1min), 1);
}

}  // namespace
}  // namespace gongdan::storage
