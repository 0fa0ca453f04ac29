#include "domain/tickets/ticket_number.hpp"

#include <gtest/gtest.h>

#include "domain/tickets/ticket.hpp"

namespace gongdan::domain {
namespace {

TEST(TicketNumber, FormatsDateRandomAndCheckSymbol) {
  const auto number = TicketNumber::make({2026, 11, 25}, {7, 20, 2, 19, 29});
  EXPECT_EQ(number.str().substr(0, 12), "261125-7M2KX");
  EXPECT_EQ(number.str().size(), 13U);
  EXPECT_TRUE(TicketNumber::parse(number.str()));
}

TEST(TicketNumber, FormatsEveryDatePartWithTwoDigits) {
  EXPECT_EQ(TicketNumber::make({2009, 1, 5}, {0, 0, 0, 0, 1}).str().substr(0, 12), "090105-00001");
  EXPECT_EQ(TicketNumber::make({2130, 12, 31}, {31, 31, 31, 31, 31}).str().substr(0, 12), "301231-ZZZZZ");
}

TEST(TicketNumber, UnsetIsWhatADefaultTicketHolds) {
  // A number of 1970-01-01: no ticket stored since has it.
  EXPECT_EQ(TicketNumber::unset().str(), TicketNumber::make({}, {}).str());
  EXPECT_EQ(TicketNumber::unset().str().substr(0, 12), "700101-00000");
  EXPECT_EQ(Ticket{}.number, TicketNumber::unset());
}

TEST(TicketNumber, ParsesWhatItMakes) {
  for (unsigned day = 1; day <= 31; day += 3) {
    const auto made = TicketNumber::make({2026, 12, day}, {1, 2, 3, 4, static_cast<std::uint8_t>(day)});
    const auto parsed = TicketNumber::parse(made.str());
    ASSERT_TRUE(parsed) << made.str();
    EXPECT_EQ(*parsed, made);
  }
}

TEST(TicketNumber, CheckSymbolIsLuhnModThirtyTwo) {
  // Worked by hand: symbols 2,6,1,1,2,5,0,0,0,0,1 from the right with factors 2,1,2,...
  // 1*2=2; 0; 0; 0; 0*2=0 ... gives sum 2+0+0+0+0+5+4+1+2+6+4 = 24 → check (32-24)%32 = 8.
  EXPECT_EQ(TicketNumber::check_symbol("26112500001"), '8');
  EXPECT_EQ(TicketNumber::check_symbol("00000000000"), '0');
}

TEST(TicketNumber, EveryTypoOfOneSymbolIsCaught) {
  const auto number = TicketNumber::make({2026, 1, 2}, {31, 0, 17, 9, 4});
  const std::string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string text = number.str();
  for (std::size_t i = 7; i < text.size(); ++i) {
    for (const char c : alphabet) {
      if (c == number.str()[i]) continue;
      text[i] = c;
      EXPECT_FALSE(TicketNumber::parse(text)) << text;
      text[i] = number.str()[i];
    }
  }
}

TEST(TicketNumber, AdjacentSwapsAreCaught) {
  const auto number = TicketNumber::make({2026, 3, 14}, {1, 22, 5, 30, 12});
  std::string text = number.str();
  std::swap(text[8], text[9]);
  if (text != number.str()) {
    EXPECT_FALSE(TicketNumber::parse(text));
  }
}

TEST(TicketNumber, ReadsHumanSpellings) {
  const auto number = TicketNumber::make({2026, 11, 25}, {0, 1, 2, 3, 4});
  std::string lower = number.str();
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(TicketNumber::parse(lower)->str(), number.str());
  std::string spaced = number.str().substr(0, 6) + " " + number.str().substr(7, 3) + " " + number.str().substr(10);
  EXPECT_EQ(TicketNumber::parse(spaced)->str(), number.str());
  std::string look_alikes = number.str();
  look_alikes[7] = 'O';  // 0
  look_alikes[8] = 'l';  // 1
  EXPECT_EQ(TicketNumber::parse(look_alikes)->str(), number.str());
}

TEST(TicketNumber, RejectsMalformedInput) {
  for (const char* bad :
       {"", "261125", "261125-7KQ2MX9", "26112A-7KQ2MX", "261325-00000X", "261125-7KQ2U0", "一二三"}) {
    const auto parsed = TicketNumber::parse(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().reason, "invalid_number");
    EXPECT_EQ(parsed.error().fields.at(0).field, "number");
  }
}

}  // namespace
}  // namespace gongdan::domain
