#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/macros/macro.hpp"
#include "domain/macros/macro_repository.hpp"
#include "domain/tickets/ticket_service.hpp"
#include "domain/users/actor.hpp"

namespace gongdan::domain {

/// A macro with what it would do on one ticket: the reply with its placeholders filled in.
struct MacroPreview {
  Macro macro;
  std::string body;
};

/// Canned replies (docs/workspace.md, "Macros"). Every staff member uses the shared macros and
/// their own; agents manage their personal macros, supervisors and admins also the shared ones.
/// Another user's personal macro does not exist for anyone else (not found); customers reach
/// nothing here (forbidden).
class MacroService {
 public:
  /// Replies are posted through `tickets`, so a macro follows every rule of an agent's reply.
  MacroService(MacroRepository& macros, TicketService& tickets, const core::Clock& clock);

  /// At most this many macros per owner and this many shared ones: a list nobody can scroll.
  static constexpr std::size_t kMaxPerScope = 200;

  /// The macros the actor may use, by title.
  core::Result<std::vector<Macro>> list(const Actor& actor);
  core::Result<Macro> create(const Actor& actor, const MacroDraft& draft);
  /// Replaces everything but the scope (`draft.scope`, when given, must be the macro's).
  core::Result<Macro> update(const Actor& actor, MacroId id, const MacroDraft& draft);
  core::Status remove(const Actor& actor, MacroId id);

  /// The reply the macro would post on the ticket, for editing before sending.
  core::Result<MacroPreview> preview(const Actor& actor, std::string_view number, MacroId id);
  /// Posts the rendered reply and applies the macro's status and priority in one transaction,
  /// recording a macro_applied event; a closed ticket refuses it all (invalid_transition).
  core::Result<ChangedTicket> apply(const Actor& actor, std::string_view number, MacroId id);

  /// Whether `user` may change or delete `macro` (using it is another matter: see list()).
  static bool may_manage(const User& user, const Macro& macro);

 private:
  core::Status check_staff(const Actor& actor) const;
  /// The macro when the actor may use it: shared, or their own.
  core::Result<Macro> usable(const Actor& actor, MacroId id);

  MacroRepository& macros_;
  TicketService& tickets_;
  const core::Clock& clock_;
};

}  // namespace gongdan::domain
