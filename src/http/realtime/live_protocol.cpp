#include "http/realtime/live_protocol.hpp"

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "domain/tickets/ticket_number.hpp"
#include "http/json/json_writer.hpp"

namespace gongdan::http {
namespace {

constexpr std::size_t kMaxNumberChars = 40;  // a number with spaces and dashes is far shorter

core::Error bad_message(std::string message) { return core::Error::invalid("bad_message", std::move(message)); }

std::string dump(const nlohmann::json& frame) { return write_json(frame); }

core::Result<std::string> read_number(const nlohmann::json& message) {
  const auto it = message.find("number");
  if (it == message.end() || !it->is_string()) return bad_message("`number` must be a ticket number.");
  const auto& text = it->get_ref<const std::string&>();
  if (text.size() > kMaxNumberChars) return bad_message("`number` must be a ticket number.");
  auto number = domain::TicketNumber::parse(text);
  if (!number) return bad_message("`number` must be a ticket number.");
  return number->str();
}

}  // namespace

core::Result<ClientMessage> parse_client_message(std::string_view text) {
  // No exceptions: a parse failure is a discarded value.
  const auto message = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (message.is_discarded() || !message.is_object()) return bad_message("A frame is one JSON object.");
  const auto type = message.find("type");
  if (type == message.end() || !type->is_string()) return bad_message("`type` is required.");
  const auto& name = type->get_ref<const std::string&>();
  ClientMessage out;
  if (name == "unwatch") {
    out.kind = ClientMessage::Kind::kUnwatch;
    return out;
  }
  if (name != "watch" && name != "typing") return bad_message("`type` is one of watch, unwatch, typing.");
  auto number = read_number(message);
  if (!number) return number.take_error();
  out.number = std::move(number).value();
  if (name == "watch") {
    out.kind = ClientMessage::Kind::kWatch;
    return out;
  }
  out.kind = ClientMessage::Kind::kTyping;
  const auto typing = message.find("typing");
  if (typing == message.end() || !typing->is_boolean()) return bad_message("`typing` is true or false.");
  out.typing = typing->get<bool>();
  return out;
}

std::string hello_frame(const domain::User& user) {
  return dump({{"type", "hello"}, {"user", {{"id", user.id.value}, {"name", user.name}}}});
}

std::string ticket_frame(const domain::TicketActivity& activity) {
  nlohmann::json frame{{"type", "ticket"},
                       {"number", activity.number},
                       {"group_id", nullptr},
                       {"assignee_id", nullptr},
                       {"status", to_string(activity.status)},
                       {"priority", to_string(activity.priority)},
                       {"updated_at", core::format_rfc3339(activity.updated_at)},
                       {"change", to_string(activity.kind)}};
  if (activity.group_id) frame["group_id"] = activity.group_id->value;
  if (activity.assignee_id) frame["assignee_id"] = activity.assignee_id->value;
  return dump(frame);
}

std::string presence_frame(std::string_view number, const std::vector<Viewer>& viewers) {
  auto list = nlohmann::json::array();
  for (const Viewer& v : viewers) list.push_back({{"id", v.id}, {"name", v.name}, {"typing", v.typing}});
  return dump({{"type", "presence"}, {"number", number}, {"viewers", std::move(list)}});
}

std::string error_frame(std::string_view code) { return dump({{"type", "error"}, {"code", code}}); }

std::string resync_frame() { return dump({{"type", "resync"}}); }

}  // namespace gongdan::http
