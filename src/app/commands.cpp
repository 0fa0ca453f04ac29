#include "app/commands.hpp"

#include <spdlog/spdlog.h>

#include <arpa/inet.h>
#include <unistd.h>
#include <charconv>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "app/composition.hpp"
#include "app/demo_data.hpp"
#include "http/server.hpp"
#include "mail/inbound/inbound_filter.hpp"

namespace gongdan::app {
namespace {

// Prints an Error for a human at a terminal; returns the exit code for bad input.
int report(const core::Error& error) {
  std::cerr << "error: " << error.message << "\n";
  for (const auto& field : error.fields) std::cerr << "  " << field.field << ": " << field.message << "\n";
  return 2;
}

std::pair<std::string, std::uint16_t> parse_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
  unsigned port = 0;
  const auto* end = listen.data() + listen.size();
  const auto [ptr, ec] = std::from_chars(listen.data() + colon + 1, end, port);
  if (ec != std::errc{} || ptr != end || port > 65535)
    throw std::invalid_argument("--listen has a bad port: " + listen);
  return {listen.substr(0, colon), static_cast<std::uint16_t>(port)};
}

// The built web UI: next to an installed binary, or in the checkout the binary was built in.
std::filesystem::path find_web_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
    for (const auto& candidate : {dir / "web" / "dist", dir / "share" / "gongdan" / "web"}) {
      if (std::filesystem::exists(candidate / "index.html")) return candidate;
    }
  }
  return {};
}

// An IP address as the server writes a peer's (inet_ntop's form), so that "::1" and
// "0:0:0:0:0:0:0:1" name the same proxy. Throws std::invalid_argument for anything else.
std::string canonical_address(const std::string& text) {
  char out[INET6_ADDRSTRLEN] = {};
  in_addr v4{};
  in6_addr v6{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1 && inet_ntop(AF_INET, &v4, out, sizeof out)) return out;
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1 && inet_ntop(AF_INET6, &v6, out, sizeof out)) return out;
  throw std::invalid_argument("--trusted-proxy must be an IP address: " + text);
}

domain::TicketSettings ticket_settings(int reopen_days, int max_attachment_mb) {
  domain::TicketSettings settings;
  settings.reopen_window = std::chrono::hours{24 * reopen_days};
  settings.max_file_bytes = static_cast<std::int64_t>(max_attachment_mb) * 1024 * 1024;
  return settings;
}

}  // namespace

void use_time_zone(const std::string& zone) {
  // Ticket numbers carry the creation date in the server's time zone, whatever the machine's is.
  setenv("TZ", zone.c_str(), 1);
  tzset();
}

int run_serve(const ServeOptions& options) {
  use_time_zone(options.timezone);
  const auto [host, port] = parse_listen(options.listen);
  const auto settings = ticket_settings(options.reopen_days, options.max_attachment_mb);
  const auto mail = to_mail_options(options.mail, options.listen);
  auto app = Composition::open(options.storage, settings, mail);
  spdlog::info("database: {}", app->describe_database());
  app->start_background_jobs(std::chrono::milliseconds{options.mail.outbox_poll_ms});
  app->start_sla_job(std::chrono::seconds{options.sla_interval});
  if (app->mail_settings().smtp.url.empty()) {
    spdlog::warn("no SMTP server configured (--smtp or the admin page): mail stays queued in the outbox");
  }

  http::ServerOptions server;
  server.host = host;
  server.port = port;
  server.web_dir = options.web_dir.empty() ? find_web_dir() : std::filesystem::path(options.web_dir);
  server.rate_limits.enabled = options.rate_limits == "on";
  server.support_email = options.support_email;
  server.secure_cookies = options.secure_cookies;
  for (const auto& proxy : options.trusted_proxies) server.trusted_proxies.push_back(canonical_address(proxy));
  server.worker_threads = options.worker_threads;
  server.quick_reads_inline = app->database_is_embedded();
  server.in_one_read_snapshot = [&app](const std::function<void()>& work) { app->in_one_read_snapshot(work); };
  if (!server.rate_limits.enabled) spdlog::warn("rate limits are OFF: use this only for load tests");
  if (server.web_dir.empty()) spdlog::warn("no built web UI found; serving the API only (run `make build`)");
  http::Services services{app->auth(),       app->tickets(), app->catalog(), app->mail_requests(),
                          app->mail_admin(), app->staff(),   app->macros(),  app->rules()};
  services.live = &app->live();
  services.sla = &app->sla();
  return http::run_server(server, services);
}

int run_user_add(const UserAddOptions& options) {
  auto app = Composition::open(options.storage);
  auto user = app->staff().add_account({options.email, options.password, options.name, options.role, options.locale});
  if (!user) return report(user.error());
  std::cout << "created " << domain::to_string(user->role) << " " << user->email << " (id " << user->id.value << ")\n";
  return EXIT_SUCCESS;
}

int run_category_add(const CategoryAddOptions& options) {
  auto app = Composition::open(options.storage);
  auto category = app->catalog().add_category(options.name_zh, options.name_en);
  if (!category) return report(category.error());
  std::cout << "added category " << category->id.value << ": " << category->name_zh << " / " << category->name_en
            << "\n";
  return EXIT_SUCCESS;
}

int run_category_list(const StorageCliOptions& storage) {
  auto app = Composition::open(storage);
  for (const auto& category : app->catalog().categories()) {
    std::cout << category.id.value << "\t" << category.name_zh << "\t" << category.name_en << "\n";
  }
  return EXIT_SUCCESS;
}

int run_migrate(const StorageCliOptions& storage) {
  const auto app = Composition::open(storage);  // opening migrates
  std::cout << app->describe_database() << " is up to date\n";
  return EXIT_SUCCESS;
}

int run_demo(const StorageCliOptions& storage) {
  auto app = Composition::open(storage);
  load_demo_data(*app, std::cout);
  return EXIT_SUCCESS;
}

int run_mail_in(const MailInOptions& options, std::istream& in) {
  // sysexits.h: an MTA bounces on 65 and retries later on 75.
  constexpr int kDataError = 65;
  constexpr int kTryAgainLater = 75;
  const std::string raw{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto parsed = mail::read_inbound_mail(raw);
  if (!parsed) {
    std::cerr << "mail-in: " << parsed.error().message << "\n";
    return kDataError;
  }
  std::unique_ptr<Composition> app;
  try {
    app = Composition::open(options.storage, ticket_settings(options.reopen_days, options.max_attachment_mb),
                            to_mail_options(options.mail, options.listen));
  } catch (const std::exception& e) {
    std::cerr << "mail-in: " << e.what() << "\n";
    return kTryAgainLater;
  }
  const auto outcome = app->inbound_mail().handle(*parsed);
  if (!outcome) {
    std::cerr << "mail-in: " << outcome.error().message << "\n";
    return outcome.error().code == core::ErrorCode::kUnavailable ? kTryAgainLater : kDataError;
  }
  std::cout << domain::to_string(outcome->kind);
  if (outcome->ticket) std::cout << " " << outcome->ticket->str();
  if (!outcome->reason.empty()) std::cout << ": " << outcome->reason;
  std::cout << "\n";
  return EXIT_SUCCESS;
}

int run_routes() {
  nlohmann::json routes = nlohmann::json::array();
  for (const auto& route : http::route_list()) routes.push_back({{"method", route.method}, {"path", route.path}});
  std::cout << routes.dump(2) << "\n";
  return EXIT_SUCCESS;
}

}  // namespace gongdan::app
