#pragma once

#include "domain/sla/sla_repository.hpp"
#include "storage/sql/store.hpp"

namespace gongdan::storage {

/// domain::sla::SlaRepository on either engine (migration 9): calendars with their special days,
/// policies with their targets, the per-ticket state written by ticket_sla_writer, and the
/// escalation job's pass in one write transaction. Several processes may run passes at once on
/// PostgreSQL: each locks the tickets it checks and skips those another pass holds.
class SqlSlaRepository final : public domain::sla::SlaRepository {
 public:
  explicit SqlSlaRepository(sql::Store& store) : store_(store) {}

  std::vector<domain::sla::SlaPolicy> policies() override;
  std::optional<domain::sla::SlaPolicy> find_policy(std::int64_t id) override;
  core::Result<domain::sla::SlaPolicy> create_policy(const domain::sla::SlaPolicy& policy) override;
  core::Result<domain::sla::SlaPolicy> update_policy(const domain::sla::SlaPolicy& policy,
                                                     core::Timestamp now) override;
  core::Status delete_policy(std::int64_t id, core::Timestamp now) override;
  core::Result<std::vector<domain::sla::SlaPolicy>> reorder_policies(const std::vector<std::int64_t>& ids) override;

  std::vector<domain::sla::StoredCalendar> calendars() override;
  std::optional<domain::sla::StoredCalendar> find_calendar(const std::string& name) override;
  core::Status save_calendar(const domain::sla::CalendarDefinition& definition, core::Timestamp now) override;
  core::Status delete_calendar(const std::string& name) override;

  std::optional<domain::sla::TicketSlaRecord> record_of(core::TicketId ticket) override;
  std::vector<domain::sla::RecordedTarget> recorded_targets(core::TicketId ticket) override;
  std::vector<domain::sla::ReplyFacts> reply_facts(std::span<const domain::Ticket* const> tickets,
                                                   core::Timestamp now) override;
  std::array<int, 4> created_by_priority(core::Timestamp from, core::Timestamp to) override;
  std::vector<domain::sla::FinishedSample> finished_samples(core::Timestamp from, core::Timestamp to,
                                                            const core::TimeZone& zone) override;
  core::Result<domain::sla::CheckPass> run_checks(core::Timestamp now, int limit,
                                                  const domain::sla::EscalationMailSettings& mail) override;
  core::Result<domain::sla::CheckPass> preview_checks(core::Timestamp now, int limit,
                                                      const domain::sla::EscalationMailSettings& mail) override;

 private:
  sql::Store& store_;
};

}  // namespace gongdan::storage
