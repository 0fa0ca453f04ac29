#pragma once

#include <optional>

#include "domain/users/user.hpp"

namespace gongdan::domain {

/// Who is asking: a signed-in user or an anonymous visitor. Passed to every use case.
struct Actor {
  std::optional<User> user;

  bool signed_in() const { return user.has_value(); }
  bool is_staff() const { return user && user->is_staff(); }
  bool is_customer() const { return user && user->role == Role::kCustomer; }
  static Actor anonymous() { return {}; }
};

}  // namespace gongdan::domain
