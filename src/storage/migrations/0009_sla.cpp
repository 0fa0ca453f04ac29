#include "storage/migrations/migration_texts.hpp"

namespace gongdan::storage::migrations {

// Service levels in the product (docs/sla.md "Service levels in the product"): business calendars,
// policies with their targets, each ticket's SLA state and due times, and the record of warnings,
// breaches and finished targets whose unique key makes every escalation happen once. Lists are
// comma-separated text as in the rules (no category id or mail domain holds a comma); times are
// epoch milliseconds. Seeds the cn-mainland-2026 calendar (the preset, 39 dates) and the default
// policy "标准服务 Standard".
std::string_view sla_schema() {
  return R"sql(
CREATE TABLE sla_calendars (
  name TEXT PRIMARY KEY,                 -- 1-64 of A-Za-z0-9._-
  time_zone TEXT NOT NULL,
  monday TEXT NOT NULL DEFAULT '',       -- a day's hours, 09:00-12:00,13:30-18:30; '' a day off
  tuesday TEXT NOT NULL DEFAULT '',
  wednesday TEXT NOT NULL DEFAULT '',
  thursday TEXT NOT NULL DEFAULT '',
  friday TEXT NOT NULL DEFAULT '',
  saturday TEXT NOT NULL DEFAULT '',
  sunday TEXT NOT NULL DEFAULT '',
  revision BIGINT NOT NULL DEFAULT 1,    -- grows with every save: built calendars are cached by it
  updated_at BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE sla_calendar_days (
  calendar TEXT NOT NULL REFERENCES sla_calendars (name) ON DELETE CASCADE,
  date TEXT NOT NULL,                    -- YYYY-MM-DD
  kind TEXT NOT NULL,                    -- holiday | workday
  name TEXT NOT NULL DEFAULT '',
  hours TEXT,                            -- workdays: their own hours; NULL: the make-up hours
  PRIMARY KEY (calendar, date)
);

CREATE TABLE sla_policies (
  id {{id}},
  name TEXT NOT NULL UNIQUE,
  position INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  calendar TEXT NOT NULL,                -- a stored calendar, or the built-in 24x7
  categories TEXT NOT NULL DEFAULT '',   -- category ids; '' every category
  customer_domains TEXT NOT NULL DEFAULT '',  -- lower-case mail domains; '' every customer
  notify_supervisors INTEGER NOT NULL DEFAULT 1 CHECK (notify_supervisors IN (0, 1)),
  raise_priority INTEGER NOT NULL DEFAULT 0 CHECK (raise_priority IN (0, 1)),
  escalation_group_id BIGINT REFERENCES agent_groups (id) ON DELETE SET NULL,
  updated_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX sla_policies_in_order ON sla_policies (position, id);
CREATE TABLE sla_targets (
  policy_id BIGINT NOT NULL REFERENCES sla_policies (id) ON DELETE CASCADE,
  priority INTEGER NOT NULL,             -- 0 low .. 3 urgent, as tickets.priority
  target TEXT NOT NULL,                  -- first_response | next_response | resolution
  duration TEXT NOT NULL,                -- 90m, 4h, 3d (working days)
  clock TEXT NOT NULL,                   -- business | calendar
  PRIMARY KEY (policy_id, priority, target)
);

-- A ticket's state between changes (domain TicketSlaRecord); the due times live on tickets.
CREATE TABLE ticket_sla (
  ticket_id BIGINT PRIMARY KEY REFERENCES tickets (id),
  clock TEXT NOT NULL,                   -- s<ms> p<ms> r<ms> ...: start, pauses, resumes
  first_response_at BIGINT,
  cycle INTEGER NOT NULL DEFAULT 0,      -- the latest next-response cycle
  cycle_started_at BIGINT,
  cycle_finished_at BIGINT,
  resolved_at BIGINT,
  closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1))
);
CREATE INDEX ticket_sla_by_first_response ON ticket_sla (first_response_at);  -- the team's reply rate
ALTER TABLE tickets ADD COLUMN sla_policy_id BIGINT REFERENCES sla_policies (id) ON DELETE SET NULL;
ALTER TABLE tickets ADD COLUMN next_response_due_at BIGINT;
ALTER TABLE tickets ADD COLUMN resolution_due_at BIGINT;
ALTER TABLE tickets ADD COLUMN sla_due_at BIGINT;         -- the earliest running due time: sort=due
ALTER TABLE tickets ADD COLUMN sla_warn_at BIGINT;        -- the earliest running 75 % instant
ALTER TABLE tickets ADD COLUMN sla_next_check_at BIGINT;  -- when the escalation job looks next
CREATE INDEX tickets_sla_next_check ON tickets (sla_next_check_at, id);
CREATE INDEX tickets_by_sla_due ON tickets (status, sla_due_at, id);

-- Warnings, breaches and finished targets (met on time, missed late): one row per ticket, kind,
-- target and cycle, so a second process inserting the same fact adds nothing and runs nothing.
CREATE TABLE sla_events (
  id {{id}},
  ticket_id BIGINT NOT NULL REFERENCES tickets (id),
  kind TEXT NOT NULL,                    -- warning | breached | met | missed
  target TEXT NOT NULL,                  -- first_response | next_response | resolution
  cycle INTEGER NOT NULL DEFAULT 0,      -- next_response: 1, 2, ...; the others 0
  at BIGINT NOT NULL,                    -- when it was recorded (finished targets: the finish)
  priority INTEGER NOT NULL,             -- the ticket's priority then
  started_at BIGINT NOT NULL,            -- the target's start
  due_at BIGINT,                         -- its due time then
  UNIQUE (ticket_id, kind, target, cycle)
);
CREATE INDEX sla_events_by_time ON sla_events (kind, at);

INSERT INTO sla_calendars (name, time_zone, monday, tuesday, wednesday, thursday, friday)
VALUES ('cn-mainland-2026', 'Asia/Shanghai', '09:00-18:00', '09:00-18:00', '09:00-18:00', '09:00-18:00',
        '09:00-18:00');
INSERT INTO sla_calendar_days (calendar, date, kind, name, hours) VALUES
  ('cn-mainland-2026', '2026-01-01', 'holiday', '元旦 New Year''s Day', NULL),
  ('cn-mainland-2026', '2026-01-02', 'holiday', '元旦 New Year''s Day', NULL),
  ('cn-mainland-2026', '2026-01-03', 'holiday', '元旦 New Year''s Day', NULL),
  ('cn-mainland-2026', '2026-01-04', 'workday', '元旦 New Year''s Day', NULL),
  ('cn-mainland-2026', '2026-02-14', 'workday', '春节 Spring Festival', NULL),
  ('cn-mainland-2026', '2026-02-15', 'holiday', '春节 Spring Festival', NULL),
  ('cn-mainland-2026', '2026-02-16', 'holiday', '春节 Spring Festival', NULL),
  ('cn-mainland-2026', '2026-02-17', 'holiday', '春节 Spring Festival', NULL),
  ('cn-mainland-2026', '2026-02-18', 'holiday', '春节 Spring Festival', NULL),
  ('cn-mainland-2026', '2026-02-19', 'holiday', '春节 Spring Festival', NULL),
  ('cn-mainland-2026', '2026-02-20', 'holiday', '春节 Spring Festival', NULL),
  ('cn-mainland-2026', '2026-02-21', 'holiday', '春节 Spring Festival', NULL),
  ('cn-mainland-2026', '2026-02-22', 'holiday', '春节 Spring Festival', NULL),
  ('cn-mainland-2026', '2026-02-23', 'holiday', '春节 Spring Festival', NULL),
  ('cn-mainland-2026', '2026-02-28', 'workday', '春节 Spring Festival', NULL),
  ('cn-mainland-2026', '2026-04-04', 'holiday', '清明节 Qingming Festival', NULL),
  ('cn-mainland-2026', '2026-04-05', 'holiday', '清明节 Qingming Festival', NULL),
  ('cn-mainland-2026', '2026-04-06', 'holiday', '清明节 Qingming Festival', NULL),
  ('cn-mainland-2026', '2026-05-01', 'holiday', '劳动节 Labour Day', NULL),
  ('cn-mainland-2026', '2026-05-02', 'holiday', '劳动节 Labour Day', NULL),
  ('cn-mainland-2026', '2026-05-03', 'holiday', '劳动节 Labour Day', NULL),
  ('cn-mainland-2026', '2026-05-04', 'holiday', '劳动节 Labour Day', NULL),
  ('cn-mainland-2026', '2026-05-05', 'holiday', '劳动节 Labour Day', NULL),
  ('cn-mainland-2026', '2026-05-09', 'workday', '劳动节 Labour Day', NULL),
  ('cn-mainland-2026', '2026-06-19', 'holiday', '端午节 Dragon Boat Festival', NULL),
  ('cn-mainland-2026', '2026-06-20', 'holiday', '端午节 Dragon Boat Festival', NULL),
  ('cn-mainland-2026', '2026-06-21', 'holiday', '端午节 Dragon Boat Festival', NULL),
  ('cn-mainland-2026', '2026-09-20', 'workday', '国庆节 National Day', NULL),
  ('cn-mainland-2026', '2026-09-25', 'holiday', '中秋节 Mid-Autumn Festival', NULL),
  ('cn-mainland-2026', '2026-09-26', 'holiday', '中秋节 Mid-Autumn Festival', NULL),
  ('cn-mainland-2026', '2026-09-27', 'holiday', '中秋节 Mid-Autumn Festival', NULL),
  ('cn-mainland-2026', '2026-10-01', 'holiday', '国庆节 National Day', NULL),
  ('cn-mainland-2026', '2026-10-02', 'holiday', '国庆节 National Day', NULL),
  ('cn-mainland-2026', '2026-10-03', 'holiday', '国庆节 National Day', NULL),
  ('cn-mainland-2026', '2026-10-04', 'holiday', '国庆节 National Day', NULL),
  ('cn-mainland-2026', '2026-10-05', 'holiday', '国庆节 National Day', NULL),
  ('cn-mainland-2026', '2026-10-06', 'holiday', '国庆节 National Day', NULL),
  ('cn-mainland-2026', '2026-10-07', 'holiday', '国庆节 National Day', NULL),
  ('cn-mainland-2026', '2026-10-10', 'workday', '国庆节 National Day', NULL);

INSERT INTO sla_policies (name, position, enabled, calendar, notify_supervisors, raise_priority)
VALUES ('标准服务 Standard', 1, 1, 'cn-mainland-2026', 1, 0);
INSERT INTO sla_targets (policy_id, priority, target, duration, clock)
SELECT p.id, x.priority, x.target, x.duration, x.clock FROM sla_policies p,
(SELECT 3 AS priority, 'first_response' AS target, '1h' AS duration, 'calendar' AS clock
 UNION ALL SELECT 3, 'next_response', '2h', 'calendar'
 UNION ALL SELECT 3, 'resolution', '1d', 'calendar'
 UNION ALL SELECT 2, 'first_response', '4h', 'business'
 UNION ALL SELECT 2, 'next_response', '8h', 'business'
 UNION ALL SELECT 2, 'resolution', '3d', 'business'
 UNION ALL SELECT 1, 'first_response', '24h', 'calendar'
 UNION ALL SELECT 1, 'next_response', '24h', 'calendar'
 UNION ALL SELECT 1, 'resolution', '5d', 'business'
 UNION ALL SELECT 0, 'first_response', '3d', 'business'
 UNION ALL SELECT 0, 'next_response', '3d', 'business'
 UNION ALL SELECT 0, 'resolution', '10d', 'business') x
WHERE p.name = '标准服务 Standard';
)sql";
}

}  // namespace gongdan::storage::migrations
