#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "app/storage_options.hpp"
#include "core/clock.hpp"
#include "domain/agents/staff_service.hpp"
#include "domain/macros/macro_service.hpp"
#include "domain/mail/inbound_mail_service.hpp"
#include "domain/mail/mail_admin_service.hpp"
#include "domain/mail/mail_request_service.hpp"
#include "domain/mail/outbox_delivery.hpp"
#include "domain/mail/ticket_mails.hpp"
#include "domain/rules/rule_service.hpp"
#include "domain/sla/sla_service.hpp"
#include "domain/tickets/ticket_service.hpp"
#include "domain/users/auth_service.hpp"
#include "http/realtime/activity_hub.hpp"

namespace gongdan::app {

/// How mail is sent and received, from the command line or the config file.
struct MailOptions {
  domain::MailSettings defaults;  // the admin page's saved settings win over these
  domain::MailLinkSettings links;
  domain::DeliverySettings delivery;
};

/// Everything a command needs, wired once: the only place that knows the concrete classes.
class Composition {
 public:
  /// Opens (and migrates) the database `storage` names: PostgreSQL when it has a URL, else the
  /// SQLite file in its data directory (created if needed).
  static std::unique_ptr<Composition> open(const StorageCliOptions& storage, domain::TicketSettings settings = {},
                                           const MailOptions& mail = {});
  /// Where the data lives, for the operator (never a password).
  std::string describe_database() const;
  /// True for the SQLite file (reads are function calls), false for PostgreSQL (round trips).
  bool database_is_embedded() const;
  /// Runs `work` with its reads in one read transaction where the engine can (SQLite).
  void in_one_read_snapshot(const std::function<void()>& work);
  ~Composition();
  Composition(const Composition&) = delete;
  Composition& operator=(const Composition&) = delete;

  domain::AuthService& auth();
  domain::TicketService& tickets();
  domain::CatalogRepository& catalog();
  domain::MailRequestService& mail_requests();
  domain::MailAdminService& mail_admin();
  domain::StaffService& staff();
  domain::RuleService& rules();
  domain::OutboxDelivery& outbox_delivery();
  domain::InboundMailService& inbound_mail();
  /// Where committed ticket changes go to the agents' open browsers.
  http::ActivityHub& live();
  domain::MacroService& macros();
  /// Service levels: policies, calendars, due times, the escalation job's pass (docs/sla.md).
  domain::sla::SlaService& sla();
  /// The mail settings in force (saved on the admin page, else the command line's).
  domain::MailSettings mail_settings() const;
  const core::Clock& clock() const;

  /// Starts the outbox sender and, when an IMAP mailbox is configured, the poller; they stop
  /// when the composition is destroyed.
  void start_background_jobs(std::chrono::milliseconds outbox_poll);
  /// Starts the SLA escalation job (one pass per `interval`); it stops with the composition.
  void start_sla_job(std::chrono::milliseconds interval);

 private:
  struct Parts;
  explicit Composition(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

/// The host part of a URL ("help.example.com" of "https://help.example.com:8443/x").
std::string url_host(const std::string& url);

}  // namespace gongdan::app
