#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/result.hpp"
#include "domain/sla/civil_date.hpp"
#include "domain/sla/special_day.hpp"

namespace gongdan::domain::sla {

/// Collects what a schedule import (CSV or iCalendar) found: the days, and problems that name
/// the line they come from, so an admin can fix the file.
class ImportReport {
 public:
  /// Reported problems stop here: a wrong file is fixed from its first few errors, and the cap
  /// stops a hostile upload from producing a huge error response.
  static constexpr std::size_t kMaxProblems = 20;

  void problem(std::size_t line, std::string code, const std::string& message) {
    if (problems_.size() < kMaxProblems) {
      problems_.push_back(
          {"line " + std::to_string(line), std::move(code), "Line " + std::to_string(line) + ": " + message});
    }
  }

  /// Adds a day unless its date was already listed.
  void add(std::size_t line, SpecialDay day) {
    const auto [it, inserted] = lines_.emplace(day.date, line);
    if (!inserted) {
      problem(line, "duplicate",
              format_iso_date(day.date) + " is already listed on line " + std::to_string(it->second) + ".");
      return;
    }
    days_.push_back(std::move(day));
  }

  std::size_t day_count() const { return days_.size(); }
  bool ok() const { return problems_.empty(); }

  /// The days, or kInvalid `invalid_calendar_file` whose message is the first problem.
  core::Result<std::vector<SpecialDay>> finish() && {
    if (problems_.empty()) return std::move(days_);
    std::string message = problems_.front().message;
    return core::Error{core::ErrorCode::kInvalid, "invalid_calendar_file", std::move(message), std::move(problems_)};
  }

 private:
  std::vector<SpecialDay> days_;
  std::map<std::chrono::year_month_day, std::size_t> lines_;
  std::vector<core::FieldError> problems_;
};

}  // namespace gongdan::domain::sla
