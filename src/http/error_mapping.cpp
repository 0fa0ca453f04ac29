#include "http/error_mapping.hpp"

#include <nlohmann/json.hpp>

#include "http/json/json_writer.hpp"

namespace gongdan::http {
namespace {

// The code a client sees when the domain gave no reason.
std::string default_code(const core::Error& error) {
  switch (error.code) {
    case core::ErrorCode::kInvalid: return "validation_failed";
    case core::ErrorCode::kUnauthenticated: return "unauthenticated";
    case core::ErrorCode::kPermissionDenied: return "forbidden";
    case core::ErrorCode::kNotFound: return "not_found";
    case core::ErrorCode::kConflict: return "conflict";
    case core::ErrorCode::kRateLimited: return "rate_limited";
    case core::ErrorCode::kTooLarge: return "payload_too_large";
    case core::ErrorCode::kUnavailable: return "unavailable";
  }
  return "internal";
}

}  // namespace

int http_status(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kInvalid: return 400;
    case core::ErrorCode::kUnauthenticated: return 401;
    case core::ErrorCode::kPermissionDenied: return 403;
    case core::ErrorCode::kNotFound: return 404;
    case core::ErrorCode::kConflict: return 409;
    case core::ErrorCode::kTooLarge: return 413;
    case core::ErrorCode::kRateLimited: return 429;
    case core::ErrorCode::kUnavailable: return 503;
  }
  return 500;  // a code added to the enum without a mapping here
}

Problem to_problem(const core::Error& error) {
  return {http_status(error.code), error.reason.empty() ? default_code(error) : error.reason, error.message,
          error.fields};
}

Response problem_response(const Problem& problem) {
  nlohmann::json body{{"type", "about:blank"},
                      {"title", reason_phrase(problem.status)},
                      {"status", problem.status},
                      {"detail", problem.detail},
                      {"code", problem.code}};
  if (!problem.errors.empty()) {
    auto& errors = body["errors"] = nlohmann::json::array();
    for (const core::FieldError& e : problem.errors) {
      errors.push_back({{"field", e.field}, {"code", e.code}, {"message", e.message}});
    }
  }
  Response response;
  response.status = problem.status;
  response.body = write_json(body);
  response.set("Content-Type", "application/problem+json");
  response.set("Cache-Control", "no-store");
  return response;
}

Response problem_response(int status, std::string code, std::string detail) {
  return problem_response(Problem{status, std::move(code), std::move(detail), {}});
}

Response error_response(const core::Error& error) { return problem_response(to_problem(error)); }

}  // namespace gongdan::http
