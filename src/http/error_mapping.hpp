#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/response.hpp"

namespace gongdan::http {

/// A problem answer before it becomes RFC 9457 JSON: status, stable code, detail, field errors.
struct Problem {
  int status = 500;
  std::string code;
  std::string detail;
  std::vector<core::FieldError> errors;
};

/// The HTTP status that tells a client what to do next about an ErrorCode. The only such mapping.
int http_status(core::ErrorCode code);

/// The problem for a domain error: status from its code, `code` from its reason.
Problem to_problem(const core::Error& error);

/// An `application/problem+json` response.
Response problem_response(const Problem& problem);

/// Shorthand for a problem without field errors.
Response problem_response(int status, std::string code, std::string detail);

/// Shorthand for problem_response(to_problem(error)).
Response error_response(const core::Error& error);

}  // namespace gongdan::http
