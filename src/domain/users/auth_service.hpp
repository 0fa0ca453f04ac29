#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "domain/users/actor.hpp"
#include "domain/users/user.hpp"
#include "domain/users/user_repository.hpp"

namespace gongdan::domain {

/// What a visitor sends to create an account.
struct Registration {
  std::string email;
  std::string password;
  std::string name;
  std::optional<std::string> locale;
};

/// An account created by an operator (`gongdan user add`), any role.
struct UserCommand {
  std::string email;
  std::string password;
  std::string name;
  std::string role;
  std::optional<std::string> locale;
};

/// What a signed-in user may change about themselves; absent fields stay as they are.
struct ProfileUpdate {
  std::optional<std::string> name;
  std::optional<std::string> locale;
  std::optional<bool> away;  // staff only
};

/// A user with a fresh session token (shown once; only its digest is stored).
struct SignedIn {
  User user;
  std::string token;
};

/// Sign-up, sign-in, sign-out and "who is this token": the account use cases.
class AuthService {
 public:
  AuthService(UserRepository& users, const core::Crypto& crypto, const core::Clock& clock,
              std::chrono::hours session_lifetime = std::chrono::hours{24 * 30});

  /// Creates a customer account and signs it in. Errors: validation, `email_taken` conflict.
  core::Result<SignedIn> register_customer(const Registration& registration);
  /// Creates an account with any role, for operators.
  core::Result<User> add_user(const UserCommand& command);
  /// Error kUnauthenticated with reason `invalid_credentials` for a wrong email or password,
  /// after the same amount of work either way so that timing does not tell which.
  core::Result<SignedIn> login(std::string_view email, std::string_view password);
  core::Status logout(std::string_view token);
  /// Changes the signed-in user's name and/or language (mail and pages follow the language).
  core::Result<User> update_profile(const Actor& actor, const ProfileUpdate& update);
  /// Signs in an account whose owner has just proved control of its address (a mailed link), and
  /// records the address as verified. Error kNotFound when the account is gone.
  core::Result<SignedIn> sign_in_verified(core::UserId id);
  /// The user a live session token belongs to.
  std::optional<User> authenticate(std::string_view token);

 private:
  core::Result<SignedIn> start_session(User user);

  UserRepository& users_;
  const core::Crypto& crypto_;
  const core::Clock& clock_;
  std::chrono::hours session_lifetime_;
  std::string dummy_hash_;  // verified against when the email is unknown, to even out timing
};

/// Field checks shared by every use case that takes an email address.
std::optional<core::FieldError> check_email(std::string_view field, std::string_view email);

}  // namespace gongdan::domain
