#include "domain/tickets/ticket_number.hpp"

#include <cstdio>

namespace gongdan::domain {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int kBase = 32;

// The Crockford value of an upper-case canonical symbol, or -1.
int symbol_value(char c) {
  const auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// Upper-cases and maps the look-alikes Crockford base32 allows (O→0, I/L→1); drops separators.
std::string normalise(std::string_view input) {
  std::string out;
  out.reserve(input.size());
  for (char c : input) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    out.push_back(c);
  }
  return out;
}

core::Error invalid(std::string message) {
  core::Error error = core::Error::field("number", "invalid_number", std::move(message));
  error.reason = "invalid_number";
  error.message = error.fields.front().message;
  return error;
}

}  // namespace

char TicketNumber::check_symbol(std::string_view symbols) {
  int factor = 2;
  int sum = 0;
  for (auto it = symbols.rbegin(); it != symbols.rend(); ++it) {
    int addend = factor * symbol_value(*it);
    factor = factor == 2 ? 1 : 2;
    addend = addend / kBase + addend % kBase;
    sum += addend;
  }
  return kAlphabet[static_cast<std::size_t>((kBase - sum % kBase) % kBase)];
}

TicketNumber TicketNumber::make(core::CivilDate date, const std::array<std::uint8_t, 5>& random_values) {
  std::array<char, 8> digits{};
  std::snprintf(digits.data(), digits.size(), "%02d%02u%02u", date.year % 100, date.month, date.day);
  std::string symbols(digits.data(), 6);
  for (const std::uint8_t value : random_values) symbols.push_back(kAlphabet[value % kBase]);
  const char check = check_symbol(symbols);
  return TicketNumber(symbols.substr(0, 6) + "-" + symbols.substr(6) + check);
}

core::Result<TicketNumber> TicketNumber::parse(std::string_view input) {
  if (input.size() > 64) return invalid("A ticket number has 12 symbols.");
  const std::string symbols = normalise(input);
  if (symbols.size() != 12) return invalid("A ticket number has 12 symbols, like 261125-7KQ2MX.");
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    const int value = symbol_value(symbols[i]);
    if (value < 0 || (i < 6 && value > 9)) return invalid("The ticket number contains a character it cannot have.");
  }
  const unsigned month = static_cast<unsigned>((symbols[2] - '0') * 10 + (symbols[3] - '0'));
  const unsigned day = static_cast<unsigned>((symbols[4] - '0') * 10 + (symbols[5] - '0'));
  if (month < 1 || month > 12 || day < 1 || day > 31) return invalid("The date part of the ticket number is not a date.");
  if (check_symbol(std::string_view(symbols).substr(0, 11)) != symbols[11]) {
    return invalid("The ticket number has a typo: its check symbol does not match.");
  }
  return TicketNumber(symbols.substr(0, 6) + "-" + symbols.substr(6));
}

}  // namespace gongdan::domain
