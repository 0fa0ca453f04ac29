#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>

#include "app/mail_options.hpp"
#include "app/storage_options.hpp"

namespace gongdan::app {

/// The customers' zone unless `serve --timezone` says otherwise.
inline constexpr const char* kDefaultTimeZone = "Asia/Shanghai";

/// Options of `gongdan serve`.
struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  StorageCliOptions storage;
  std::string web_dir;
  std::string rate_limits = "on";
  std::string support_email = "support@example.com";
  int reopen_days = 14;
  int max_attachment_mb = 20;
  std::string timezone = kDefaultTimeZone;
  bool secure_cookies = false;
  std::size_t worker_threads = 32;
  int sla_interval = 30;  // seconds between passes of the SLA escalation job
  MailCliOptions mail;
};

/// Options of `gongdan mail-in`.
struct MailInOptions {
  StorageCliOptions storage;
  int reopen_days = 14;  // as `serve`'s: a mailed ticket follows the same rules
  int max_attachment_mb = 20;
  std::string listen = "127.0.0.1:8080";  // only to default the public URL, as `serve` does
  MailCliOptions mail;
};

/// Options of `gongdan user add`.
struct UserAddOptions {
  std::string email;
  std::string password;
  std::string name;
  std::string role = "customer";
  std::optional<std::string> locale;
  StorageCliOptions storage;
};

/// Options of `gongdan category add`.
struct CategoryAddOptions {
  std::string name_zh;
  std::string name_en;
  StorageCliOptions storage;
};

/// The zone every command dates ticket numbers in; called before any thread starts.
void use_time_zone(const std::string& zone);

int run_serve(const ServeOptions& options);
int run_user_add(const UserAddOptions& options);
int run_category_add(const CategoryAddOptions& options);
int run_category_list(const StorageCliOptions& storage);
int run_migrate(const StorageCliOptions& storage);
int run_demo(const StorageCliOptions& storage);
int run_routes();
/// Reads one RFC 5322 message from `in`; exit codes as sysexits.h for MTAs (docs/mail.md).
int run_mail_in(const MailInOptions& options, std::istream& in);

}  // namespace gongdan::app
