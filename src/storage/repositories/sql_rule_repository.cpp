#include "storage/repositories/sql_rule_repository.hpp"

#include <algorithm>

namespace gongdan::storage {
namespace {

using sql::Connection;

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < text.size();) {
    const auto end = std::min(text.find(separator, start), text.size());
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

template <typename T, typename Name>
std::string join(const std::vector<T>& items, char separator, Name name) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += name(item);
  }
  return out;
}

// Values a newer program wrote that this one does not know are skipped, not guessed.
template <typename T, typename Parse>
std::vector<T> parse_all(const std::string& text, Parse parse) {
  std::vector<T> out;
  for (const auto& item : split(text, ',')) {
    if (const auto value = parse(item)) out.push_back(*value);
  }
  return out;
}

constexpr std::string_view kSelectRule =
    "SELECT r.id, r.name, r.active, r.position, r.event, r.cond_categories, r.cond_keywords, r.cond_channels, "
    "r.cond_customers, r.cond_priorities, r.cond_statuses, r.set_priority, r.set_group_id, COALESCE(g.name, ''), "
    "r.set_assignee_id, COALESCE(u.name, ''), r.add_tags, r.internal_note, r.reply "
    "FROM rules r LEFT JOIN agent_groups g ON g.id = r.set_group_id LEFT JOIN users u ON u.id = r.set_assignee_id ";

domain::Rule read_rule(const sql::Statement& row) {
  domain::Rule rule;
  rule.id = core::RuleId{row.int64(0)};
  rule.name = row.text(1);
  rule.active = row.boolean(2);
  rule.position = static_cast<int>(row.int64(3));
  rule.trigger = domain::parse_rule_trigger(row.text(4)).value_or(domain::RuleTrigger::kCreated);
  auto& c = rule.conditions;
  for (const auto& id : split(row.text(5), ',')) c.categories.push_back(core::CategoryId{std::stoll(id)});
  c.keywords = split(row.text(6), '\n');
  c.channels = parse_all<domain::Channel>(row.text(7), domain::parse_channel);
  c.customers = split(row.text(8), ',');
  c.priorities = parse_all<domain::Priority>(row.text(9), domain::parse_priority);
  c.statuses = parse_all<domain::Status>(row.text(10), domain::parse_status);
  auto& a = rule.actions;
  if (const auto priority = row.optional_text(11)) a.priority = domain::parse_priority(*priority);
  if (const auto group = row.optional_int64(12)) a.group_id = core::GroupId{*group};
  a.group_name = row.text(13);
  if (const auto user = row.optional_int64(14)) a.assignee_id = core::UserId{*user};
  a.assignee_name = row.text(15);
  a.add_tags = split(row.text(16), ',');
  a.internal_note = row.text(17);
  a.reply = row.text(18);
  return rule;
}

std::vector<domain::Rule> load_rules(Connection& db) {
  auto query = db.cached(std::string(kSelectRule) + "ORDER BY r.position, r.id");
  std::vector<domain::Rule> rules;
  while (query->step()) rules.push_back(read_rule(*query));
  return rules;
}

template <typename E>
std::string names(const std::vector<E>& values) {
  return join(values, ',', [](E value) { return std::string(domain::to_string(value)); });
}

// Binds the rule's columns in the order of the INSERT and UPDATE statements below.
void bind_rule(sql::Statement& statement, const domain::Rule& rule) {
  const auto& c = rule.conditions;
  const auto& a = rule.actions;
  std::optional<std::string> priority;
  if (a.priority) priority = std::string(domain::to_string(*a.priority));
  std::optional<std::int64_t> group;
  if (a.group_id) group = a.group_id->value;
  std::optional<std::int64_t> assignee;
  if (a.assignee_id) assignee = a.assignee_id->value;
  statement.bind_all(rule.name, rule.active, std::string(domain::to_string(rule.trigger)),
                     join(c.categories, ',', [](core::CategoryId id) { return std::to_string(id.value); }),
                     join(c.keywords, '\n', [](const std::string& k) { return k; }), names(c.channels),
                     join(c.customers, ',', [](const std::string& k) { return k; }), names(c.priorities),
                     names(c.statuses), priority, group, assignee,
                     join(a.add_tags, ',', [](const std::string& t) { return t; }), a.internal_note, a.reply);
}

std::optional<domain::Rule> load_rule(Connection& db, core::RuleId id) {
  auto query = db.cached(std::string(kSelectRule) + "WHERE r.id = ?");
  if (!query->bind(1, id.value).step()) return std::nullopt;
  return read_rule(*query);
}

constexpr std::string_view kColumns =
    "name, active, event, cond_categories, cond_keywords, cond_channels, cond_customers, cond_priorities, "
    "cond_statuses, set_priority, set_group_id, set_assignee_id, add_tags, internal_note, reply";

}  // namespace

std::vector<domain::Rule> SqlRuleRepository::list() {
  auto found = store_.read([](Connection& db) { return load_rules(db); });
  return found.ok() ? std::move(found).value() : std::vector<domain::Rule>{};
}

core::Result<domain::Rule> SqlRuleRepository::create(const domain::Rule& rule, const domain::RuleSetCheck& check) {
  return store_.write([&](Connection& db) -> core::Result<domain::Rule> {
    auto after = load_rules(db);
    int position = 1;
    for (const auto& r : after) position = std::max(position, r.position + 1);
    domain::Rule draft = rule;
    draft.position = position;
    after.push_back(draft);
    if (auto ok = check(after); !ok) return ok.take_error();
    core::RuleId id;
    {
      auto insert = db.cached("INSERT INTO rules (" + std::string(kColumns) +
                              ", position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
      bind_rule(*insert, draft);
      insert->bind(16, position).step();
      id = core::RuleId{insert->int64(0)};
    }
    if (auto stored = load_rule(db, id)) return std::move(*stored);
    return core::Error::unavailable("The new rule could not be read back.");
  });
}

core::Result<domain::Rule> SqlRuleRepository::update(const domain::Rule& rule, const domain::RuleSetCheck& check) {
  return store_.write([&](Connection& db) -> core::Result<domain::Rule> {
    auto after = load_rules(db);
    const auto it = std::find_if(after.begin(), after.end(), [&](const domain::Rule& r) { return r.id == rule.id; });
    if (it == after.end()) return core::Error::not_found("No such rule.");
    const int position = it->position;
    *it = rule;
    it->position = position;
    if (auto ok = check(after); !ok) return ok.take_error();
    auto update = db.cached(
        "UPDATE rules SET name = ?, active = ?, event = ?, cond_categories = ?, cond_keywords = ?, "
        "cond_channels = ?, cond_customers = ?, cond_priorities = ?, cond_statuses = ?, set_priority = ?, "
        "set_group_id = ?, set_assignee_id = ?, add_tags = ?, internal_note = ?, reply = ? WHERE id = ?");
    bind_rule(*update, rule);
    update->bind(16, rule.id.value).run();
    if (auto stored = load_rule(db, rule.id)) return std::move(*stored);
    return core::Error::unavailable("The rule could not be read back.");
  });
}

core::Status SqlRuleRepository::remove(core::RuleId id) {
  return store_.write([&](Connection& db) -> core::Status {
    db.cached("DELETE FROM rules WHERE id = ?")->bind(1, id.value).run();
    if (db.changes() == 0) return core::Error::not_found("No such rule.");
    return core::ok_status();
  });
}

core::Status SqlRuleRepository::reorder(const std::vector<core::RuleId>& ids) {
  return store_.write([&](Connection& db) -> core::Status {
    std::vector<core::RuleId> existing;
    for (const auto& rule : load_rules(db)) existing.push_back(rule.id);
    auto wanted = ids;
    std::sort(existing.begin(), existing.end());
    std::sort(wanted.begin(), wanted.end());
    if (wanted != existing) return core::Error::field("ids", "invalid", "Name every rule exactly once.");
    for (std::size_t i = 0; i < ids.size(); ++i) {
      db.cached("UPDATE rules SET position = ? WHERE id = ?")
          ->bind_all(static_cast<std::int64_t>(i + 1), ids[i].value)
          .run();
    }
    return core::ok_status();
  });
}

}  // namespace gongdan::storage
