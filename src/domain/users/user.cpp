#include "domain/users/user.hpp"

namespace gongdan::domain {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::kCustomer: return "customer";
    case Role::kAgent: return "agent";
    case Role::kSupervisor: return "supervisor";
    case Role::kAdmin: return "admin";
  }
  return "customer";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "customer") return Role::kCustomer;
  if (text == "agent") return Role::kAgent;
  if (text == "supervisor") return Role::kSupervisor;
  if (text == "admin") return Role::kAdmin;
  return std::nullopt;
}

std::string_view to_string(Locale locale) { return locale == Locale::kEn ? "en" : "zh-CN"; }

std::optional<Locale> parse_locale(std::string_view text) {
  if (text == "zh-CN" || text == "zh-cn" || text == "zh") return Locale::kZhCn;
  if (text == "en" || text == "en-US" || text == "en-GB") return Locale::kEn;
  return std::nullopt;
}

}  // namespace gongdan::domain
