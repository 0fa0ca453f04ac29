#pragma once

#include <optional>
#include <string>

#include "core/ids.hpp"
#include "domain/users/user.hpp"

namespace gongdan::domain {

/// What a secure mail link grants: acting on one ticket as its customer, and nothing else.
struct TicketGrant {
  core::TicketId ticket_id;
  std::string email;  // the address the link was mailed to
};

/// Who is asking: a signed-in user, the holder of a ticket link, or an anonymous visitor (a
/// signed-in user may hold a link too). Passed to every use case.
struct Actor {
  std::optional<User> user;
  std::optional<TicketGrant> grant;

  bool signed_in() const { return user.has_value(); }
  bool is_staff() const { return user && user->is_staff(); }
  bool is_customer() const { return user && user->role == Role::kCustomer; }
  static Actor anonymous() { return {}; }
};

}  // namespace gongdan::domain
