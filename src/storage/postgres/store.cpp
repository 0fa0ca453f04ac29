#include "storage/postgres/store.hpp"

#include <exception>
#include <random>
#include <thread>

#include "storage/sql/database_error.hpp"

namespace gongdan::storage::postgres {
namespace {

// Marks the calling thread as inside a job for the scope's life.
thread_local bool inside_job = false;

class JobScope {
 public:
  JobScope() { inside_job = true; }
  ~JobScope() { inside_job = false; }
  JobScope(const JobScope&) = delete;
  JobScope& operator=(const JobScope&) = delete;
};

// The pause before another try: growing, and random in part, so that two jobs that failed each
// other do not retry in lockstep and collide again.
std::chrono::milliseconds pause(std::chrono::milliseconds backoff, int attempt) {
  thread_local std::minstd_rand random{std::random_device{}()};
  const auto base = backoff * (attempt + 1);
  return base + std::chrono::milliseconds(random() % (static_cast<unsigned long>(base.count()) + 1));
}

bool retryable(const sql::DatabaseError& error) {
  return error.code() == "40001" || error.code() == "40P01";  // serialization failure, deadlock
}

core::Error nested() { return core::Error::unavailable("A storage job may not start another storage job."); }

}  // namespace

void Store::report(std::string_view what) const noexcept {
  try {
    if (on_error_) on_error_(what);
  } catch (...) {  // a failing logger must not turn a request into a crash
  }
}

core::Status Store::run_write(const WriteWork& work) {
  if (inside_job) return nested();
  for (int attempt = 0;; ++attempt) {
    try {
      JobScope scope;
      auto lease = pool_.acquire();
      sql::Transaction transaction(*lease);
      core::Status status = work(*lease);
      if (status.ok()) transaction.commit();  // otherwise the transaction's end rolls back
      return status;
    } catch (const sql::DatabaseError& error) {
      if (retryable(error) && attempt < options_.retries) {
        std::this_thread::sleep_for(pause(options_.backoff, attempt));
        continue;
      }
      report(error.what());
      return sql::to_core_error(error);
    } catch (const std::exception& error) {
      report(error.what());
      return core::Error::unavailable("Storage failed; try again later.");
    }
  }
}

core::Status Store::run_read(const ReadWork& work) {
  if (inside_job) return nested();
  try {
    JobScope scope;
    auto lease = pool_.acquire();
    lease->run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    work(*lease);
    lease->run("COMMIT");  // on an exception the pool rolls the returned lease back
    return core::ok_status();
  } catch (const sql::DatabaseError& error) {
    report(error.what());
    return sql::to_core_error(error);
  } catch (const std::exception& error) {
    report(error.what());
    return core::Error::unavailable("Storage failed; try again later.");
  }
}

}  // namespace gongdan::storage::postgres
