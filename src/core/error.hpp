#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gongdan::core {

/// What the caller should do next, independent of any protocol. When you add a code, add its
/// HTTP mapping in src/http/error_mapping.cpp too.
enum class ErrorCode {
  kInvalid,           // fix the request (validation, malformed input)
  kUnauthenticated,   // sign in first
  kPermissionDenied,  // signed in, but this role may not do this
  kNotFound,          // no such thing, or not visible to this caller
  kConflict,          // the current state forbids it (duplicate, wrong status)
  kRateLimited,       // slow down
  kTooLarge,          // the input exceeds a size limit
  kUnavailable,       // try again later (storage busy, shutting down)
};

/// One problem with one input field: `field` is a JSON path such as `environment.os`.
struct FieldError {
  std::string field;
  std::string code;  // stable machine word: required, too_long, invalid, ...
  std::string message;
};

/// An expected failure, carried as a value. `reason` is a stable machine word for clients
/// (e.g. `invalid_transition`); `fields` lists validation problems.
struct Error {
  ErrorCode code = ErrorCode::kInvalid;
  std::string reason;
  std::string message;
  std::vector<FieldError> fields;

  static Error invalid(std::string reason, std::string message) {
    return {ErrorCode::kInvalid, std::move(reason), std::move(message), {}};
  }
  static Error validation(std::vector<FieldError> fields) {
    return {ErrorCode::kInvalid, "validation_failed", "The request has invalid fields.", std::move(fields)};
  }
  static Error field(std::string field, std::string code, std::string message) {
    return validation({FieldError{std::move(field), std::move(code), std::move(message)}});
  }
  static Error not_found(std::string message = "Not found.") {
    return {ErrorCode::kNotFound, "not_found", std::move(message), {}};
  }
  static Error conflict(std::string reason, std::string message) {
    return {ErrorCode::kConflict, std::move(reason), std::move(message), {}};
  }
  static Error forbidden(std::string message = "You may not do this.") {
    return {ErrorCode::kPermissionDenied, "forbidden", std::move(message), {}};
  }
  static Error unauthenticated(std::string message = "Sign in first.") {
    return {ErrorCode::kUnauthenticated, "unauthenticated", std::move(message), {}};
  }
  static Error unavailable(std::string message) {
    return {ErrorCode::kUnavailable, "unavailable", std::move(message), {}};
  }
};

}  // namespace gongdan::core
