#include "storage/postgres/placeholders.hpp"

namespace gongdan::storage::postgres {
namespace {

bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool tag_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// The end (one past) of a quoted run that starts at `begin` with `quote`, where a doubled quote
// stands for itself and, when `backslashes`, a backslash escapes the next byte. An unterminated
// run ends the text: the server will reject it, and nothing in it is a placeholder.
std::size_t skip_quoted(std::string_view sql, std::size_t begin, char quote, bool backslashes) {
  std::size_t i = begin + 1;
  while (i < sql.size()) {
    const char c = sql[i];
    if (backslashes && c == '\\') {
      i += 2;
    } else if (c == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        i += 2;
      } else {
        return i + 1;
      }
    } else {
      ++i;
    }
  }
  return sql.size();
}

// The end of a dollar-quoted string starting at `begin` (a `$`), or npos when no dollar quote
// starts there ($1 is a parameter, and a `$` inside a name is part of the name).
std::size_t skip_dollar_quoted(std::string_view sql, std::size_t begin) {
  std::size_t i = begin + 1;
  if (i < sql.size() && sql[i] != '$') {
    if (!tag_start(sql[i])) return std::string_view::npos;
    while (i < sql.size() && identifier_char(sql[i]) && sql[i] != '$') ++i;
    if (i >= sql.size() || sql[i] != '$') return std::string_view::npos;
  }
  const std::string_view tag = sql.substr(begin, i + 1 - begin);
  const std::size_t end = sql.find(tag, i + 1);
  return end == std::string_view::npos ? sql.size() : end + tag.size();
}

std::size_t skip_block_comment(std::string_view sql, std::size_t begin) {
  int depth = 0;
  std::size_t i = begin;
  while (i < sql.size()) {
    if (sql.compare(i, 2, "/*") == 0) {
      ++depth;
      i += 2;
    } else if (sql.compare(i, 2, "*/") == 0) {
      i += 2;
      if (--depth == 0) return i;
    } else {
      ++i;
    }
  }
  return sql.size();
}

}  // namespace

RewrittenSql rewrite_placeholders(std::string_view sql) {
  RewrittenSql out;
  out.text.reserve(sql.size() + 16);
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    const bool after_word = i > 0 && identifier_char(sql[i - 1]);
    std::size_t end = std::string_view::npos;
    if (c == '\'') {
      // E'...' (and e'...') take backslash escapes; a plain '...' does not (standard_conforming_strings).
      const bool escaped = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && !(i > 1 && identifier_char(sql[i - 2]));
      end = skip_quoted(sql, i, '\'', escaped);
    } else if (c == '"') {
      end = skip_quoted(sql, i, '"', false);
    } else if (c == '$' && !after_word) {
      end = skip_dollar_quoted(sql, i);
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      end = sql.find('\n', i);
      if (end == std::string_view::npos) end = sql.size();
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      end = skip_block_comment(sql, i);
    } else if (c == '?') {
      out.text += '$';
      out.text += std::to_string(++out.parameters);
      ++i;
      continue;
    }
    if (end == std::string_view::npos) {
      out.text += c;
      ++i;
    } else {
      out.text.append(sql.substr(i, end - i));
      i = end;
    }
  }
  return out;
}

}  // namespace gongdan::storage::postgres
