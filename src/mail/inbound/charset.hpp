#pragma once

#include <string>
#include <string_view>

namespace gongdan::mail {

/// Converts text in a declared MIME charset to UTF-8. Chinese labels are widened to the charset
/// real mail needs (gb2312/gbk → GB18030, big5 → Big5-HKSCS); bytes that are not valid UTF-8 under
/// an absent, ASCII or UTF-8 label are read as GB18030; undecodable bytes become U+FFFD; NUL
/// bytes are dropped.
std::string to_utf8(std::string_view bytes, std::string_view charset);

}  // namespace gongdan::mail
