// gongdan: the help desk server and its command-line tools, in one binary.
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "app/bench_load.hpp"
#include "app/calendar_command.hpp"
#include "app/commands.hpp"
#include "app/migrate_data_command.hpp"
#include "app/sla_command.hpp"
#include "app/storage_options.hpp"
#include "logging/buffered_sink.hpp"

int main(int argc, char** argv) {
  using namespace gongdan::app;
  CLI::App cli{"Gongdan (工单): a self-hosted help desk"};
  cli.require_subcommand(1);
  // Every option may also come from a TOML file, in the section of its command ([serve], [mail-in]).
  cli.set_config("--config", "", "TOML file with options, one section per command");

  ServeOptions serve;
  auto* serve_cmd = cli.add_subcommand("serve", "Run the HTTP server");
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT to listen on (port 0 picks a free one)")
      ->capture_default_str();
  add_storage_options(*serve_cmd, serve.storage, /*with_pool=*/true);
  serve_cmd->add_option("--web-dir", serve.web_dir, "Folder of the built web UI (default: found beside the binary)");
  serve_cmd->add_option("--rate-limits", serve.rate_limits, "on|off: per-IP limits on login, lookup, submit")
      ->check(CLI::IsMember({"on", "off"}))
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->capture_default_str();
  serve_cmd->add_option("--support-email", serve.support_email, "Address shown in the help center")
      ->capture_default_str();
  serve_cmd->add_option("--reopen-days", serve.reopen_days, "Days a resolved ticket may be reopened")
      ->check(CLI::Range(0, 3650))
      ->capture_default_str();
  serve_cmd->add_option("--max-attachment-mb", serve.max_attachment_mb, "Largest attachment in MiB")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  serve_cmd->add_option("--timezone", serve.timezone, "IANA time zone for ticket-number dates")->capture_default_str();
  serve_cmd->add_flag("--secure-cookies", serve.secure_cookies, "Mark cookies Secure (behind HTTPS)");
  serve_cmd->add_option("--trusted-proxy", serve.trusted_proxies,
                        "Reverse proxy address whose X-Real-IP names the client (rate limits); repeatable");
  serve_cmd->add_option("--workers", serve.worker_threads, "Threads running requests")->check(CLI::Range(1, 512));
  serve_cmd->add_option("--sla-interval", serve.sla_interval, "Seconds between SLA escalation passes")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  add_mail_options(*serve_cmd, serve.mail);

  UserAddOptions user;
  auto* user_cmd = cli.add_subcommand("user", "Manage users");
  user_cmd->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand("add", "Create a user");
  user_add->add_option("--email", user.email)->required();
  user_add->add_option("--password", user.password)->required();
  user_add->add_option("--name", user.name)->required();
  user_add->add_option("--role", user.role, "customer|agent|admin")->capture_default_str();
  user_add->add_option("--locale", user.locale, "zh-CN|en");
  add_storage_options(*user_add, user.storage);

  CategoryAddOptions category;
  auto* category_cmd = cli.add_subcommand("category", "Manage ticket categories");
  category_cmd->require_subcommand(1);
  auto* category_add = category_cmd->add_subcommand("add", "Add a category at the end of the list");
  category_add->add_option("--zh", category.name_zh, "Chinese name")->required();
  category_add->add_option("--en", category.name_en, "English name")->required();
  add_storage_options(*category_add, category.storage);
  StorageCliOptions list_storage;
  auto* category_list = category_cmd->add_subcommand("list", "List the categories");
  add_storage_options(*category_list, list_storage);

  StorageCliOptions migrate_storage;
  auto* migrate_cmd = cli.add_subcommand("migrate", "Create or upgrade the database schema");
  add_storage_options(*migrate_cmd, migrate_storage);

  MigrateDataOptions migrate_data;
  auto* migrate_data_cmd = cli.add_subcommand(
      "migrate-data", "Copy an installation's data from its SQLite file into an empty PostgreSQL database, verified");
  migrate_data_cmd->add_option("--from", migrate_data.from,
                               "sqlite:PATH: the gongdan.db file, or the data directory holding it (stop the server "
                               "first: what it writes after the copy begins is not moved)");
  migrate_data_cmd->add_option("--to", migrate_data.to,
                               "postgresql://USER[:PASSWORD]@HOST[:PORT]/DB: an empty database (it is migrated first)");
  migrate_data_cmd->footer(
      "Every table is copied in one PostgreSQL transaction, then read back on both sides and compared by row count\n"
      "and checksum; any difference rolls everything back. Attachment files are not copied: they stay in the data\n"
      "directory, which every server process must reach. Exit codes: 0 copied and verified, 1 failed (nothing\n"
      "kept on PostgreSQL; the reason on standard error), 2 bad usage. See docs/postgres.md.");

  StorageCliOptions demo_storage;
  auto* demo_cmd = cli.add_subcommand("demo", "Load demo users and tickets (idempotent) and print the logins");
  add_storage_options(*demo_cmd, demo_storage);

  BenchLoadOptions bench_load;
  auto* bench_load_cmd =
      cli.add_subcommand("bench-load", "Fill a new data folder with realistic tickets for load tests (make bench)");
  bench_load_cmd->add_option("--data-dir", bench_load.data_dir)->capture_default_str();
  bench_load_cmd->add_option("--tickets", bench_load.tickets)->check(CLI::Range(1, 100'000'000))->capture_default_str();
  bench_load_cmd->add_option("--customers", bench_load.customers)
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  bench_load_cmd->add_option("--seed", bench_load.seed, "Random seed of the generated text")->capture_default_str();

  auto* routes_cmd = cli.add_subcommand("routes", "Print the HTTP route table as JSON");

  MailInOptions mail_in;
  auto* mail_in_cmd =
      cli.add_subcommand("mail-in", "Turn one mail on standard input into a ticket or comment (MTA pipe)");
  add_storage_options(*mail_in_cmd, mail_in.storage);
  mail_in_cmd->add_option("--reopen-days", mail_in.reopen_days, "As for serve")->check(CLI::Range(0, 3650));
  mail_in_cmd->add_option("--max-attachment-mb", mail_in.max_attachment_mb, "As for serve")->check(CLI::Range(1, 100));
  mail_in_cmd->add_option("--listen", mail_in.listen, "The server's HOST:PORT, for the default public URL")
      ->capture_default_str();
  add_mail_options(*mail_in_cmd, mail_in.mail);

  CalendarDueOptions due;
  auto* calendar_cmd = cli.add_subcommand("calendar", "Business calendars for service levels");
  calendar_cmd->require_subcommand(1);
  auto* calendar_due = calendar_cmd->add_subcommand("due", "When working time added to a moment runs out");
  calendar_due->add_option("--calendar", due.calendar, "Calendar name")->capture_default_str();
  calendar_due->add_option("--from", due.from, "Start, RFC 3339 (e.g. 2026-02-13T16:00:00+08:00)")->required();
  calendar_due->add_option("--add", due.add, "Working time: 90m, 8h, 1h30m, 3d (working days)")->required();
  std::string export_calendar = "cn-mainland-2026";
  std::string export_format = "csv";
  auto* calendar_export = calendar_cmd->add_subcommand("export", "Print a calendar's holidays and make-up workdays");
  calendar_export->add_option("--calendar", export_calendar)->capture_default_str();
  calendar_export->add_option("--format", export_format, "csv|ics")
      ->check(CLI::IsMember({"csv", "ics"}))
      ->capture_default_str();

  SlaCheckOptions sla_check;
  auto* sla_cmd = cli.add_subcommand("sla", "Service levels");
  sla_cmd->require_subcommand(1);
  auto* sla_check_cmd = sla_cmd->add_subcommand("check", "Run one pass of the SLA escalation job and print what fired");
  add_storage_options(*sla_check_cmd, sla_check.storage);
  sla_check_cmd->add_option("--now", sla_check.now, "Check as of this instant, RFC 3339 (default: now)");
  sla_check_cmd->add_flag("--dry-run", sla_check.dry_run,
                          "Print what would fire and write nothing (without it, the pass records and acts)");
  add_mail_options(*sla_check_cmd, sla_check.mail);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    // migrate-data promises exit code 2 for bad usage; CLI11's own codes are 100 and up.
    return code != 0 && migrate_data_cmd->parsed() ? kMigrateDataUsage : code;
  }
  // `url` in the config file's [database] section, for every command that did not get a URL from
  // --db, GONGDAN_DATABASE_URL or its own section's `db`.
  std::string config_database_url;
  try {
    config_database_url = database_url_from_config(cli.get_config_ptr()->as<std::string>());
  } catch (const std::exception& e) {
    std::cerr << "error: cannot read the config file: " << e.what() << "\n";
    return 2;
  }
  for (StorageCliOptions* storage : {&serve.storage, &user.storage, &category.storage, &list_storage, &migrate_storage,
                                     &demo_storage, &mail_in.storage, &sla_check.storage}) {
    if (storage->db.empty()) storage->db = config_database_url;
  }
  // A server's log lines are written in batches (the access log is one line per request).
  if (*serve_cmd) gongdan::logging::buffer_stdout_log_unless_terminal();
  // Log times in UTC, whatever --timezone says: logs are compared across machines.
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
  try {
    use_time_zone(kDefaultTimeZone);  // `serve --timezone` overrides it
    if (*serve_cmd) return run_serve(serve);
    if (*user_add) return run_user_add(user);
    if (*category_add) return run_category_add(category);
    if (*category_list) return run_category_list(list_storage);
    if (*migrate_cmd) return run_migrate(migrate_storage);
    if (*migrate_data_cmd) return run_migrate_data(migrate_data, gongdan::core::SystemClock{}, std::cout, std::cerr);
    if (*demo_cmd) return run_demo(demo_storage);
    if (*routes_cmd) return run_routes();
    if (*bench_load_cmd) return run_bench_load(bench_load, std::cout);
    if (*mail_in_cmd) return run_mail_in(mail_in, std::cin);
    if (*calendar_due) return run_calendar_due(due, std::cout, std::cerr);
    if (*calendar_export) return run_calendar_export(export_calendar, export_format, std::cout, std::cerr);
    if (*sla_check_cmd) return run_sla_check(sla_check, std::cout, std::cerr);
  } catch (const std::exception& e) {
    // The one catch of the process: a failure to start is reported, not a crash.
    spdlog::critical("{}", e.what());
    return EXIT_FAILURE;
  }
  return EXIT_FAILURE;
}
