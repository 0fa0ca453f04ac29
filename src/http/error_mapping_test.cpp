#include "http/error_mapping.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace gongdan::http {
namespace {

TEST(ErrorMapping, EveryErrorCodeHasItsStatus) {
  EXPECT_EQ(http_status(core::ErrorCode::kInvalid), 400);
  EXPECT_EQ(http_status(core::ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(http_status(core::ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(http_status(core::ErrorCode::kNotFound), 404);
  EXPECT_EQ(http_status(core::ErrorCode::kConflict), 409);
  EXPECT_EQ(http_status(core::ErrorCode::kTooLarge), 413);
  EXPECT_EQ(http_status(core::ErrorCode::kRateLimited), 429);
  EXPECT_EQ(http_status(core::ErrorCode::kUnavailable), 503);
}

TEST(ErrorMapping, ProblemJsonHasTheRfc9457Shape) {
  const Response r = error_response(core::Error::conflict("invalid_transition", "The ticket is closed."));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  const auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["type"], "about:blank");
  EXPECT_EQ(body["title"], "Conflict");
  EXPECT_EQ(body["status"], 409);
  EXPECT_EQ(body["detail"], "The ticket is closed.");
  EXPECT_EQ(body["code"], "invalid_transition");
  EXPECT_FALSE(body.contains("errors"));
}

TEST(ErrorMapping, ValidationErrorsListTheirFields) {
  const Response r = error_response(core::Error::validation(
      {{"subject", "required", "Required."}, {"environment.os", "too_long", "At most 100 characters."}}));
  EXPECT_EQ(r.status, 400);
  const auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["code"], "validation_failed");
  ASSERT_EQ(body["errors"].size(), 2u);
  EXPECT_EQ(body["errors"][1]["field"], "environment.os");
  EXPECT_EQ(body["errors"][1]["code"], "too_long");
  EXPECT_EQ(body["errors"][1]["message"], "At most 100 characters.");
}

TEST(ErrorMapping, ReasonlessErrorsGetTheDefaultCodeOfTheirKind) {
  const core::Error denied{core::ErrorCode::kPermissionDenied, "", "No.", {}};
  EXPECT_EQ(to_problem(denied).code, "forbidden");
  const core::Error large{core::ErrorCode::kTooLarge, "", "Big.", {}};
  EXPECT_EQ(to_problem(large).code, "payload_too_large");
  EXPECT_EQ(to_problem(large).status, 413);
}

TEST(ErrorMapping, BadBytesInDetailsAreReplacedNotThrown) {
  const Response r = problem_response(400, "x", std::string("bad \xFF byte"));
  EXPECT_TRUE(nlohmann::json::accept(r.body));
}

}  // namespace
}  // namespace gongdan::http
