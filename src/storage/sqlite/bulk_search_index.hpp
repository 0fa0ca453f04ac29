#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gongdan::storage::sqlite {

class Connection;

/// The search index of a bulk load (bulk_ticket_writer.hpp), built on a thread of its own in a
/// file of its own while the loader writes the rows, then copied into the database at the end.
///
/// Why: FTS5's indexing was half of the loader's writing, and SQLite writes a file from one thread
/// at a time. In a second file, on a second connection, the indexing runs on the machine's other
/// core, and it goes on while the loader builds the other indexes.
///
/// The copy moves FTS5's shadow tables (`ticket_search_data`, `_idx`, `_content`) row for row from
/// a table that this same SQLite library built with the very definition of the database's own
/// table, into that table while it is still empty. The database's connection must not have used
/// its search table before the copy: FTS5 keeps the index's structure cached per connection and
/// only notices other connections' changes. Throws SqliteError.
class BulkSearchIndex {
 public:
  /// A ticket's search document as `ticket_search` stores it (SearchDocument::text()).
  struct Row {
    std::int64_t ticket_id;
    std::string tokens;
  };

  /// Creates the side file `side` (replacing what a killed load left there) with the search table
  /// of `database`, and starts the indexing thread.
  BulkSearchIndex(Connection& database, std::filesystem::path side);
  /// Stops the thread and removes the side file.
  ~BulkSearchIndex();
  BulkSearchIndex(const BulkSearchIndex&) = delete;
  BulkSearchIndex& operator=(const BulkSearchIndex&) = delete;

  /// Queues rows of committed tickets, one transaction of the side file. Waits while the queued
  /// documents hold kQueuedBytes already, so memory stays bounded; rethrows what failed on the
  /// thread.
  void add(std::vector<Row> rows);
  /// No more rows: the thread merges the index into one segment when it has written the rest.
  void end_input();
  /// Waits for the thread and copies the side file's index into `database`'s search table, which
  /// must still be empty, in one transaction. Then removes the side file.
  void copy_into(Connection& database);

  /// The side file next to a database: "<database>-search-load".
  static std::filesystem::path side_file(const std::filesystem::path& database);

 private:
  // The thread runs at the lowest priority (run()): the loader's own thread is the load's
  // critical path, and the indexing catches up while the loader builds the other indexes, on a
  // core the loader leaves idle then. Meanwhile the documents wait here: about 1 GiB for a
  // million tickets on two cores.
  static constexpr std::size_t kQueuedBytes = std::size_t{2} << 30;

  void run();
  void rethrow_failure();

  std::filesystem::path side_;
  std::unique_ptr<Connection> side_db_;  // the thread's while it runs
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<Row>> queue_;
  std::size_t queued_bytes_ = 0;
  bool input_ended_ = false;
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::thread thread_;
};

}  // namespace gongdan::storage::sqlite
