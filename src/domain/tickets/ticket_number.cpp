#include "domain/tickets/ticket_number.hpp"

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
// Returns how many symbols `input` has; `out` receives the first out.size() of them. No heap
// memory: every ticket read from the database is parsed, a page of a list twenty times.
std::size_t normalise(std::string_view input, std::array<char, 12>& out) {
  std::size_t count = 0;
  for (char c : input) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (count < out.size()) out[count] = c;
    ++count;
  }
  return count;
}

// `YYMMDD-XXXXXC` of twelve symbols (fits std::string's in-place buffer: no heap memory).
std::string canonical(std::string_view symbols) {
  std::string text;
  text.reserve(13);
  text.append(symbols.substr(0, 6));
  text.push_back('-');
  text.append(symbols.substr(6));
  return text;
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
  std::array<char, 12> symbols{};
  const auto two_digits = [&](std::size_t at, unsigned value) {
    symbols[at] = static_cast<char>('0' + value / 10 % 10);
    symbols[at + 1] = static_cast<char>('0' + value % 10);
  };
  two_digits(0, static_cast<unsigned>(date.year % 100));
  two_digits(2, date.month);
  two_digits(4, date.day);
  for (std::size_t i = 0; i < random_values.size(); ++i) symbols[6 + i] = kAlphabet[random_values[i] % kBase];
  symbols[11] = check_symbol(std::string_view(symbols.data(), 11));
  return TicketNumber(canonical(std::string_view(symbols.data(), symbols.size())));
}

const TicketNumber& TicketNumber::unset() {
  static const TicketNumber none = make({}, {});
  return none;
}

core::Result<TicketNumber> TicketNumber::parse(std::string_view input) {
  if (input.size() > 64) return invalid("A ticket number has 12 symbols.");
  std::array<char, 12> normalised{};
  if (normalise(input, normalised) != normalised.size()) {
    return invalid("A ticket number has 12 symbols, like 261125-7KQ2MX.");
  }
  const std::string_view symbols(normalised.data(), normalised.size());
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    const int value = symbol_value(symbols[i]);
    if (value < 0 || (i < 6 && value > 9)) return invalid("The ticket number contains a character it cannot have.");
  }
  const unsigned month = static_cast<unsigned>((symbols[2] - '0') * 10 + (symbols[3] - '0'));
  const unsigned day = static_cast<unsigned>((symbols[4] - '0') * 10 + (symbols[5] - '0'));
  if (month < 1 || month > 12 || day < 1 || day > 31)
    return invalid("The date part of the ticket number is not a date.");
  if (check_symbol(std::string_view(symbols).substr(0, 11)) != symbols[11]) {
    return invalid("The ticket number has a typo: its check symbol does not match.");
  }
  return TicketNumber(canonical(symbols));
}

}  // namespace gongdan::domain
