#include <gtest/gtest.h>

#include "core/fake_clock.hpp"
#include "domain/testing/in_memory_stores.hpp"
#include "domain/tickets/ticket_service.hpp"

namespace gongdan::domain {
namespace {

using core::ErrorCode;

// Custom fields on the ticket use cases: submission, reading back, an agent's change.
class TicketServiceFieldsTest : public ::testing::Test {
 protected:
  TicketServiceFieldsTest() {
    tickets_.catalog = &catalog_;
    owner_ = make_user("owner@example.com", Role::kCustomer);
    agent_ = make_user("agent@example.com", Role::kAgent);
    FieldDefinition method{{},
                           account_,
                           "sign_in_method",
                           "登录方式",
                           "Sign-in method",
                           FieldType::kDropdown,
                           true,
                           {{"phone", "手机号", "Phone number"}, {"wechat", "微信", "WeChat"}},
                           1,
                           true};
    method_ = catalog_.save_field(method).value();
    FieldDefinition phone{{}, account_, "phone", "手机号", "Phone", FieldType::kText, false, {}, 2, true};
    phone_ = catalog_.save_field(phone).value();
  }

  Actor make_user(const std::string& email, Role role) {
    return Actor{
        users_.create({email, email.substr(0, email.find('@')), role, Locale::kZhCn, "", clock_.now()}).value(),
        std::nullopt};
  }

  TicketSubmission submission(FieldInputs fields) {
    TicketSubmission s;
    s.category_id = account_.value;
    s.subject = "收不到验证码";
    s.description = "换手机以后一直收不到短信验证码。";
    s.fields = std::move(fields);
    return s;
  }

  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};
  testing::FakeCrypto crypto_;
  testing::InMemoryUsers users_;
  testing::InMemoryTickets tickets_;
  testing::InMemoryCatalog catalog_;
  testing::InMemoryBlobs blobs_;
  testing::SignatureDetector detector_;
  TicketMails mails_{crypto_, clock_, {}};
  TicketService service_{tickets_, catalog_, users_, blobs_, detector_, crypto_, clock_, mails_};
  const core::CategoryId account_{1};
  FieldDefinition method_, phone_;
  Actor owner_, agent_;
};

TEST_F(TicketServiceFieldsTest, AnswersAreStoredWithTheTicketAndShownToOwnerAndStaff) {
  const auto ticket = service_.submit(owner_, submission({{"sign_in_method", FieldInput::of(std::string("wechat"))},
                                                          {"phone", FieldInput::of(std::string("13800001234"))}}));
  ASSERT_TRUE(ticket.ok());
  for (const Actor& reader : {owner_, agent_}) {
    const auto view = reader.is_staff() ? service_.agent_view(reader, ticket->number.str())
                                        : service_.view(reader, ticket->number.str());
    ASSERT_TRUE(view.ok());
    ASSERT_EQ(view->custom_fields.size(), 2U);
    EXPECT_EQ(view->custom_fields[0].definition.key, "sign_in_method");
    EXPECT_EQ(view->custom_fields[0].value, "wechat");
    EXPECT_EQ(view->custom_fields[1].value, "13800001234");
  }
}

TEST_F(TicketServiceFieldsTest, InvalidAnswersAreRefusedBesideTheOtherErrorsAndNothingIsStored) {
  auto s = submission({{"sign_in_method", FieldInput::of(std::string("qq"))}, {"nope", FieldInput::of(true)}});
  s.subject = "";
  const auto refused = service_.submit(owner_, s);
  ASSERT_FALSE(refused.ok());
  std::vector<std::string> fields;
  for (const auto& e : refused.error().fields) fields.push_back(e.field + ":" + e.code);
  EXPECT_EQ(fields, (std::vector<std::string>{"fields.nope:unknown_field", "subject:required"}));
  const auto missing = service_.submit(owner_, submission({}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().fields.at(0).field, "fields.sign_in_method");
  EXPECT_EQ(missing.error().fields.at(0).code, "required");
  EXPECT_EQ(tickets_.count(), 0U);
}

TEST_F(TicketServiceFieldsTest, ADeactivatedCategoryTakesNoNewTickets) {
  auto category = catalog_.find_category(account_).value();
  category.active = false;
  ASSERT_TRUE(catalog_.save_category(category).ok());
  const auto refused = service_.submit(owner_, submission({{"sign_in_method", FieldInput::of(std::string("phone"))}}));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "category_id");
  EXPECT_EQ(refused.error().fields.at(0).code, "unknown_category");
}

TEST_F(TicketServiceFieldsTest, AnAgentsChangeRecordsFieldChangedEventsOnlyForRealChanges) {
  const auto ticket =
      service_.submit(owner_, submission({{"sign_in_method", FieldInput::of(std::string("phone"))}})).value();
  TicketUpdate update;
  update.fields = {{"sign_in_method", FieldInput::of(std::string("wechat"))},
                   {"phone", FieldInput::of(std::string("138"))}};
  clock_.advance(std::chrono::minutes{5});
  const auto updated = service_.agent_update(agent_, ticket.number.str(), update);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->updated_at, clock_.now());
  auto view = service_.agent_view(agent_, ticket.number.str()).value();
  ASSERT_EQ(view.events.size(), 2U);
  EXPECT_EQ(view.events[0].type, EventType::kFieldChanged);
  EXPECT_EQ(view.events[0].field, "sign_in_method");
  EXPECT_EQ(view.events[0].from, "phone");
  EXPECT_EQ(view.events[0].to, "wechat");
  EXPECT_EQ(view.events[1].from, "");
  EXPECT_EQ(view.events[1].to, "138");
  EXPECT_EQ(view.events[1].author.name, "agent");
  // The same values again change nothing.
  clock_.advance(std::chrono::minutes{5});
  const auto again = service_.agent_update(agent_, ticket.number.str(), update);
  ASSERT_TRUE(again.ok());
  EXPECT_LT(again->updated_at, clock_.now());
  EXPECT_EQ(service_.agent_view(agent_, ticket.number.str())->events.size(), 2U);
  // Clearing an optional field is a change; clearing a required one is refused.
  update.fields = {{"phone", FieldInput::null()}};
  ASSERT_TRUE(service_.agent_update(agent_, ticket.number.str(), update).ok());
  view = service_.agent_view(agent_, ticket.number.str()).value();
  EXPECT_EQ(view.events.back().to, "");
  ASSERT_EQ(view.custom_fields.size(), 1U);
  // The customer sees the answers, not the staff's history of corrections.
  const auto own = service_.view(owner_, ticket.number.str()).value();
  EXPECT_EQ(own.custom_fields.size(), 1U);
  EXPECT_TRUE(own.events.empty());
  update.fields = {{"sign_in_method", FieldInput::null()}, {"nope", FieldInput::null()}};
  update.status = "bogus";
  const auto refused = service_.agent_update(agent_, ticket.number.str(), update);
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.error().fields.size(), 2U);
  EXPECT_EQ(refused.error().fields[0].field, "status");
  EXPECT_EQ(refused.error().fields[1].code, "unknown_field");
}

TEST_F(TicketServiceFieldsTest, CustomersCannotChangeFields) {
  const auto ticket =
      service_.submit(owner_, submission({{"sign_in_method", FieldInput::of(std::string("phone"))}})).value();
  TicketUpdate update;
  update.fields = {{"phone", FieldInput::of(std::string("1"))}};
  EXPECT_EQ(service_.agent_update(owner_, ticket.number.str(), update).error().code, ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace gongdan::domain
