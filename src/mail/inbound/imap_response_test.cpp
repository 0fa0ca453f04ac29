#include "mail/inbound/imap_response.hpp"

#include <gtest/gtest.h>

namespace gongdan::mail {
namespace {

using Uids = std::vector<std::uint32_t>;

TEST(ImapResponse, SearchLinesListUids) {
  EXPECT_EQ(parse_search_response("* SEARCH 1 2 40000\r\n"), (Uids{1, 2, 40000}));
  EXPECT_EQ(parse_search_response("* search 7\r\n* SEARCH 9 10\r\n"), (Uids{7, 9, 10}));
  EXPECT_EQ(parse_search_response("* SEARCH\r\n"), Uids{});
  EXPECT_EQ(parse_search_response(""), Uids{});
}

TEST(ImapResponse, OtherLinesAndNonNumbersAreIgnored) {
  EXPECT_EQ(parse_search_response("* OK still here\r\n* SEARCH 3 (MODSEQ 917162500)\r\nA003 OK done\r\n"), (Uids{3}));
  EXPECT_EQ(parse_search_response("* SEARCH 0 -1 4294967296 5x 6\n"), (Uids{6}));
  EXPECT_EQ(parse_search_response("* 12 EXISTS\r\n"), Uids{});
}

}  // namespace
}  // namespace gongdan::mail
