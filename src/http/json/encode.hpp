#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "domain/catalog/catalog.hpp"
#include "domain/sla/reply_by.hpp"
#include "domain/tickets/ticket.hpp"
#include "domain/tickets/ticket_service.hpp"
#include "domain/users/user.hpp"
#include "http/response.hpp"

namespace gongdan::http {

// The wire names of every object the API returns (docs/api.md); nothing else spells them.

nlohmann::json time_json(const std::optional<core::Timestamp>& t);
nlohmann::json user_json(const domain::User& user);
nlohmann::json category_json(const domain::Category& category, domain::Locale locale);
nlohmann::json article_json(const domain::Article& article, std::string body_html);
/// How much of a ticket's description its object carries: all of it (a single ticket), or, in
/// lists, an `excerpt` of its first kExcerptCharacters characters with white space collapsed.
enum class TicketText { kDescription, kExcerpt };
inline constexpr std::size_t kExcerptCharacters = 120;
/// The description shortened for a list: runs of white space become one space; "…" marks a cut.
std::string excerpt(std::string_view text);

/// `category_name` in the reader's locale; `reopen_until` set while the ticket is resolved.
nlohmann::json ticket_json(const domain::Ticket& ticket, std::string_view category_name,
                           const std::optional<core::Timestamp>& reopen_until,
                           TicketText text = TicketText::kDescription);
/// The short form of the duplicate warning: number, subject, status, updated_at.
nlohmann::json ticket_summary_json(const domain::Ticket& ticket);
nlohmann::json attachment_json(const domain::Attachment& attachment);
nlohmann::json message_json(const domain::Message& message);
nlohmann::json event_json(const domain::TicketEvent& event);
/// The answer to a status lookup, written straight to text in the key order a tree keeps:
/// merged_into, number, reply_by (`reply_by_field`), status, updated_at.
std::string lookup_text(const domain::LookupResult& result, const std::optional<domain::sla::ReplyBy>& reply_by);

/// The URL an attachment is downloaded from.
std::string attachment_url(core::AttachmentId id);

/// An `application/json` response; ill-formed UTF-8 (never expected) is replaced, not thrown.
Response json_response(int status, const nlohmann::json& body);
/// The same for a body already written as JSON text (JsonStream).
Response json_text_response(int status, std::string body);

}  // namespace gongdan::http
