// Frames of /api/v1/ws come from any signed-in agent's socket: the parser must never crash or
// throw, and whatever it accepts names a valid ticket number.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/tickets/ticket_number.hpp"
#include "http/realtime/live_protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto message = gongdan::http::parse_client_message(text);
  if (message && message->kind != gongdan::http::ClientMessage::Kind::kUnwatch &&
      !gongdan::domain::TicketNumber::parse(message->number)) {
    std::abort();
  }
  return 0;
}
