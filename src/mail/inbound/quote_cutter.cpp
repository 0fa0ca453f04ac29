#include "mail/inbound/quote_cutter.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "core/utf8.hpp"

namespace gongdan::mail {
namespace {

// Two lines joined make a wrapped attribution only when short: a long paragraph is prose.
constexpr std::size_t kMaxAttributionBytes = 300;
// Outlook puts From: first and Sent/To/Subject within the next few lines.
constexpr std::size_t kOutlookBlockLines = 5;

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::vector<std::string_view> split_lines(std::string_view body) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// The line as markers see it: QQ Mail's literal "&nbsp;", no-break and ideographic spaces read as
// spaces, Outlook's plain-text bold stars dropped, ends trimmed.
std::string normalized(std::string_view line) {
  std::string out(line);
  for (std::string_view space : {"&nbsp;", "\u00A0", "\u3000"}) {
    for (std::size_t at = out.find(space); at != std::string::npos; at = out.find(space, at))
      out.replace(at, space.size(), " ");
  }
  out.erase(std::remove(out.begin(), out.end(), '*'), out.end());
  return std::string(core::trim(out));
}

bool is_blank(std::string_view line) { return core::trim(line).empty(); }

bool is_separator(std::string_view line) {
  const std::string_view text = core::trim(line);
  return text.size() >= 5 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c == '_' || c == '-' || c == '='; });
}

bool is_signature_delimiter(std::string_view line) { return line == "-- " || line == "--"; }

bool is_original_separator(const std::string& line) {
  if (!starts_with(line, "---")) return false;
  const std::size_t first = line.find_first_not_of("- ");
  if (first == std::string::npos) return false;
  const std::size_t last = line.find_last_not_of("- ");
  const std::string inner = core::ascii_lower(line.substr(first, last - first + 1));
  return inner == "original message" || inner == "original" || inner == "原始邮件" || inner == "原始郵件";
}

bool is_attribution(const std::string& text) {
  if (starts_with(text, "On ") && ends_with(text, "wrote:")) return true;
  for (std::string_view ending : {"写道：", "写道:", "寫道：", "寫道:"}) {
    if (!ends_with(text, ending)) continue;
    // "在 2026年11月25日 … 写道：" (Apple), "张三 <a@b.cn> 于2026年11月25日周三 10:00写道：" (Gmail).
    if (starts_with(text, "在") || starts_with(text, "于") || starts_with(text, "於") ||
        text.find("于") != std::string::npos || text.find("於") != std::string::npos) {
      return true;
    }
  }
  return false;
}

bool has_label(const std::string& text, std::initializer_list<std::string_view> labels) {
  for (auto label : labels) {
    if (!starts_with(text, label)) continue;
    const std::string_view rest = std::string_view(text).substr(label.size());
    if (starts_with(core::trim(rest), ":") || starts_with(core::trim(rest), "：")) return true;
  }
  return false;
}

bool is_outlook_block(const std::vector<std::string_view>& lines, std::size_t at) {
  if (!has_label(normalized(lines[at]), {"From", "发件人", "寄件者", "發件人"})) return false;
  for (std::size_t i = at + 1; i < lines.size() && i <= at + kOutlookBlockLines; ++i) {
    if (has_label(normalized(lines[i]), {"Sent", "Date", "To", "Subject", "Cc", "发送时间", "日期", "时间", "收件人",
                                         "主题", "抄送", "寄件日期", "收件者", "主旨", "副本"})) {
      return true;
    }
  }
  return false;
}

bool is_marker(const std::vector<std::string_view>& lines, std::size_t at) {
  if (is_signature_delimiter(lines[at])) return true;
  const std::string text = normalized(lines[at]);
  if (text.empty()) return false;
  if (is_original_separator(text) || is_attribution(text) || is_outlook_block(lines, at)) return true;
  // Clients wrap long attributions: "On Tue, 25 Nov 2026 at 10:00, Zhang San <zhang@example.com>\nwrote:".
  if (at + 1 < lines.size()) {
    const std::string joined = text + " " + normalized(lines[at + 1]);
    if (joined.size() <= kMaxAttributionBytes && (starts_with(text, "On ") || text.find("写道") == std::string::npos) &&
        is_attribution(joined)) {
      return true;
    }
  }
  return false;
}

// Where a final block of "> " lines begins (only blank lines may sit among or after them).
std::size_t trailing_quote_start(const std::vector<std::string_view>& lines) {
  std::size_t start = lines.size();
  bool quoted = false;
  for (std::size_t i = lines.size(); i > 0; --i) {
    const std::string_view line = core::trim(lines[i - 1]);
    if (line.empty()) continue;
    if (line.front() != '>') break;
    quoted = true;
    start = i - 1;
  }
  return quoted ? start : lines.size();
}

std::string join_trimmed(const std::vector<std::string_view>& lines, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    out += lines[i];
    out += '\n';
  }
  return std::string(core::trim(out));
}

}  // namespace

std::string cut_quoted_history(std::string_view body) {
  const std::vector<std::string_view> lines = split_lines(body);
  std::size_t cut = trailing_quote_start(lines);
  for (std::size_t i = 0; i < cut; ++i) {
    if (is_marker(lines, i)) {
      cut = i;
      break;
    }
  }
  // Outlook draws a rule above its block: it belongs to the history, not to the reply.
  while (cut > 0 && (is_blank(lines[cut - 1]) || is_separator(lines[cut - 1]))) --cut;
  std::string kept = join_trimmed(lines, cut);
  if (kept.empty()) return std::string(core::trim(body));
  return kept;
}

}  // namespace gongdan::mail
