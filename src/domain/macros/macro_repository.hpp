#pragma once

#include <optional>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/macros/macro.hpp"

namespace gongdan::domain {

/// Where macros live. Lists are ordered by title (then id), as the picker shows them.
class MacroRepository {
 public:
  virtual ~MacroRepository() = default;

  /// The shared macros and `user`'s own, never another user's personal ones.
  virtual core::Result<std::vector<Macro>> usable_by(core::UserId user) = 0;
  virtual core::Result<std::optional<Macro>> find(MacroId id) = 0;
  /// Stores a new macro (id and times as given are ignored for the id) and returns it with its id.
  virtual core::Result<Macro> create(const Macro& macro) = 0;
  /// Replaces title, body, internal, actions and updated_at. Error kNotFound when it is gone.
  virtual core::Result<Macro> update(const Macro& macro) = 0;
  /// Error kNotFound when it is gone.
  virtual core::Status remove(MacroId id) = 0;
};

}  // namespace gongdan::domain
