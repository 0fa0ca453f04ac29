#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/tickets/status.hpp"

namespace gongdan::domain {

using MacroId = core::Id<struct MacroTag>;

/// What applying a macro changes on the ticket beside posting its reply.
struct MacroActions {
  std::optional<Status> status;
  std::optional<Priority> priority;
  std::vector<std::string> add_tags;  // normalized (domain/agents/ticket_tags), each once, in the author's order
};

/// A canned reply (docs/workspace.md, "Macros"): shared by the team, or one agent's own.
struct Macro {
  MacroId id;
  std::string title;
  std::string body;                   // the reply's text with {{placeholders}} (domain/macros/placeholders.hpp)
  std::optional<core::UserId> owner;  // empty: shared
  bool internal = false;              // posted as an internal note instead of a public reply
  MacroActions actions;
  core::Timestamp created_at;
  core::Timestamp updated_at;

  bool shared() const { return !owner.has_value(); }
};

/// Who may use a macro: everyone on the team, or only its author.
enum class MacroScope { kPersonal, kShared };

std::string_view to_string(MacroScope scope);
std::optional<MacroScope> parse_macro_scope(std::string_view text);

/// A macro as its author wrote it, with types checked by the protocol layer.
struct MacroDraft {
  std::string title;
  std::string body;
  bool internal = false;
  std::optional<std::string> status;
  std::optional<std::string> priority;
  std::vector<std::string> add_tags;
  std::optional<std::string> scope;  // "personal" | "shared"; on create only (default personal)
};

/// Limits of a macro; each names what it stops.
struct MacroLimits {
  static constexpr std::size_t kMaxTitleChars = 100;  // a picker line, not a paragraph
  static constexpr std::size_t kMaxTags = 10;         // one click should not bury a ticket in tags
  std::size_t max_body_chars = 20000;                 // the reply limit (TicketSettings::max_body_chars)
};

/// A draft's fields checked: every problem as a field error (title, body, actions.status,
/// actions.priority, actions.add_tags[i]), unknown placeholders as `unknown_placeholder` on `body`. Owner, id and times
/// are left for the caller.
core::Result<Macro> check_macro_draft(const MacroDraft& draft, const MacroLimits& limits);

}  // namespace gongdan::domain
