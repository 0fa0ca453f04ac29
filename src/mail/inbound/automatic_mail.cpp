#include "mail/inbound/automatic_mail.hpp"

#include <array>
#include <string_view>

#include "core/utf8.hpp"

namespace gongdan::mail {
namespace {

std::optional<std::string> lowered_header(const ParsedMessage& message, std::string_view name) {
  const std::string* value = message.header(name);
  if (value == nullptr) return std::nullopt;
  return core::ascii_lower(core::trim(*value));
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// Out-of-office subjects, matched at the start only: "auto reply" inside a customer's own
// subject must not silence a real ticket. "休假" alone starts real questions too ("休假期间无法登录"),
// so it counts only as a tag: "休假中", "【休假】", "休假：…".
std::optional<std::string> out_of_office_subject(std::string_view subject) {
  static constexpr std::array<std::string_view, 7> kPrefixes{
      "自动回复", "自動回覆", "auto reply", "auto-reply", "autoreply", "automatic reply", "out of office"};
  static constexpr std::array<std::string_view, 8> kLeaveTags{"休假中", "休假：", "休假:",        "休假】",
                                                              "休假]",  "休假 ",  "休假自动回复", "假期自动回复"};
  std::string text = core::ascii_lower(core::trim(subject));
  for (std::string_view bracket : {"【", "[", "("}) {
    if (starts_with(text, bracket)) text.erase(0, bracket.size());
  }
  for (auto prefix : kPrefixes) {
    if (starts_with(text, prefix)) return "subject: " + std::string(prefix);
  }
  for (auto tag : kLeaveTags) {
    if (starts_with(text, tag) || text == "休假") return std::string("subject: 休假");
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> automatic_mail_reason(const ParsedMessage& message) {
  // RFC 3834: anything but "no" was sent by a program.
  if (auto value = lowered_header(message, "Auto-Submitted"); value && *value != "no" && !value->empty()) {
    return "auto-submitted: " + value->substr(0, value->find(';'));
  }
  if (auto value = lowered_header(message, "Precedence")) {
    for (std::string_view kind : {"bulk", "junk", "list", "auto_reply"}) {
      if (*value == kind) return "precedence: " + *value;
    }
  }
  for (std::string_view name : {"X-Autoreply", "X-Autorespond"}) {
    if (auto value = lowered_header(message, name)) return core::ascii_lower(name) + ": " + *value;
  }
  // Exchange stamps its own auto-replies with this; senders of ordinary mail use other values.
  if (auto value = lowered_header(message, "X-Auto-Response-Suppress"); value && (*value == "all" || *value == "oof")) {
    return "x-auto-response-suppress: " + *value;
  }
  for (std::string_view name : {"List-Id", "List-Unsubscribe"}) {
    if (message.header(name) != nullptr) return core::ascii_lower(name);
  }
  if (auto value = lowered_header(message, "Return-Path"); value && (*value == "<>" || value->empty())) {
    return "return-path: <>";
  }
  const std::string local_part = message.mail.from_email.substr(0, message.mail.from_email.find('@'));
  if (local_part == "mailer-daemon" || local_part == "postmaster") return "from: " + local_part;
  if (message.mime_type == "multipart/report") return "content-type: multipart/report";
  return out_of_office_subject(message.mail.subject);
}

}  // namespace gongdan::mail
