#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "domain/fields/field_definition.hpp"

namespace gongdan::domain {

/// A custom field's value as the protocol layer received it, before it meets its definition.
struct FieldInput {
  enum class Kind { kNull, kBoolean, kNumber, kString, kOther };  // kOther: a list or an object
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;  // kString: the string; kNumber: the number as written

  static FieldInput null() { return {}; }
  static FieldInput of(bool value) { return {Kind::kBoolean, value, {}}; }
  static FieldInput of(std::string value) { return {Kind::kString, false, std::move(value)}; }
  static FieldInput number(std::string written) { return {Kind::kNumber, false, std::move(written)}; }
};

/// Submitted values by key, in the order they were sent.
using FieldInputs = std::vector<std::pair<std::string, FieldInput>>;

/// A checked value in its stored form: text as given (trimmed), a number as the shortest fixed-point decimal
/// that reads back as the same double, a dropdown's option value, `true`/`false`, `YYYY-MM-DD`.
struct FieldValue {
  core::FieldId field_id;
  std::string key;
  std::string value;
};

/// A change an agent asked for: a new stored value, or none to clear an optional field.
struct FieldValueChange {
  core::FieldId field_id;
  std::string key;
  std::optional<std::string> value;
};

/// A ticket's stored value with its definition (which may be inactive by now), for display.
struct TicketFieldValue {
  FieldDefinition definition;
  std::string value;
};

/// Checks the values of a new ticket against its category's definitions (only active ones
/// count). Every active required field must have a value; a key that is not an active field of
/// the category is `unknown_field`; null or "" means "no answer". Errors are named
/// `fields.<key>`. Returns the values to store, in definition order.
core::Result<std::vector<FieldValue>> check_submitted_fields(const std::vector<FieldDefinition>& definitions,
                                                             const FieldInputs& inputs);

/// Checks an agent's change of some values the same way; keys not sent are left alone, null or
/// "" clears an optional field (a required one answers `required`). Returns one change per key.
core::Result<std::vector<FieldValueChange>> check_field_changes(const std::vector<FieldDefinition>& definitions,
                                                                const FieldInputs& inputs);

}  // namespace gongdan::domain
