#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "domain/catalog/catalog_admin_service.hpp"
#include "domain/fields/field_values.hpp"
#include "domain/tickets/ticket.hpp"

namespace gongdan::http {

// Wire names of categories and custom fields (docs/api.md, docs/workspace.md).

/// The answers of a `fields` object, each value tagged with its JSON type; the domain checks them
/// against the category's definitions.
domain::FieldInputs field_inputs(const nlohmann::json& fields);

core::Result<domain::CategoryDraft> decode_category_draft(const nlohmann::json& body);
core::Result<domain::FieldDraft> decode_field_draft(const nlohmann::json& body);

/// The admin's view: both languages, position and active flag.
nlohmann::json admin_category_json(const domain::Category& category);
nlohmann::json admin_field_json(const domain::FieldDefinition& field);

/// What a form needs to ask a field, in the reader's language: {key, label, type, required, options}.
nlohmann::json form_field_json(const domain::FieldDefinition& field, domain::Locale locale);
/// One answer of a ticket: {key, label, type, value, display}. `value` is typed (number, boolean or
/// string); `display` is the answer as a person reads it (an option's label, 是/否 or Yes/No).
nlohmann::json ticket_field_json(const domain::TicketFieldValue& answer, domain::Locale locale);
/// Adds `field`, `field_label`, `from_display` and `to_display` to a field_changed event's JSON;
/// `definitions` are the ticket's category's (a field deleted since leaves the key as its label).
void describe_field_change(nlohmann::json& event, const domain::TicketEvent& change,
                           const std::vector<domain::FieldDefinition>& definitions, domain::Locale locale);

}  // namespace gongdan::http
