#include "storage/repositories/mail_payload.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace gongdan::storage {
namespace {

domain::MailValues sample() {
  domain::MailValues values;
  values.values = {{"ticket.number", "261125-7KQ2MX"}, {"link", "https://x/#link=secret"}, {"name", "李雷"}};
  values.tickets = {{{"number", "1"}, {"link", "https://x/#link=a"}}, {{"number", "2"}}};
  return values;
}

TEST(MailPayloadTest, ValuesSurviveTheRoundTrip) { EXPECT_EQ(payload_values(payload_json(sample())), sample()); }

TEST(MailPayloadTest, RedactionReplacesEveryLinkAndKeepsTheRest) {
  const auto redacted = payload_values(redacted_payload(payload_json(sample())));
  EXPECT_EQ(redacted.values.at("link"), "[redacted]");
  EXPECT_EQ(redacted.values.at("name"), "李雷");
  EXPECT_EQ(redacted.tickets.at(0).at("link"), "[redacted]");
  EXPECT_EQ(redacted.tickets.at(0).at("number"), "1");
  EXPECT_FALSE(redacted.tickets.at(1).contains("link"));
}

TEST(MailPayloadTest, InvalidUtf8IsReplacedNotRefused) {
  domain::MailValues values;
  values.values = {{"name", std::string("a\xff"
                                        "b")}};
  EXPECT_NO_THROW(payload_values(payload_json(values)));
}

TEST(MailPayloadTest, ForeignTextIsRefused) { EXPECT_THROW(payload_values("not json"), std::runtime_error); }

}  // namespace
}  // namespace gongdan::storage
