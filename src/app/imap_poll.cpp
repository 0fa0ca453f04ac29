#include "app/imap_poll.hpp"

#include <spdlog/spdlog.h>

#include "mail/inbound/imap_fetcher.hpp"
#include "mail/inbound/inbound_filter.hpp"

namespace gongdan::app {

int ImapPoll::round() {
  const auto imap = settings_.current().imap;
  const auto now = clock_.now();
  if (imap.url.empty() || now < next_poll_) return 0;
  if (may_poll_ && !may_poll_()) return 0;  // another process polls this mailbox
  next_poll_ = now + std::chrono::seconds{imap.poll_seconds};
  mail::ImapFetcher fetcher(imap);
  auto uids = fetcher.unseen_uids();
  if (!uids) {
    spdlog::warn("imap: cannot list unseen messages: {}", uids.error().message);
    return 0;
  }
  for (const auto uid : *uids) {
    auto raw = fetcher.fetch(uid);
    if (!raw) {
      spdlog::warn("imap: cannot fetch message {}: {}", uid, raw.error().message);
      continue;
    }
    auto parsed = mail::read_inbound_mail(*raw);
    if (parsed) {
      auto outcome = inbound_.handle(*parsed);
      if (!outcome && outcome.error().code == core::ErrorCode::kUnavailable) {
        // Fetching flagged it \Seen; unflag it so that the next round tries again.
        spdlog::warn("imap: storage unavailable, message {} is tried again later: {}", uid, outcome.error().message);
        if (auto unseen = fetcher.mark_unseen(uid); !unseen) {
          spdlog::error("imap: cannot unflag message {}: {}", uid, unseen.error().message);
        }
        return 0;
      }
      if (outcome) {
        spdlog::info("imap: message {} from {}: {}", uid, parsed->from_email, domain::to_string(outcome->kind));
      }
    } else {
      spdlog::warn("imap: message {} is not a mail message: {}", uid, parsed.error().message);
    }
    // Fetching already flags the message; flag it explicitly too, in case the server did not.
    if (auto seen = fetcher.mark_seen(uid); !seen) {
      spdlog::warn("imap: cannot flag message {} seen: {}", uid, seen.error().message);
    }
  }
  return 0;
}

}  // namespace gongdan::app
