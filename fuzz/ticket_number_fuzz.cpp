// Ticket numbers are typed by people and attackers alike: parsing must never crash, and every
// number it accepts must be canonical and parse back to itself.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/tickets/ticket_number.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto parsed = gongdan::domain::TicketNumber::parse(input);
  if (parsed) {
    const auto again = gongdan::domain::TicketNumber::parse(parsed->str());
    if (!again || again->str() != parsed->str() || parsed->str().size() != 13) std::abort();
  }
  return 0;
}
