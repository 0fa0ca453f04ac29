#pragma once

#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "domain/fields/field_definition.hpp"
#include "domain/fields/field_values.hpp"
#include "domain/tickets/ticket.hpp"
#include "storage/sql/connection.hpp"

namespace gongdan::storage {

// Custom-field rows, shared by the catalog (definitions) and the ticket store (values). Each
// function runs on the caller's connection, inside the caller's transaction; they throw sql::DatabaseError.

/// One category's definitions, active or not, in display order, with their options.
std::vector<domain::FieldDefinition> category_field_definitions(sql::Connection& db, core::CategoryId category);
/// The active definitions of every active category, in display order.
std::vector<domain::FieldDefinition> active_field_definitions(sql::Connection& db);

/// Stores a new ticket's answers.
void insert_field_values(sql::Connection& db, core::TicketId ticket, const std::vector<domain::FieldValue>& values);
/// Sets (or clears) values and records a field_changed event, by `edit.author` at `at`, for each
/// one that differs from the value held now.
void apply_field_edit(sql::Connection& db, core::TicketId ticket, const domain::FieldEdit& edit, core::Timestamp at);
/// A ticket's answers with their definitions, in the definitions' order.
std::vector<domain::TicketFieldValue> ticket_field_values(sql::Connection& db, core::TicketId ticket);

}  // namespace gongdan::storage
