#include "app/composition.hpp"

#include <spdlog/spdlog.h>

#include "app/imap_poll.hpp"
#include "domain/agents/access_policy.hpp"
#include "jobs/periodic_job.hpp"
#include "mail/outbound/mustache_template_engine.hpp"
#include "mail/outbound/outbox_mail_composer.hpp"
#include "mail/outbound/smtp_transport.hpp"
#include "security/sodium_crypto.hpp"
#include "storage/database.hpp"
#include "storage/files/directory_blob_store.hpp"
#include "storage/files/magic_file_type_detector.hpp"
#include "storage/postgres/activity_relay.hpp"
#include "storage/postgres/advisory_lock.hpp"
#include "storage/repositories/sql_sla_repository.hpp"

namespace gongdan::app {

std::string url_host(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find_first_of(":/?#", start);
  if (end == std::string::npos) end = url.size();
  // An IPv6 literal keeps its brackets and colons.
  if (start < url.size() && url[start] == '[') end = url.find(']', start) + 1;
  return url.substr(start, end - start);
}

// Declaration order is construction order: services are built on the parts above them, and
// the background jobs (last) stop before anything they use is destroyed.
struct Composition::Parts {
  security::SodiumCrypto crypto;
  core::SystemClock clock;
  std::unique_ptr<storage::Database> database;
  std::string database_url;  // PostgreSQL's, for the connections outside the pool
  std::unique_ptr<storage::DirectoryBlobStore> blobs;
  storage::MagicFileTypeDetector detector;
  mail::MustacheTemplateEngine template_engine;
  std::unique_ptr<mail::OutboxMailComposer> composer;
  mail::SmtpTransport transport;
  std::unique_ptr<domain::MailSettingsSource> mail_settings;
  std::unique_ptr<domain::TicketMails> ticket_mails;
  std::unique_ptr<domain::AuthService> auth;
  std::unique_ptr<http::ActivityHub> live;
  // On PostgreSQL: carries live updates to and from the other server processes.
  std::unique_ptr<storage::postgres::ActivityRelay> relay;
  std::unique_ptr<domain::TicketService> tickets;
  std::unique_ptr<domain::MailRequestService> mail_requests;
  std::unique_ptr<domain::MailAdminService> mail_admin;
  std::unique_ptr<domain::StaffService> staff;
  std::unique_ptr<domain::RuleService> rules;
  std::unique_ptr<domain::OutboxDelivery> outbox_delivery;
  std::unique_ptr<domain::InboundMailService> inbound_mail;
  std::unique_ptr<domain::MacroService> macros;
  std::unique_ptr<storage::SqlSlaRepository> sla_store;
  std::unique_ptr<domain::sla::SlaService> sla;
  std::unique_ptr<storage::postgres::AdvisoryLock> imap_poller_role;  // PostgreSQL: one poller per installation
  std::unique_ptr<ImapPoll> imap_poll;
  std::unique_ptr<jobs::PeriodicJob> outbox_job;
  std::unique_ptr<jobs::PeriodicJob> imap_job;
  std::unique_ptr<jobs::PeriodicJob> sla_job;
  std::unique_ptr<jobs::PeriodicJob> search_job;
};

std::unique_ptr<Composition> Composition::open(const StorageCliOptions& storage, domain::TicketSettings settings,
                                               const MailOptions& mail) {
  auto parts = std::make_unique<Parts>();
  auto& p = *parts;
  storage::DatabaseOptions database;
  database.url = storage.db;
  p.database_url = storage.db;
  database.data_dir = storage.data_dir;
  database.pool_size = storage.db_pool;
  p.database = storage::Database::open(std::move(database));
  auto& db = *p.database;
  p.blobs = std::make_unique<storage::DirectoryBlobStore>(attachments_dir(storage), p.crypto);
  p.composer = std::make_unique<mail::OutboxMailComposer>(p.template_engine, mail.links.public_url);
  p.mail_settings = std::make_unique<domain::MailSettingsSource>(db.mail_settings(), mail.defaults);
  p.ticket_mails = std::make_unique<domain::TicketMails>(p.crypto, p.clock, mail.links);
  p.auth = std::make_unique<domain::AuthService>(db.users(), p.crypto, p.clock);
  p.tickets = std::make_unique<domain::TicketService>(db.tickets(), db.catalog(), db.users(), *p.blobs, p.detector,
                                                      p.crypto, p.clock, *p.ticket_mails, settings, &db.outbox(),
                                                      &db.groups(), &db.rules());
  p.staff = std::make_unique<domain::StaffService>(db.users(), db.groups(), *p.auth);
  // Live updates follow the API's access rules (docs/workspace.md): an agent hears of, and may
  // watch, only the tickets of their groups and those assigned to them. The group lookup is one
  // read per agent and event; supervisors and admins need none.
  // The socket's user is read again for every check: a role taken away while a tab stays open
  // must end what that tab hears, not wait for it to reconnect.
  auto& groups = db.groups();
  auto& users = db.users();
  auto& tickets = *p.tickets;
  p.live = std::make_unique<http::ActivityHub>(
      p.clock,
      [&groups, &users](const domain::User& connected, const domain::TicketActivity& activity) {
        const auto user = users.find_by_id(connected.id);
        if (!user || !user->is_staff()) return false;
        if (user->sees_all_groups()) return true;
        domain::Ticket ticket;
        ticket.group_id = activity.group_id;
        ticket.assignee_id = activity.assignee_id;
        return domain::StaffScope::of(*user, groups.groups_of(user->id)).covers(ticket);
      },
      [&tickets, &users](const domain::User& connected, std::string_view number) {
        const auto user = users.find_by_id(connected.id);
        return user && static_cast<bool>(tickets.agent_view(domain::Actor{*user, std::nullopt}, number));
      });
  domain::ActivityPublisher* publisher = p.live.get();
  if (db.dialect() == storage::sql::Dialect::kPostgres) {
    p.relay = std::make_unique<storage::postgres::ActivityRelay>(
        storage.db, p.crypto.random_token(12), *p.live, [hub = p.live.get()] { hub->resync(); },
        [](std::string_view line) { spdlog::warn("{}", line); });
    publisher = p.relay.get();
  }
  p.tickets->set_activity_publisher(publisher);
  p.rules = std::make_unique<domain::RuleService>(db.rules(), db.catalog(), db.users(), db.groups());
  p.mail_requests = std::make_unique<domain::MailRequestService>(
      db.tickets(), db.users(), db.outbox(), db.access_links(), *p.auth, *p.ticket_mails, p.crypto, p.clock);
  p.mail_admin = std::make_unique<domain::MailAdminService>(db.outbox(), db.mail_templates(), *p.mail_settings,
                                                            p.template_engine, *p.composer, p.transport, p.clock);
  p.outbox_delivery = std::make_unique<domain::OutboxDelivery>(db.outbox(), db.mail_templates(), *p.mail_settings,
                                                               *p.composer, p.transport, p.clock, mail.delivery);
  domain::InboundSettings inbound;
  inbound.message_id_host = url_host(mail.links.public_url);
  p.inbound_mail = std::make_unique<domain::InboundMailService>(*p.tickets, db.tickets(), db.users(), db.catalog(),
                                                                db.outbox(), db.inbound_log(), p.clock, inbound);
  p.macros = std::make_unique<domain::MacroService>(db.macros(), *p.tickets, p.clock);
  p.sla_store = std::make_unique<storage::SqlSlaRepository>(db.store());
  p.sla = std::make_unique<domain::sla::SlaService>(
      *p.sla_store, db.catalog(), db.groups(), p.clock,
      domain::sla::EscalationMailSettings{mail.links.public_url, mail.links.site_name});
  p.sla->set_activity_publisher(publisher);
  return std::unique_ptr<Composition>(new Composition(std::move(parts)));
}

void Composition::start_background_jobs(std::chrono::milliseconds outbox_poll) {
  auto& p = *parts_;
  const auto report = [](const std::string& job, const std::string& what) {
    spdlog::error("background job {} failed: {}", job, what);
  };
  p.outbox_job = std::make_unique<jobs::PeriodicJob>(
      "outbox", outbox_poll, [&p] { return p.outbox_delivery->deliver_due(); }, report);
  // The poller reads the settings every round, so a mailbox saved on the admin page is picked up.
  std::function<bool()> may_poll;
  if (p.database->dialect() == storage::sql::Dialect::kPostgres) {
    p.imap_poller_role =
        std::make_unique<storage::postgres::AdvisoryLock>(p.database_url, storage::postgres::AdvisoryLock::kImapPoller);
    may_poll = [role = p.imap_poller_role.get()] { return role->hold(); };
  }
  p.imap_poll = std::make_unique<ImapPoll>(*p.mail_settings, *p.inbound_mail, p.clock, std::move(may_poll));
  p.imap_job = std::make_unique<jobs::PeriodicJob>(
      "imap", std::chrono::seconds{5}, [&p] { return p.imap_poll->round(); }, report);
  if (p.database->dialect() == storage::sql::Dialect::kSqlite) {
    p.search_job = std::make_unique<jobs::PeriodicJob>(
        "search-index", std::chrono::milliseconds{500}, [&p] { return p.database->tidy_search_index(); }, report);
  }
}

void Composition::start_sla_job(std::chrono::milliseconds interval) {
  auto& p = *parts_;
  p.sla_job = std::make_unique<jobs::PeriodicJob>(
      "sla", interval, [&p] { return p.sla->check_round(); },
      [](const std::string& job, const std::string& what) {
        spdlog::error("background job {} failed: {}", job, what);
      });
}

Composition::Composition(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
Composition::~Composition() = default;

domain::AuthService& Composition::auth() { return *parts_->auth; }
std::string Composition::describe_database() const { return parts_->database->describe(); }
bool Composition::database_is_embedded() const { return parts_->database->dialect() == storage::sql::Dialect::kSqlite; }
void Composition::in_one_read_snapshot(const std::function<void()>& work) { parts_->database->in_one_snapshot(work); }
domain::TicketService& Composition::tickets() { return *parts_->tickets; }
domain::CatalogRepository& Composition::catalog() { return parts_->database->catalog(); }
domain::MailRequestService& Composition::mail_requests() { return *parts_->mail_requests; }
domain::MailAdminService& Composition::mail_admin() { return *parts_->mail_admin; }
domain::StaffService& Composition::staff() { return *parts_->staff; }
domain::RuleService& Composition::rules() { return *parts_->rules; }
domain::OutboxDelivery& Composition::outbox_delivery() { return *parts_->outbox_delivery; }
domain::InboundMailService& Composition::inbound_mail() { return *parts_->inbound_mail; }
http::ActivityHub& Composition::live() { return *parts_->live; }
domain::MacroService& Composition::macros() { return *parts_->macros; }
domain::sla::SlaService& Composition::sla() { return *parts_->sla; }
domain::MailSettings Composition::mail_settings() const { return parts_->mail_settings->current(); }
const core::Clock& Composition::clock() const { return parts_->clock; }

}  // namespace gongdan::app
