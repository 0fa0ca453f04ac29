#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace gongdan::storage::postgres {

class Connection;

/// A role only one process of an installation may hold at a time (the IMAP poller: two processes
/// fetching one mailbox would race over the same messages), as a session-level advisory lock on a
/// connection of its own. The lock lasts as long as that connection: when a process dies, the
/// server ends its session and another process takes the role on its next try.
///   postgres::AdvisoryLock poller(url, postgres::AdvisoryLock::kImapPoller);
///   if (poller.hold()) poll();   // every round; cheap while held
class AdvisoryLock {
 public:
  static constexpr std::int64_t kImapPoller = 0x67646E'01;  // "gdn" + role number

  AdvisoryLock(std::string url, std::int64_t key);
  ~AdvisoryLock();
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

  /// True when this process holds the role now: takes the lock if free, checks the connection
  /// still lives if held (a lost connection lost the lock too). Never throws; a database that
  /// cannot be reached means "not held".
  bool hold() noexcept;

 private:
  std::string url_;
  std::int64_t key_;
  std::unique_ptr<Connection> connection_;
  bool held_ = false;
};

}  // namespace gongdan::storage::postgres
