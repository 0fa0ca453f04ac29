#pragma once

#include <string>
#include <string_view>

namespace gongdan::storage::postgres {

/// SQL written with `?` placeholders (the form every engine's repositories use) in PostgreSQL's
/// `$1, $2, ...` form, and how many parameters it takes.
struct RewrittenSql {
  std::string text;
  int parameters = 0;
};

/// Replaces each `?` that PostgreSQL would read as a token with `$n`, numbered left to right. A
/// `?` inside a string literal ('...', E'...' with backslash escapes, $tag$...$tag$), a quoted
/// identifier ("...") or a comment (-- to the end of the line, nested /* */) is left alone.
/// PostgreSQL's own `?`-operators (jsonb `?`, `?|`, `?&`) cannot be written; use the functions
/// behind them (jsonb_exists, ...) instead.
RewrittenSql rewrite_placeholders(std::string_view sql);

}  // namespace gongdan::storage::postgres
