#include "domain/users/auth_service.hpp"

#include <vector>

#include "core/utf8.hpp"
#include "domain/validation.hpp"

namespace gongdan::domain {
namespace {

constexpr std::size_t kMaxEmailBytes = 254;  // RFC 5321 path limit
constexpr std::size_t kMinPasswordChars = 8;
constexpr std::size_t kMaxPasswordBytes = 1024;  // Argon2id cost grows with input: stops hashing abuse
constexpr std::size_t kMaxPasswordChars = 128;
constexpr std::size_t kMaxNameChars = 100;
constexpr std::size_t kTokenBytes = 32;

std::optional<core::FieldError> check_password(std::string_view password) {
  if (password.empty()) return core::FieldError{"password", "required", "Required."};
  if (!core::is_valid_utf8(password)) return core::FieldError{"password", "invalid_utf8", "Must be valid UTF-8."};
  if (password.size() > kMaxPasswordBytes || core::utf8_length(password) > kMaxPasswordChars) {
    return core::FieldError{"password", "too_long", "At most 128 characters."};
  }
  if (core::utf8_length(password) < kMinPasswordChars) {
    return core::FieldError{"password", "too_short", "At least 8 characters."};
  }
  return std::nullopt;
}

}  // namespace

std::optional<core::FieldError> check_email(std::string_view field, std::string_view email) {
  const std::string f(field);
  if (email.empty()) return core::FieldError{f, "required", "Required."};
  if (email.size() > kMaxEmailBytes) return core::FieldError{f, "too_long", "At most 254 characters."};
  if (!core::is_valid_utf8(email)) return core::FieldError{f, "invalid_utf8", "Must be valid UTF-8."};
  // Deliberately simple: one @, a non-empty local part, a dotted domain, no spaces or controls.
  const auto at = email.find('@');
  const bool shape_ok = at != std::string_view::npos && at > 0 && email.find('@', at + 1) == std::string_view::npos &&
                        email.find('.', at + 2) != std::string_view::npos && email.back() != '.' &&
                        email.find_first_of(" \t\r\n<>,;\"()[]\\") == std::string_view::npos &&
                        !core::has_control_characters(email);
  if (!shape_ok) return core::FieldError{f, "invalid", "Not an email address."};
  return std::nullopt;
}

AuthService::AuthService(UserRepository& users, const core::Crypto& crypto, const core::Clock& clock,
                         std::chrono::hours session_lifetime)
    : users_(users),
      crypto_(crypto),
      clock_(clock),
      session_lifetime_(session_lifetime),
      dummy_hash_(crypto.hash_password(crypto.random_token(16))) {}

core::Result<SignedIn> AuthService::register_customer(const Registration& registration) {
  auto user = add_user({registration.email, registration.password, registration.name, "customer", registration.locale});
  if (!user) return user.take_error();
  return start_session(std::move(user).value());
}

core::Result<User> AuthService::add_user(const UserCommand& command) {
  std::vector<core::FieldError> errors;
  const std::string email = core::ascii_lower(core::trim(command.email));
  if (auto e = check_email("email", email)) errors.push_back(*e);
  if (auto e = check_password(command.password)) errors.push_back(*e);
  if (auto e = check_text("name", command.name, kMaxNameChars)) errors.push_back(*e);
  const auto role = parse_role(command.role);
  if (!role) errors.push_back({"role", "invalid", "One of customer, agent, supervisor, admin."});
  std::optional<Locale> locale = Locale::kZhCn;
  if (command.locale) {
    locale = parse_locale(*command.locale);
    if (!locale) errors.push_back({"locale", "invalid", "One of zh-CN, en."});
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));

  NewUser user{email,   std::string(core::trim(command.name)),   *role,
               *locale, crypto_.hash_password(command.password), clock_.now()};
  auto created = users_.create(user);
  if (!created && created.error().reason == "email_taken") {
    core::Error taken = created.take_error();
    taken.fields.push_back({"email", "email_taken", "An account with this email exists; sign in instead."});
    return taken;
  }
  return created;
}

core::Result<SignedIn> AuthService::login(std::string_view email, std::string_view password) {
  const core::Error wrong{core::ErrorCode::kUnauthenticated, "invalid_credentials", "Wrong email or password.", {}};
  if (email.size() > kMaxEmailBytes || password.size() > kMaxPasswordBytes) return wrong;
  auto user = users_.find_by_email(core::ascii_lower(core::trim(email)));
  if (!user) {
    (void)crypto_.verify_password(dummy_hash_, password);  // same cost as a real check
    return wrong;
  }
  // An account without a password (never set) costs the same hash as any other: answering it at
  // once would tell such accounts apart by timing.
  const std::string& hash = user->password_hash.empty() ? dummy_hash_ : user->password_hash;
  if (!crypto_.verify_password(hash, password) || user->password_hash.empty()) return wrong;
  return start_session(std::move(*user));
}

core::Result<User> AuthService::update_profile(const Actor& actor, const ProfileUpdate& update) {
  if (!actor.user) return core::Error::unauthenticated();
  std::vector<core::FieldError> errors;
  std::string name = actor.user->name;
  Locale locale = actor.user->locale;
  if (update.name) {
    if (auto e = check_text("name", *update.name, kMaxNameChars)) errors.push_back(*e);
    name = std::string(core::trim(*update.name));
  }
  if (update.locale) {
    if (auto parsed = parse_locale(*update.locale))
      locale = *parsed;
    else
      errors.push_back({"locale", "invalid", "One of zh-CN, en."});
  }
  // Only staff are handed tickets automatically, so only they can be away.
  if (update.away && !actor.user->is_staff()) errors.push_back({"away", "invalid", "Only staff can be away."});
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  if (update.away) {
    auto changed = users_.update_access(actor.user->id, std::nullopt, *update.away);
    if (!changed) return changed.take_error();
  }
  return users_.update_profile(actor.user->id, name, locale);
}

core::Status AuthService::logout(std::string_view token) { return users_.revoke_session(crypto_.digest(token)); }

std::optional<User> AuthService::authenticate(std::string_view token) {
  if (token.empty() || token.size() > 256) return std::nullopt;
  return users_.find_session_user(crypto_.digest(token), clock_.now());
}

core::Result<SignedIn> AuthService::sign_in_verified(core::UserId id) {
  auto user = users_.find_by_id(id);
  if (!user) return core::Error::not_found("No such account.");
  if (!user->email_verified_at) {
    const auto now = clock_.now();
    if (auto marked = users_.mark_email_verified(id, now); !marked) return marked.take_error();
    user->email_verified_at = now;
  }
  return start_session(std::move(*user));
}

core::Result<SignedIn> AuthService::start_session(User user) {
  std::string token = crypto_.random_token(kTokenBytes);
  const auto now = clock_.now();
  if (auto stored = users_.create_session({crypto_.digest(token), user.id, now, now + session_lifetime_}); !stored) {
    return stored.take_error();
  }
  return SignedIn{std::move(user), std::move(token)};
}

}  // namespace gongdan::domain
