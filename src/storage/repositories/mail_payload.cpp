#include "storage/repositories/mail_payload.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace gongdan::storage {
namespace {

using nlohmann::json;

constexpr std::string_view kRedacted = "[redacted]";

json parse(std::string_view text) {
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) throw std::runtime_error("outbox payload is not JSON");
  return document;
}

std::string dump(const json& document) {
  // Template values come from user input; a stray byte must not turn a write into an exception.
  return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

void redact(json& row) {
  const std::string secret(domain::kSecretValueName);
  if (row.is_object() && row.contains(secret)) row[secret] = kRedacted;
}

}  // namespace

std::string payload_json(const domain::MailValues& values) {
  json document = json::object();
  document["values"] = values.values;
  document["tickets"] = values.tickets;
  return dump(document);
}

domain::MailValues payload_values(std::string_view text) {
  const json document = parse(text);
  domain::MailValues values;
  if (const auto it = document.find("values"); it != document.end()) {
    values.values = it->get<std::map<std::string, std::string>>();
  }
  if (const auto it = document.find("tickets"); it != document.end()) {
    values.tickets = it->get<std::vector<std::map<std::string, std::string>>>();
  }
  return values;
}

std::string redacted_payload(std::string_view text) {
  json document = parse(text);
  if (const auto it = document.find("values"); it != document.end()) redact(*it);
  if (const auto it = document.find("tickets"); it != document.end() && it->is_array()) {
    for (auto& row : *it) redact(row);
  }
  return dump(document);
}

}  // namespace gongdan::storage
