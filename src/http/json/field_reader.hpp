#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace gongdan::http {

/// Reads typed fields of one JSON object. Absent and null read as nullopt; a value of the wrong
/// type also reads as nullopt and records `invalid_type` under its JSON path; a required field that
/// is absent, null or "" records `required`. Unknown keys are ignored.
class FieldReader {
 public:
  FieldReader(const nlohmann::json& object, std::string path, std::vector<core::FieldError>& errors);

  std::optional<std::string> string(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  /// An array of strings (at most `max_items`, else `too_many`); absent reads as empty.
  std::vector<std::string> strings(std::string_view key, std::size_t max_items);
  /// An array of integers (at most `max_items`, else `too_many`); absent reads as empty.
  std::vector<std::int64_t> integers(std::string_view key, std::size_t max_items);
  /// The key is present with the value null (an explicit "none", e.g. unassign).
  bool is_null(std::string_view key) const;
  /// A nested object, read with the same error list.
  std::optional<FieldReader> object(std::string_view key);
  /// Like string(), and "" when absent; records `required` when absent, null or empty.
  std::string required_string(std::string_view key);
  /// Like integer(); records `required` when absent or null.
  std::optional<std::int64_t> required_integer(std::string_view key);

  /// The JSON path of a key of this object (`environment.os`).
  std::string path_of(std::string_view key) const;
  /// The object itself, for values whose type is decided later (custom field answers).
  const nlohmann::json& json() const { return object_; }

 private:
  const nlohmann::json* find(std::string_view key) const;
  void wrong_type(std::string_view key, std::string_view expected);
  void missing(std::string_view key);

  const nlohmann::json& object_;
  std::string path_;
  std::vector<core::FieldError>& errors_;
};

}  // namespace gongdan::http
