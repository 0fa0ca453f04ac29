#include "http/json/encode.hpp"

#include <algorithm>

#include "http/json/json_writer.hpp"

namespace gongdan::http {

nlohmann::json time_json(const std::optional<core::Timestamp>& t) {
  if (!t) return nullptr;
  return core::format_rfc3339(*t);
}

nlohmann::json user_json(const domain::User& user) {
  return {{"id", user.id.value},
          {"email", user.email},
          {"name", user.name},
          {"role", domain::to_string(user.role)},
          {"locale", domain::to_string(user.locale)},
          {"email_verified", user.email_verified_at.has_value()},
          {"created_at", core::format_rfc3339(user.created_at)}};
}

nlohmann::json category_json(const domain::Category& category, domain::Locale locale) {
  return {{"id", category.id.value}, {"name", category.name(locale)}};
}

nlohmann::json article_json(const domain::Article& article, std::string body_html) {
  return {{"id", article.id},
          {"slug", article.slug},
          {"title", article.title},
          {"body_html", std::move(body_html)},
          {"category", article.category.empty() ? nlohmann::json(nullptr) : nlohmann::json(article.category)}};
}

std::string excerpt(std::string_view text) {
  std::string collapsed;
  collapsed.reserve(std::min(text.size(), kExcerptCharacters * 4));
  std::size_t characters = 0;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !collapsed.empty();
      continue;
    }
    // A character starts at any byte that is not a UTF-8 continuation byte.
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      if (characters + (space ? 1 : 0) >= kExcerptCharacters) return collapsed += "…";
      if (space) {
        collapsed += ' ';
        ++characters;
        space = false;
      }
      ++characters;
    }
    collapsed += c;
  }
  return collapsed;
}

namespace {

// Objects on the hot paths are filled by emplace: an initializer list first builds every
// key-value pair as a two-element array and copies it out, which made building a My tickets page
// cost four times writing it (json_writer_benchmark.cpp, BM_MyTicketsPage_BuildTree).
nlohmann::json::object_t& fields_of(nlohmann::json& object) { return object.get_ref<nlohmann::json::object_t&>(); }

}  // namespace

nlohmann::json ticket_json(const domain::Ticket& ticket, std::string_view category_name,
                           const std::optional<core::Timestamp>& reopen_until, TicketText text) {
  nlohmann::json category(nlohmann::json::value_t::object);
  fields_of(category).emplace("id", ticket.category_id.value);
  fields_of(category).emplace("name", category_name);
  nlohmann::json environment(nlohmann::json::value_t::object);
  auto& env = fields_of(environment);
  env.emplace("platform", ticket.environment.platform);
  env.emplace("os", ticket.environment.os);
  env.emplace("app_version", ticket.environment.app_version);
  env.emplace("device", ticket.environment.device);
  nlohmann::json customer(nlohmann::json::value_t::object);
  auto& who = fields_of(customer);
  who.emplace("name", ticket.customer.name);
  who.emplace("email", ticket.customer.email);
  who.emplace("guest", ticket.customer.guest());

  nlohmann::json json(nlohmann::json::value_t::object);
  auto& fields = fields_of(json);
  fields.emplace("number", ticket.number.str());
  fields.emplace("status", domain::to_string(ticket.status));
  fields.emplace("priority", domain::to_string(ticket.priority));
  fields.emplace("urgency", domain::to_string(ticket.urgency));
  fields.emplace("subject", ticket.subject);
  fields.emplace("category", std::move(category));
  fields.emplace("occurred_at", time_json(ticket.occurred_at));
  fields.emplace("environment", std::move(environment));
  fields.emplace("customer", std::move(customer));
  fields.emplace("created_at", core::format_rfc3339(ticket.created_at));
  fields.emplace("updated_at", core::format_rfc3339(ticket.updated_at));
  fields.emplace("resolved_at", time_json(ticket.resolved_at));
  fields.emplace("closed_at", time_json(ticket.closed_at));
  fields.emplace("reopen_until", time_json(reopen_until));
  if (text == TicketText::kExcerpt) {
    fields.emplace("excerpt", excerpt(ticket.description));
  } else {
    fields.emplace("description", ticket.description);
  }
  return json;
}

nlohmann::json ticket_summary_json(const domain::Ticket& ticket) {
  return {{"number", ticket.number.str()},
          {"subject", ticket.subject},
          {"status", domain::to_string(ticket.status)},
          {"updated_at", core::format_rfc3339(ticket.updated_at)}};
}

std::string attachment_url(core::AttachmentId id) { return "/api/v1/attachments/" + std::to_string(id.value); }

nlohmann::json attachment_json(const domain::Attachment& attachment) {
  return {{"id", attachment.id.value},
          {"filename", attachment.filename},
          {"content_type", attachment.content_type},
          {"size", attachment.size},
          {"url", attachment_url(attachment.id)}};
}

namespace {

nlohmann::json author_json(const domain::AuthorRef& author) {
  return {{"name", author.name}, {"role", domain::to_string(author.role)}};
}

}  // namespace

nlohmann::json message_json(const domain::Message& message) {
  nlohmann::json attachments = nlohmann::json::array();
  for (const domain::Attachment& a : message.attachments) attachments.push_back(attachment_json(a));
  return {{"id", message.id.value},
          {"author", author_json(message.author)},
          {"body", message.body},
          {"internal", message.internal},
          {"created_at", core::format_rfc3339(message.created_at)},
          {"attachments", std::move(attachments)}};
}

nlohmann::json event_json(const domain::TicketEvent& event) {
  return {{"id", event.id.value},
          {"type", domain::to_string(event.type)},
          {"from", event.from},
          {"to", event.to},
          {"author", author_json(event.author)},
          {"created_at", core::format_rfc3339(event.created_at)}};
}

nlohmann::json lookup_json(const domain::LookupResult& result) {
  return {{"number", result.number.str()},
          {"status", domain::to_string(result.status)},
          {"updated_at", core::format_rfc3339(result.updated_at)},
          {"merged_into", result.merged_into.empty() ? nlohmann::json(nullptr) : nlohmann::json(result.merged_into)}};
}

Response json_response(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  response.body = write_json(body);
  response.set("Content-Type", "application/json; charset=utf-8");
  // Personal data: no shared or browser cache keeps it.
  response.set("Cache-Control", "no-store");
  return response;
}

}  // namespace gongdan::http
