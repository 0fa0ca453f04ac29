#include <algorithm>

#include "domain/tickets/ticket_service.hpp"

// The custom-field part of TicketService: checking a submission's answers against its category,
// an agent's changes, and reading the values back with a ticket.
namespace gongdan::domain {

void TicketService::check_category_fields(const TicketSubmission& submission, std::vector<core::FieldError>& errors,
                                          std::vector<FieldValue>& values) {
  const core::CategoryId id{*submission.category_id};
  // A deactivated category takes no new tickets; its old tickets stay as they are.
  const auto category = catalog_.find_category(id);
  if (!category || !category->active) {
    errors.push_back({"category_id", "unknown_category", "No such category."});
    return;
  }
  auto checked = check_submitted_fields(catalog_.field_definitions(id), submission.fields);
  if (!checked) {
    const auto& refused = checked.error().fields;
    errors.insert(errors.end(), refused.begin(), refused.end());
    return;
  }
  values = std::move(checked).value();
}

core::Result<std::optional<FieldEdit>> TicketService::field_edit(const Ticket& ticket, const FieldInputs& inputs,
                                                                 const AuthorRef& author) {
  if (inputs.empty()) return std::optional<FieldEdit>{};
  auto changes = check_field_changes(catalog_.field_definitions(ticket.category_id), inputs);
  if (!changes) return changes.take_error();
  // Values already as asked change nothing and record no event. The store compares again inside
  // its transaction; this only spares a write (and a new updated_at) when nothing changes.
  const auto stored = tickets_.custom_field_values(ticket.id);
  FieldEdit edit{author, {}};
  for (auto& change : *changes) {
    const auto it = std::find_if(stored.begin(), stored.end(),
                                 [&](const TicketFieldValue& v) { return v.definition.id == change.field_id; });
    const std::optional<std::string> current = it == stored.end() ? std::nullopt : std::optional(it->value);
    if (current != change.value) edit.changes.push_back(std::move(change));
  }
  if (edit.changes.empty()) return std::optional<FieldEdit>{};
  return std::optional<FieldEdit>{std::move(edit)};
}

TicketView TicketService::with_custom_fields(TicketView view, bool staff_view) {
  view.custom_fields = tickets_.custom_field_values(view.ticket.id);
  // Answers are the customer's own; how staff corrected them is the staff's working history.
  if (!staff_view) {
    std::erase_if(view.events, [](const TicketEvent& e) { return e.type == EventType::kFieldChanged; });
  }
  return view;
}

}  // namespace gongdan::domain
