#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/mail/mail_settings.hpp"

namespace gongdan::mail {

/// Reads one IMAP mailbox with libcurl: list unseen messages, fetch one, flag it seen. One
/// connection is kept between calls; every failure is kUnavailable (try again at the next poll).
///
/// libcurl fetches with BODY[], which sets \Seen on the server already: a poller that cannot
/// handle a fetched message (storage down) calls mark_unseen so that the next poll retries it.
class ImapFetcher {
 public:
  explicit ImapFetcher(domain::ImapSettings settings);
  ~ImapFetcher();
  ImapFetcher(const ImapFetcher&) = delete;
  ImapFetcher& operator=(const ImapFetcher&) = delete;

  core::Result<std::vector<std::uint32_t>> unseen_uids();
  core::Result<std::string> fetch(std::uint32_t uid);
  core::Status mark_seen(std::uint32_t uid);
  core::Status mark_unseen(std::uint32_t uid);

 private:
  struct Handle;
  core::Result<std::string> perform(const std::string& url, const std::string& custom_request);

  domain::ImapSettings settings_;
  std::string mailbox_url_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace gongdan::mail
