#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/text_hash.hpp"

namespace gongdan::storage::sql {

/// What an engine implements for one prepared statement. Repositories never see it: they use
/// Statement, whose surface is the same as sqlite::Statement's.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void bind_int64(int index, std::int64_t value) = 0;
  virtual void bind_text(int index, std::string_view value) = 0;
  virtual void bind_null(int index) = 0;
  virtual bool step() = 0;
  /// Ends any read in progress and clears the binds.
  virtual void reset() noexcept = 0;
  virtual std::int64_t column_int64(int column) const = 0;
  virtual std::string column_text(int column) const = 0;
  virtual bool column_is_null(int column) const = 0;
};

/// One prepared statement on any engine: typed binds (1-based, like `?` in SQL) and typed
/// columns (0-based). A NULL column reads as 0 or "" (use the optional_ readers to tell).
/// Throws DatabaseError on failure.
///   auto st = db.prepare("SELECT name FROM users WHERE id = ?");
///   st.bind(1, id);
///   if (st.step()) name = st.text(0);
class Statement {
 public:
  /// A statement owning its backend.
  explicit Statement(std::unique_ptr<StatementBackend> backend) : owned_(std::move(backend)), backend_(owned_.get()) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() = default;

  Statement& bind(int index, std::int64_t value) {
    backend_->bind_int64(index, value);
    return *this;
  }
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  /// The text is copied, so temporaries are safe.
  Statement& bind(int index, std::string_view value) {
    backend_->bind_text(index, value);
    return *this;
  }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, std::nullopt_t) {
    backend_->bind_null(index);
    return *this;
  }
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }
  /// Binds every argument in order, starting at parameter 1.
  template <typename... Args>
  Statement& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  /// Advances to the next row: true when there is one, false when done.
  bool step() { return backend_->step(); }
  /// Runs a statement that returns no rows (or ignores them) to completion.
  void run() {
    while (step()) {
    }
  }
  /// Makes the statement ready for new binds and ends any read it holds open.
  void reset() noexcept { backend_->reset(); }

  std::int64_t int64(int column) const { return backend_->column_int64(column); }
  int int32(int column) const { return static_cast<int>(int64(column)); }
  bool boolean(int column) const { return int64(column) != 0; }
  std::string text(int column) const { return backend_->column_text(column); }
  bool is_null(int column) const { return backend_->column_is_null(column); }
  std::optional<std::int64_t> optional_int64(int column) const;
  std::optional<std::string> optional_text(int column) const;

 private:
  friend class CachedStatement;
  struct Borrowed {};
  Statement(Borrowed, StatementBackend* backend) : backend_(backend) {}

  std::unique_ptr<StatementBackend> owned_;  // empty when borrowed from a cache
  StatementBackend* backend_ = nullptr;
};

/// A statement borrowed from a connection's cache; reset (binds cleared, read ended) when it goes.
class CachedStatement {
 public:
  /// The cached copy, marked in use until this goes.
  CachedStatement(StatementBackend* cached, bool* in_use)
      : statement_(Statement::Borrowed{}, cached), in_use_(in_use) {}
  /// A private copy, for the same text borrowed twice at once (a nested query).
  explicit CachedStatement(std::unique_ptr<StatementBackend> own) : statement_(std::move(own)) {}
  CachedStatement(CachedStatement&& other) noexcept;
  CachedStatement& operator=(CachedStatement&&) = delete;
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  ~CachedStatement();

  Statement& operator*() { return statement_; }
  Statement* operator->() { return &statement_; }

 private:
  Statement statement_;
  bool* in_use_ = nullptr;
};

/// The per-connection cache engines keep behind Connection::cached(): one backend per SQL text,
/// prepared on first use, at most kMaxStatements texts (as sqlite::Connection).
class StatementCache {
 public:
  /// Beyond this many texts, new ones run uncached: the set of list queries grows with their filters.
  static constexpr std::size_t kMaxStatements = 256;

  /// Makes a backend for the text; `keep` is true when the cache keeps it (an engine may then
  /// prepare it on the server), false for a one-off (a nested borrow, or past the bound).
  using Factory = std::function<std::unique_ptr<StatementBackend>(bool keep)>;

  /// The cached backend of `sql` (made by `make(true)` the first time), or a one-off from
  /// `make(false)` when the cached one is borrowed already or the cache is full.
  CachedStatement borrow(std::string_view sql, const Factory& make);
  /// Drops every statement; none may be borrowed.
  void clear() { entries_.clear(); }
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::unique_ptr<StatementBackend> statement;
    bool in_use = false;
  };
  core::TextMap<Entry> entries_;  // searched by string_view: no string built for a cached text
};

}  // namespace gongdan::storage::sql
