#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace gongdan::domain {

/// The values a macro's placeholders stand for, read from the ticket and the agent at hand.
struct PlaceholderValues {
  std::string customer_name;
  std::string customer_email;
  std::string ticket_number;
  std::string ticket_subject;
  std::string agent_name;
};

/// Every placeholder a macro may use, as written between double braces.
inline constexpr std::array<std::string_view, 5> kMacroPlaceholders{
    "customer.name", "customer.email", "ticket.number", "ticket.subject", "agent.name",
};

/// Each `{{...}}` in `text` that is not a known placeholder (inner spaces allowed, `{{ ticket.number }}`),
/// as written, once each in order of appearance; a `{{` never closed counts as unknown too. A typo
/// must be refused when the macro is saved, not reach a customer.
std::vector<std::string> unknown_placeholders(std::string_view text);

/// `text` with every known placeholder replaced by its value, in one pass: values are inserted as
/// plain text and never expanded again (a customer named "{{agent.name}}" stays as typed). Replies
/// are escaped when shown, so nothing here escapes.
std::string render_placeholders(std::string_view text, const PlaceholderValues& values);

}  // namespace gongdan::domain
