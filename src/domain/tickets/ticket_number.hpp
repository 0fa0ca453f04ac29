#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"

namespace gongdan::domain {

/// A ticket's public number, `YYMMDD-XXXXXC`: the creation date, five random Crockford base32
/// symbols and a Luhn mod 32 check symbol over the eleven before it, so that a typo is caught
/// before any lookup.
class TicketNumber {
 public:
  /// Builds a number from a date and five random symbol values (each 0..31).
  static TicketNumber make(core::CivilDate date, const std::array<std::uint8_t, 5>& random_values);

  /// What a default Ticket holds before it is numbered: make() of the default date (1970-01-01)
  /// and zero symbols, made once (a Ticket is made for every row read, twenty times a page).
  static const TicketNumber& unset();

  /// Reads user input: case-insensitive, spaces and dashes ignored, O as 0, I and L as 1.
  /// Error kInvalid with reason `invalid_number` when malformed or when the check symbol fails.
  static core::Result<TicketNumber> parse(std::string_view input);

  /// The canonical form, `YYMMDD-XXXXXC`.
  const std::string& str() const { return text_; }
  auto operator<=>(const TicketNumber&) const = default;

  /// The Luhn mod N (N = 32) check symbol over Crockford base32 symbols.
  static char check_symbol(std::string_view symbols);

 private:
  explicit TicketNumber(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

}  // namespace gongdan::domain
