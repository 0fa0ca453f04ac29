#include "http/handlers/presenter.hpp"

#include "http/json/catalog_codec.hpp"
#include "http/json/encode.hpp"
#include "http/json/json_writer.hpp"
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

std::optional<core::Timestamp> TicketPresenter::reopen_until(const domain::Ticket& ticket) const {
  if (ticket.status == domain::Status::kResolved && ticket.resolved_at) return *ticket.resolved_at + reopen_window_;
  return std::nullopt;
}

template <typename Write>
void TicketPresenter::as_read(const domain::Ticket& ticket, bool in_list, const KnownReplyBy* reply_by, Write&& write) {
  if (audience_ == Audience::kCustomer) {
    if (reply_by) return write(TicketReader{reply_by, nullptr});
    const KnownReplyBy asked = sla_ ? sla_->customer_reply_by(ticket) : std::nullopt;
    return write(TicketReader{&asked, nullptr});
  }
  // A list reads the state from the stored due and warning times; one ticket evaluates its targets.
  if (!sla_ || in_list) {
    const StaffSla staff{ticket.sla_policy, sla_ ? sla_->list_state(ticket) : domain::sla::SlaState::kOk, nullptr};
    return write(TicketReader{nullptr, &staff});
  }
  const auto view = sla_->staff_view(ticket);
  const std::vector<domain::sla::TargetStatus> none;
  const StaffSla staff =
      view ? StaffSla{view->policy, view->state, &view->targets} : StaffSla{{}, domain::sla::SlaState::kOk, &none};
  write(TicketReader{nullptr, &staff});
}

nlohmann::json TicketPresenter::ticket(const domain::Ticket& ticket, TicketText text) {
  nlohmann::json json(nlohmann::json::value_t::object);
  TreeFields fields(json);
  // An excerpt is what a list item carries (encode.hpp, TicketText).
  as_read(ticket, text == TicketText::kExcerpt, nullptr, [&](TicketReader reader) {
    ticket_fields(fields, ticket, category_name(ticket.category_id), reopen_until(ticket), text, reader);
  });
  return json;
}

namespace {

// About what one list item takes (a customer's is 800-900 bytes with its excerpt): a page's text
// grows once or not at all, instead of doubling its way up from nothing.
constexpr std::size_t kListItemBytes = 1024;

}  // namespace

std::string TicketPresenter::page_text(const domain::Page<domain::Ticket>& page) {
  // The items go straight to text: their trees cost twice as much to build as to write. A list
  // shows an excerpt: full descriptions made most of a queue page's bytes and time.
  std::vector<KnownReplyBy> replies;
  if (audience_ == Audience::kCustomer) {
    // One read answers every row's reply-by; asked row by row it was most of My tickets' time.
    replies = sla_ ? sla_->customer_reply_by(page.items) : std::vector<KnownReplyBy>(page.items.size());
  }
  JsonStream json;
  json.reserve(64 + kListItemBytes * page.items.size());
  StreamFields fields(json);
  json.begin_object().key("items").begin_array();
  for (std::size_t i = 0; i < page.items.size(); ++i) {
    const domain::Ticket& t = page.items[i];
    json.begin_object();
    as_read(t, true, replies.empty() ? nullptr : &replies[i], [&](TicketReader reader) {
      ticket_fields(fields, t, category_name(t.category_id), reopen_until(t), TicketText::kExcerpt, reader);
    });
    json.end_object();
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
