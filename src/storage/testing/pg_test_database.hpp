#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>

#include "storage/postgres/connection.hpp"

namespace gongdan::storage::testing {

/// The test cluster's URL from GONGDAN_TEST_PG_URL (set by ctest through scripts/pg-cluster.sh;
/// by hand: `scripts/pg-cluster.sh start /tmp/pg` and export the URL it prints). Throws when unset,
/// so that a PostgreSQL test never passes by skipping.
inline std::string pg_test_url() {
  const char* url = std::getenv("GONGDAN_TEST_PG_URL");
  if (url == nullptr || *url == '\0') {
    throw std::runtime_error(
        "GONGDAN_TEST_PG_URL is not set: run these tests with ctest, or start a cluster with "
        "scripts/pg-cluster.sh start /tmp/gongdan-pg and export the URL it prints");
  }
  return url;
}

/// `url` with its database name replaced by `database`.
inline std::string pg_url_with_database(const std::string& url, const std::string& database) {
  const auto authority = url.find("://");
  const auto path = url.find('/', authority == std::string::npos ? 0 : authority + 3);
  const auto query = url.find('?', path == std::string::npos ? 0 : path);
  std::string out = url.substr(0, path == std::string::npos ? (query == std::string::npos ? url.size() : query) : path);
  out += "/" + database;
  if (query != std::string::npos) out += url.substr(query);
  return out;
}

/// A fresh, empty database on the test cluster for one test, dropped (with any connection still
/// on it) at the end: tests running in parallel never see each other's rows.
class PgTestDatabase {
 public:
  PgTestDatabase() : admin_url_(pg_test_url()) {
    static std::atomic<int> counter{0};
    std::random_device random;
    name_ = "gongdan_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
            std::to_string(random() % 1000000);
    postgres::Connection admin(admin_url_);
    admin.exec("CREATE DATABASE " + name_);
    url_ = pg_url_with_database(admin_url_, name_);
  }
  ~PgTestDatabase() {
    try {
      postgres::Connection admin(admin_url_);
      admin.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception&) {  // the cluster goes at the end of the run anyway
    }
  }
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

}  // namespace gongdan::storage::testing
