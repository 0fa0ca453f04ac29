#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace gongdan::app {

/// What `gongdan bench-load` writes.
struct BenchLoadOptions {
  std::string data_dir = "./bench-data";
  std::int64_t tickets = 1'000'000;
  int customers = 5000;
  std::uint64_t seed = 20260101;
};

/// Fills an empty data folder with realistic tickets for load tests: mixed Chinese/English subjects
/// and descriptions from word lists, several thousand customers and guests, statuses and priorities
/// spread as in a working help desk, and replies or internal notes on some tickets. Tickets are
/// generated on other threads and written in batches of thousands per commit through the storage's
/// bulk writer, which writes the same rows and search documents as a submission. Customers get no
/// password: they cannot sign in. Prints progress and the time taken; returns the exit code.
int run_bench_load(const BenchLoadOptions& options, std::ostream& out);

}  // namespace gongdan::app
