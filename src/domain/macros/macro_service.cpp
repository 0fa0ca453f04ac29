#include "domain/macros/macro_service.hpp"

#include <algorithm>

#include "domain/macros/placeholders.hpp"

namespace gongdan::domain {
namespace {

// Supervisors and admins keep the team's shared macros; every other staff role only its own.
bool manages_shared(const User& user) { return user.is_staff() && user.role != Role::kAgent; }

core::Error no_such_macro() { return core::Error::not_found("No such macro."); }

}  // namespace

MacroService::MacroService(MacroRepository& macros, TicketService& tickets, const core::Clock& clock)
    : macros_(macros), tickets_(tickets), clock_(clock) {}

bool MacroService::may_manage(const User& user, const Macro& macro) {
  if (!user.is_staff()) return false;
  return macro.shared() ? manages_shared(user) : macro.owner == user.id;
}

core::Status MacroService::check_staff(const Actor& actor) const {
  if (!actor.user) return core::Error::unauthenticated();
  if (!actor.is_staff()) return core::Error::forbidden("Only agents use macros.");
  return core::ok_status();
}

core::Result<std::vector<Macro>> MacroService::list(const Actor& actor) {
  if (auto staff = check_staff(actor); !staff) return staff.take_error();
  return macros_.usable_by(actor.user->id);
}

core::Result<Macro> MacroService::usable(const Actor& actor, MacroId id) {
  if (auto staff = check_staff(actor); !staff) return staff.take_error();
  auto found = macros_.find(id);
  if (!found) return found.take_error();
  // Another agent's personal macro is "not found": its existence is nobody else's business.
  if (!*found || (!(*found)->shared() && (*found)->owner != actor.user->id)) return no_such_macro();
  return std::move(**found);
}

core::Result<Macro> MacroService::create(const Actor& actor, const MacroDraft& draft) {
  if (auto staff = check_staff(actor); !staff) return staff.take_error();
  MacroScope scope = MacroScope::kPersonal;
  if (draft.scope) {
    const auto parsed = parse_macro_scope(*draft.scope);
    if (!parsed) return core::Error::field("scope", "invalid", "One of personal, shared.");
    scope = *parsed;
  }
  if (scope == MacroScope::kShared && !manages_shared(*actor.user)) {
    return core::Error::forbidden("Only supervisors and admins create shared macros.");
  }
  auto macro = check_macro_draft(draft, MacroLimits{tickets_.settings().max_body_chars});
  if (!macro) return macro.take_error();
  if (scope == MacroScope::kPersonal) macro->owner = actor.user->id;
  auto existing = macros_.usable_by(actor.user->id);
  if (!existing) return existing.take_error();
  const auto same_scope =
      std::count_if(existing->begin(), existing->end(), [&](const Macro& m) { return m.owner == macro->owner; });
  if (static_cast<std::size_t>(same_scope) >= kMaxPerScope) {
    return core::Error::conflict("too_many_macros", "At most " + std::to_string(kMaxPerScope) + " macros.");
  }
  macro->created_at = macro->updated_at = clock_.now();
  return macros_.create(*macro);
}

core::Result<Macro> MacroService::update(const Actor& actor, MacroId id, const MacroDraft& draft) {
  auto current = usable(actor, id);
  if (!current) return current.take_error();
  if (!may_manage(*actor.user, *current))
    return core::Error::forbidden("Only supervisors and admins edit shared macros.");
  if (draft.scope &&
      parse_macro_scope(*draft.scope) != (current->shared() ? MacroScope::kShared : MacroScope::kPersonal)) {
    return core::Error::field("scope", "invalid", "A macro keeps its scope; create a new one instead.");
  }
  auto macro = check_macro_draft(draft, MacroLimits{tickets_.settings().max_body_chars});
  if (!macro) return macro.take_error();
  macro->id = current->id;
  macro->owner = current->owner;
  macro->created_at = current->created_at;
  macro->updated_at = clock_.now();
  return macros_.update(*macro);
}

core::Status MacroService::remove(const Actor& actor, MacroId id) {
  auto current = usable(actor, id);
  if (!current) return current.take_error();
  if (!may_manage(*actor.user, *current))
    return core::Error::forbidden("Only supervisors and admins delete shared macros.");
  return macros_.remove(id);
}

core::Result<MacroPreview> MacroService::preview(const Actor& actor, std::string_view number, MacroId id) {
  auto macro = usable(actor, id);
  if (!macro) return macro.take_error();
  // The ticket as the agent may see it: the same access rule as the agent's ticket page.
  auto view = tickets_.agent_view(actor, number);
  if (!view) return view.take_error();
  const Ticket& ticket = view->ticket;
  const PlaceholderValues values{ticket.customer.name, ticket.customer.email, ticket.number.str(), ticket.subject,
                                 actor.user->name};
  auto body = render_placeholders(macro->body, values);
  return MacroPreview{std::move(macro).value(), std::move(body)};
}

core::Result<ChangedTicket> MacroService::apply(const Actor& actor, std::string_view number, MacroId id) {
  auto rendered = preview(actor, number, id);
  if (!rendered) return rendered.take_error();
  const Macro& macro = rendered->macro;
  MessageSubmission reply;
  reply.body = std::move(rendered->body);
  reply.internal = macro.internal;
  if (macro.actions.status) reply.update.status = std::string(to_string(*macro.actions.status));
  if (macro.actions.priority) reply.update.priority = std::string(to_string(*macro.actions.priority));
  reply.update.add_tags = macro.actions.add_tags;
  reply.update.macro_title = macro.title;
  return tickets_.agent_reply(actor, number, reply);
}

}  // namespace gongdan::domain
