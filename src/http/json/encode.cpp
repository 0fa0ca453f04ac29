#include "http/json/encode.hpp"

#include <algorithm>

#include "http/json/json_writer.hpp"
#include "http/json/ticket_fields.hpp"

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
  collapsed.reserve(std::min(text.size(), kExcerptCharacters * 4) + 3);
  // Bytes are copied a run at a time, not one by one: a list page runs this for every row.
  std::size_t run = std::string_view::npos;  // where the bytes not yet copied start
  const auto copy_run = [&](std::size_t end) {
    if (run != std::string_view::npos) collapsed.append(text.substr(run, end - run));
    run = std::string_view::npos;
  };
  std::size_t characters = 0;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
      copy_run(i);
      space = !collapsed.empty();
      continue;
    }
    // A character starts at any byte that is not a UTF-8 continuation byte.
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      if (characters + (space ? 1 : 0) >= kExcerptCharacters) {
        copy_run(i);
        return collapsed += "…";
      }
      if (space) {
        copy_run(i);
        collapsed += ' ';
        ++characters;
        space = false;
      }
      ++characters;
    }
    if (run == std::string_view::npos) run = i;
  }
  copy_run(text.size());
  return collapsed;
}

nlohmann::json ticket_json(const domain::Ticket& ticket, std::string_view category_name,
                           const std::optional<core::Timestamp>& reopen_until, TicketText text) {
  nlohmann::json json(nlohmann::json::value_t::object);
  TreeFields fields(json);
  ticket_fields(fields, ticket, category_name, reopen_until, text);
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

std::string lookup_text(const domain::LookupResult& result, const std::optional<domain::sla::ReplyBy>& reply_by) {
  // Streamed, not built as a tree and then written: the tree was a tenth of a lookup's cost.
  JsonStream json;
  StreamFields fields(json);
  json.begin_object();
  if (result.merged_into.empty()) {
    fields.null("merged_into");
  } else {
    fields.string("merged_into", result.merged_into);
  }
  fields.string("number", result.number.str());
  reply_by_field(fields, "reply_by", reply_by);
  fields.string("status", domain::to_string(result.status));
  fields.string("updated_at", core::format_rfc3339(result.updated_at));
  return std::move(json.end_object()).take();
}

Response json_response(int status, const nlohmann::json& body) { return json_text_response(status, write_json(body)); }

Response json_text_response(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.set("Content-Type", "application/json; charset=utf-8");
  // Personal data: no shared or browser cache keeps it.
  response.set("Cache-Control", "no-store");
  return response;
}

}  // namespace gongdan::http
