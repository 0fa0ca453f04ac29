#pragma once

#include <string>
#include <string_view>

namespace gongdan::mail {

/// The new text of a reply: everything above the first quoted-history marker ("On … wrote:",
/// "在/于 … 写道：", Outlook "From:/发件人:" blocks, "-----Original Message-----", "原始邮件"
/// separators, a trailing block of "> " lines, the "-- " signature delimiter), trailing blank
/// lines trimmed. When nothing is left above the marker (top-quoting with no new text), the whole
/// body, trimmed.
std::string cut_quoted_history(std::string_view body);

}  // namespace gongdan::mail
