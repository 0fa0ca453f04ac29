#include "http/handlers/presenter.hpp"

#include "http/json/catalog_codec.hpp"
#include "http/json/encode.hpp"
#include "http/json/json_writer.hpp"
#include "http/json/sla_codec.hpp"
#include "http/json/ticket_fields.hpp"
#include "http/json/workspace_codec.hpp"

namespace gongdan::http {

TicketPresenter::TicketPresenter(const RequestContext& ctx, Audience audience)
    : audience_(audience),
      catalog_(ctx.services.catalog),
      sla_(ctx.services.sla),
      locale_(ctx.locale),
      reopen_window_(ctx.services.tickets.settings().reopen_window) {}

std::string TicketPresenter::category_name(core::CategoryId id) {
  if (!categories_) categories_ = catalog_.categories();
  for (const domain::Category& c : *categories_) {
    if (c.id == id) return c.name(locale_);
  }
  // Retired categories are not in the active list but old tickets still name them.
  if (auto retired = catalog_.find_category(id)) {
    categories_->push_back(*retired);
    return retired->name(locale_);
  }
  return {};
}

nlohmann::json TicketPresenter::ticket(const domain::Ticket& ticket, TicketText text) {
  return this->ticket(ticket, text, nullptr);
}

std::optional<core::Timestamp> TicketPresenter::reopen_until(const domain::Ticket& ticket) const {
  if (ticket.status == domain::Status::kResolved && ticket.resolved_at) return *ticket.resolved_at + reopen_window_;
  return std::nullopt;
}

nlohmann::json TicketPresenter::ticket(const domain::Ticket& ticket, TicketText text, const KnownReplyBy* reply_by) {
  auto json = ticket_json(ticket, category_name(ticket.category_id), reopen_until(ticket), text);
  if (audience_ == Audience::kStaff) add_staff_fields(json, ticket);
  // An excerpt is what a list item carries (encode.hpp, TicketText).
  add_service_level(json, ticket, text == TicketText::kExcerpt, reply_by);
  return json;
}

void TicketPresenter::add_service_level(nlohmann::json& json, const domain::Ticket& ticket, bool in_list,
                                        const KnownReplyBy* reply_by) {
  if (audience_ == Audience::kCustomer) {
    if (reply_by) {
      json["reply_by"] = reply_by_json(*reply_by);
    } else {
      json["reply_by"] = reply_by_json(sla_ ? sla_->customer_reply_by(ticket) : std::nullopt);
    }
    return;
  }
  json["next_response_due_at"] = time_json(ticket.next_response_due_at);
  json["resolution_due_at"] = time_json(ticket.resolution_due_at);
  if (!sla_) {
    json["sla"] = ticket_sla_json(ticket.sla_policy, domain::sla::SlaState::kOk, nullptr);
    return;
  }
  // A list reads state from the stored due and warning times; one ticket evaluates its targets.
  if (in_list) {
    json["sla"] = ticket_sla_json(ticket.sla_policy, sla_->list_state(ticket), nullptr);
    return;
  }
  const auto view = sla_->staff_view(ticket);
  if (!view) {
    const std::vector<domain::sla::TargetStatus> none;
    json["sla"] = ticket_sla_json({}, domain::sla::SlaState::kOk, &none);
    return;
  }
  json["sla"] = ticket_sla_json(view->policy, view->state, &view->targets);
}

std::string TicketPresenter::page_text(const domain::Page<domain::Ticket>& page) {
  JsonStream json;
  json.begin_object().key("items").begin_array();
  // A list shows an excerpt: full descriptions made most of a queue page's bytes and time.
  if (audience_ == Audience::kCustomer) {
    // One read answers every row's reply-by; asked row by row it was most of My tickets' time.
    // The items go straight to text: their trees cost twice as much to build as to write.
    const auto replies =
        sla_ ? sla_->customer_reply_by(page.items) : std::vector<KnownReplyBy>(page.items.size(), std::nullopt);
    StreamFields fields(json);
    for (std::size_t i = 0; i < page.items.size(); ++i) {
      const domain::Ticket& t = page.items[i];
      json.begin_object();
      ticket_fields(fields, t, category_name(t.category_id), reopen_until(t), TicketText::kExcerpt, &replies[i]);
      json.end_object();
    }
  } else {
    for (const domain::Ticket& t : page.items) json.value(ticket(t, TicketText::kExcerpt, nullptr));
  }
  json.end_array().key("next_cursor");
  if (page.next_cursor) {
    json.string(*page.next_cursor);
  } else {
    json.null();
  }
  return std::move(json.end_object()).take();
}

nlohmann::json TicketPresenter::view(const domain::TicketView& view) {
  nlohmann::json messages = nlohmann::json::array();
  for (const domain::Message& m : view.messages) messages.push_back(message_json(m));
  nlohmann::json events = nlohmann::json::array();
  for (const domain::TicketEvent& e : view.events) events.push_back(event_json(e));
  nlohmann::json json{
      {"ticket", ticket(view.ticket)}, {"messages", std::move(messages)}, {"events", std::move(events)}};
  if (audience_ == Audience::kStaff) json["customer_panel"] = customer_panel_json(view);
  // The use case already hid a merge target the reader may not open.
  const auto& into = view.ticket.merged_into_number;
  json["ticket"]["merged_into"] = into.empty() ? nlohmann::json(nullptr) : nlohmann::json(into);
  add_custom_fields(view, json["ticket"], json["events"]);
  return json;
}

void TicketPresenter::add_custom_fields(const domain::TicketView& view, nlohmann::json& ticket_body,
                                        nlohmann::json& events) {
  nlohmann::json answers = nlohmann::json::array();
  for (const auto& answer : view.custom_fields) answers.push_back(ticket_field_json(answer, locale_));
  ticket_body["custom_fields"] = std::move(answers);
  std::optional<std::vector<domain::FieldDefinition>> definitions;
  for (std::size_t i = 0; i < view.events.size(); ++i) {
    if (view.events[i].type != domain::EventType::kFieldChanged) continue;
    if (!definitions) definitions = catalog_.field_definitions(view.ticket.category_id);
    describe_field_change(events[i], view.events[i], *definitions, locale_);
  }
}

}  // namespace gongdan::http
