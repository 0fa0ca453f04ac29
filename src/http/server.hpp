#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "domain/agents/staff_service.hpp"
#include "domain/catalog/catalog.hpp"
#include "domain/macros/macro_service.hpp"
#include "domain/mail/mail_admin_service.hpp"
#include "domain/mail/mail_request_service.hpp"
#include "domain/rules/rule_service.hpp"
#include "domain/sla/sla_service.hpp"
#include "domain/tickets/ticket_service.hpp"
#include "domain/users/auth_service.hpp"

namespace gongdan::http {

/// One token bucket: `burst` requests at once, refilled at `count` requests per `per`.
struct RateRule {
  std::uint32_t count = 10;
  std::chrono::seconds per{60};
  std::uint32_t burst = 5;
};

/// Per-IP request budgets of the actions worth abusing (password guessing, spam, enumeration).
struct RateLimitSettings {
  bool enabled = true;
  RateRule login{10, std::chrono::minutes{1}, 5};       // password guessing
  RateRule registration{10, std::chrono::hours{1}, 5};  // mass account creation
  RateRule lookup{30, std::chrono::minutes{1}, 10};     // ticket number enumeration
  RateRule submit{20, std::chrono::minutes{1}, 10};     // ticket spam
  RateRule mail{10, std::chrono::hours{1}, 5};          // forms that make Gongdan mail an address
};

/// How and where the HTTP server runs.
struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::filesystem::path web_dir;  // the built SPA (index.html + assets/); empty: no static files
  RateLimitSettings rate_limits;
  std::size_t io_threads = 2;
  std::size_t worker_threads = 32;
  std::string support_email = "support@example.com";
  std::string support_hours;
  bool secure_cookies = false;               // add `Secure` to the session cookies (behind HTTPS)
  std::vector<std::string> trusted_proxies;  // peers whose X-Real-IP names the client (Server::Config)
  // Quick reads (RouteCost::kQuickRead) on the I/O threads: for SQLite, whose reads are function
  // calls; not for PostgreSQL, whose round trips would hold up every connection of the thread.
  bool quick_reads_inline = false;
  // Runs a quick read's work (authentication included) with all its reads in one read
  // transaction, where the database can; empty: each read keeps its own.
  std::function<void(const std::function<void()>&)> in_one_read_snapshot;
};

class ActivityHub;

/// The use cases the HTTP layer calls; owned by the composition root.
struct Services {
  domain::AuthService& auth;
  domain::TicketService& tickets;
  domain::CatalogRepository& catalog;
  domain::MailRequestService& mail_requests;
  domain::MailAdminService& mail_admin;
  domain::StaffService& staff;
  domain::MacroService& macros;
  domain::RuleService& rules;
  ActivityHub* live = nullptr;             // live updates over /api/v1/ws; none: upgrades are refused
  domain::sla::SlaService* sla = nullptr;  // service levels (docs/sla.md); none: their routes answer 503
};

/// Serves until SIGINT/SIGTERM; prints "listening on http://HOST:PORT" (the actual port when 0)
/// to stdout, flushed, once ready. Returns the process exit code.
int run_server(const ServerOptions& options, Services& services);

/// One route of the API: a method and a path template such as /api/v1/tickets/{number}.
struct RouteInfo {
  std::string method;
  std::string path;
};

/// Every route the server answers, in table order (for `gongdan routes` and the OpenAPI check).
std::vector<RouteInfo> route_list();

}  // namespace gongdan::http
