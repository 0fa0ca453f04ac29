#pragma once

// An in-memory RuleRepository for the rule and ticket use-case tests.

#include <algorithm>

#include "domain/rules/rule_repository.hpp"

namespace gongdan::domain::testing {

class InMemoryRules final : public RuleRepository {
 public:
  std::vector<Rule> list() override {
    auto out = rules_;
    std::stable_sort(out.begin(), out.end(), [](const Rule& a, const Rule& b) {
      return a.position != b.position ? a.position < b.position : a.id < b.id;
    });
    return out;
  }
  core::Result<Rule> create(const Rule& rule, const RuleSetCheck& check) override {
    Rule stored = rule;
    stored.id = core::RuleId{next_++};
    stored.position = 0;
    for (const auto& r : rules_) stored.position = std::max(stored.position, r.position + 1);
    auto after = rules_;
    after.push_back(stored);
    if (auto ok = check(after); !ok) return ok.take_error();
    rules_ = std::move(after);
    return stored;
  }
  core::Result<Rule> update(const Rule& rule, const RuleSetCheck& check) override {
    auto after = rules_;
    const auto it = std::find_if(after.begin(), after.end(), [&](const Rule& r) { return r.id == rule.id; });
    if (it == after.end()) return core::Error::not_found("No such rule.");
    const int position = it->position;
    *it = rule;
    it->position = position;
    Rule stored = *it;
    if (auto ok = check(after); !ok) return ok.take_error();
    rules_ = std::move(after);
    return stored;
  }
  core::Status remove(core::RuleId id) override {
    const auto removed = std::erase_if(rules_, [id](const Rule& r) { return r.id == id; });
    if (removed == 0) return core::Error::not_found("No such rule.");
    return core::ok_status();
  }
  core::Status reorder(const std::vector<core::RuleId>& ids) override {
    auto sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    std::vector<core::RuleId> existing;
    for (const auto& r : rules_) existing.push_back(r.id);
    std::sort(existing.begin(), existing.end());
    if (sorted != existing) return core::Error::field("ids", "invalid", "Name every rule once.");
    for (auto& r : rules_) {
      r.position = static_cast<int>(std::find(ids.begin(), ids.end(), r.id) - ids.begin());
    }
    return core::ok_status();
  }

 private:
  std::vector<Rule> rules_;
  std::int64_t next_ = 1;
};

}  // namespace gongdan::domain::testing
