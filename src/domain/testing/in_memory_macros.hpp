#pragma once

#include <algorithm>
#include <map>

#include "domain/macros/macro_repository.hpp"

namespace gongdan::domain::testing {

/// MacroRepository in memory, ordered like the real one (title, then id).
class InMemoryMacros final : public MacroRepository {
 public:
  core::Result<std::vector<Macro>> usable_by(core::UserId user) override {
    std::vector<Macro> out;
    for (const auto& [id, macro] : macros_) {
      if (macro.shared() || macro.owner == user) out.push_back(macro);
    }
    std::stable_sort(out.begin(), out.end(), [](const Macro& a, const Macro& b) { return a.title < b.title; });
    return out;
  }
  core::Result<std::optional<Macro>> find(MacroId id) override {
    const auto it = macros_.find(id.value);
    return it == macros_.end() ? std::optional<Macro>{} : std::optional<Macro>{it->second};
  }
  core::Result<Macro> create(const Macro& macro) override {
    Macro stored = macro;
    stored.id = MacroId{next_++};
    macros_[stored.id.value] = stored;
    return stored;
  }
  core::Result<Macro> update(const Macro& macro) override {
    const auto it = macros_.find(macro.id.value);
    if (it == macros_.end()) return core::Error::not_found("No such macro.");
    it->second = macro;
    return macro;
  }
  core::Status remove(MacroId id) override {
    if (macros_.erase(id.value) == 0) return core::Error::not_found("No such macro.");
    return core::ok_status();
  }
  std::size_t size() const { return macros_.size(); }

 private:
  std::map<std::int64_t, Macro> macros_;
  std::int64_t next_ = 1;
};

}  // namespace gongdan::domain::testing
