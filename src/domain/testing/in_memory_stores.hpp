#pragma once

// In-memory stand-ins for the storage interfaces, so that the use cases' rules and the
// authorization matrix are tested without a database. The real engines pass the same
// repository contract in src/storage.

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "core/crypto.hpp"
#include "domain/agents/group_repository.hpp"
#include "domain/catalog/catalog.hpp"
#include "domain/tickets/ticket_repository.hpp"
#include "domain/users/user_repository.hpp"

namespace gongdan::domain::testing {

/// Fast, deterministic crypto for tests: "hash" is a prefix, randomness a counter.
class FakeCrypto final : public core::Crypto {
 public:
  std::string hash_password(std::string_view password) const override { return "hash:" + std::string(password); }
  bool verify_password(std::string_view hash, std::string_view password) const override {
    return hash == "hash:" + std::string(password);
  }
  std::string digest(std::string_view secret) const override { return "digest:" + std::string(secret); }
  // Repeatable but not regular: a plain counter makes draws of different lengths collide (two
  // tickets drawing the same number) as soon as callers interleave them.
  void random_bytes(std::span<std::byte> out) const override {
    for (auto& b : out) {
      std::uint64_t z = (counter_++ + 1) * 0x9E3779B97F4A7C15ULL;  // splitmix64
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      b = static_cast<std::byte>(z ^ (z >> 31));
    }
  }
  std::string random_token(std::size_t) const override { return "token" + std::to_string(counter_++); }

 private:
  mutable unsigned counter_ = 0;
};

class InMemoryUsers final : public UserRepository {
 public:
  core::Result<User> create(const NewUser& user) override {
    for (const auto& [id, existing] : users_) {
      if (existing.email == user.email) return core::Error::conflict("email_taken", "Email taken.");
    }
    User stored{core::UserId{next_++}, user.email,         user.name,      user.role,
                user.locale,           user.password_hash, user.created_at};
    users_[stored.id.value] = stored;
    return stored;
  }
  std::optional<User> find_by_email(std::string_view email) override {
    for (const auto& [id, user] : users_) {
      if (user.email == email) return user;
    }
    return std::nullopt;
  }
  std::optional<User> find_by_id(core::UserId id) override {
    const auto it = users_.find(id.value);
    return it == users_.end() ? std::nullopt : std::optional<User>(it->second);
  }
  core::Result<User> update_profile(core::UserId id, const std::string& name, Locale locale) override {
    const auto it = users_.find(id.value);
    if (it == users_.end()) return core::Error::not_found();
    it->second.name = name;
    it->second.locale = locale;
    return it->second;
  }
  core::Status mark_email_verified(core::UserId id, core::Timestamp at) override {
    const auto it = users_.find(id.value);
    if (it == users_.end()) return core::Error::not_found();
    if (!it->second.email_verified_at) it->second.email_verified_at = at;
    return core::ok_status();
  }
  std::vector<User> list_users(const UserFilter& filter) override {
    std::vector<User> out;
    for (const auto& [id, user] : users_) {
      if (filter.role && user.role != *filter.role) continue;
      if (filter.staff_only && !user.is_staff()) continue;
      if (!filter.text.empty() && user.email.find(filter.text) == std::string::npos &&
          user.name.find(filter.text) == std::string::npos) {
        continue;
      }
      out.push_back(user);
    }
    if (out.size() > static_cast<std::size_t>(filter.limit)) out.resize(static_cast<std::size_t>(filter.limit));
    return out;
  }
  core::Result<User> update_access(core::UserId id, std::optional<Role> role, std::optional<bool> away) override {
    const auto it = users_.find(id.value);
    if (it == users_.end()) return core::Error::not_found();
    if (role) it->second.role = *role;
    if (away) it->second.away = *away;
    return it->second;
  }
  std::vector<std::pair<core::UserId, std::int64_t>> active_loads() override { return {}; }
  core::Status create_session(const Session& session) override {
    sessions_[session.token_digest] = session;
    return core::ok_status();
  }
  std::optional<User> find_session_user(std::string_view digest, core::Timestamp now) override {
    const auto it = sessions_.find(std::string(digest));
    if (it == sessions_.end() || it->second.expires_at <= now) return std::nullopt;
    return find_by_id(it->second.user_id);
  }
  core::Status revoke_session(std::string_view digest) override {
    sessions_.erase(std::string(digest));
    return core::ok_status();
  }

 private:
  std::map<std::int64_t, User> users_;
  std::map<std::string, Session> sessions_;
  std::int64_t next_ = 1;
};

class InMemoryCatalog final : public CatalogRepository {
 public:
  InMemoryCatalog() { categories_.push_back({core::CategoryId{1}, "账号与登录", "Account & sign-in", 1, true}); }
  std::vector<Category> categories() override { return categories_; }
  std::optional<Category> find_category(core::CategoryId id) override {
    for (const auto& c : categories_) {
      if (c.id == id) return c;
    }
    return std::nullopt;
  }
  core::Result<Category> add_category(const std::string& zh, const std::string& en) override {
    categories_.push_back({core::CategoryId{static_cast<std::int64_t>(categories_.size()) + 1}, zh, en, 0, true});
    return categories_.back();
  }
  std::vector<Article> articles(Locale) override { return {}; }
  std::vector<Category> all_categories() override { return categories_; }
  core::Result<Category> save_category(const Category& category) override {
    if (category.id.value == 0) {
      categories_.push_back(category);
      categories_.back().id = core::CategoryId{static_cast<std::int64_t>(categories_.size())};
      return categories_.back();
    }
    for (auto& c : categories_) {
      if (c.id == category.id) return c = category;
    }
    return core::Error::not_found();
  }
  std::vector<FieldDefinition> field_definitions(core::CategoryId category) override {
    std::vector<FieldDefinition> out;
    for (const auto& f : fields_) {
      if (f.category_id == category) out.push_back(f);
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.position < b.position; });
    return out;
  }
  std::vector<FieldDefinition> active_fields() override {
    std::vector<FieldDefinition> out;
    for (const auto& f : fields_) {
      if (f.active) out.push_back(f);
    }
    return out;
  }
  core::Result<FieldDefinition> save_field(const FieldDefinition& field) override {
    if (field.id.value == 0) {
      fields_.push_back(field);
      fields_.back().id = core::FieldId{next_field_id_++};
      return fields_.back();
    }
    for (auto& f : fields_) {
      if (f.id == field.id) return f = field;
    }
    return core::Error::not_found();
  }
  core::Result<FieldRemoval> remove_field(core::FieldId id) override {
    for (auto it = fields_.begin(); it != fields_.end(); ++it) {
      if (it->id != id) continue;
      if (fields_in_use.count(id.value)) {
        it->active = false;
        return FieldRemoval::kDeactivated;
      }
      fields_.erase(it);
      return FieldRemoval::kDeleted;
    }
    return core::Error::not_found();
  }
  /// Ids of fields the tests say have stored values.
  std::set<std::int64_t> fields_in_use;

 private:
  std::vector<Category> categories_;
  std::vector<FieldDefinition> fields_;
  std::int64_t next_field_id_ = 1;
};

class InMemoryGroups final : public GroupRepository {
 public:
  InMemoryGroups() { groups_.push_back({core::GroupId{1}, "First line", AssignmentMode::kManual, {}}); }
  std::vector<Group> list() override { return groups_; }
  std::optional<Group> find(core::GroupId id) override {
    for (const auto& g : groups_) {
      if (g.id == id) return g;
    }
    return std::nullopt;
  }
  core::Result<Group> create(const GroupDraft& draft) override {
    for (const auto& g : groups_) {
      if (g.name == draft.name) return core::Error::conflict("name_taken", "Taken.");
    }
    groups_.push_back(
        {core::GroupId{static_cast<std::int64_t>(groups_.size()) + 1}, draft.name, draft.assignment, draft.members});
    return groups_.back();
  }
  core::Result<Group> update(core::GroupId id, const GroupDraft& draft) override {
    for (auto& g : groups_) {
      if (g.id == id) {
        g = {id, draft.name, draft.assignment, draft.members};
        return g;
      }
    }
    return core::Error::not_found();
  }
  core::Status add_member(core::GroupId id, core::UserId user) override {
    for (auto& g : groups_) {
      if (g.id != id) continue;
      if (std::find(g.members.begin(), g.members.end(), user) == g.members.end()) g.members.push_back(user);
      std::sort(g.members.begin(), g.members.end());
      return core::ok_status();
    }
    return core::Error::not_found();
  }
  std::optional<core::GroupId> default_group() override {
    if (groups_.empty()) return std::nullopt;
    return groups_.front().id;
  }
  std::vector<core::GroupId> groups_of(core::UserId user) override {
    std::vector<core::GroupId> out;
    for (const auto& g : groups_) {
      if (std::find(g.members.begin(), g.members.end(), user) != g.members.end()) out.push_back(g.id);
    }
    return out;
  }

 private:
  std::vector<Group> groups_;
};

class InMemoryBlobs final : public BlobStore {
 public:
  core::Result<std::string> put(std::string_view bytes) override {
    const std::string key = "blob" + std::to_string(blobs_.size());
    blobs_[key] = std::string(bytes);
    return key;
  }
  std::optional<std::string> get(const std::string& key) override {
    const auto it = blobs_.find(key);
    return it == blobs_.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  std::size_t size() const { return blobs_.size(); }

 private:
  std::map<std::string, std::string> blobs_;
};

/// Knows PNG by its signature, plain text by the absence of NULs; everything else is a program.
class SignatureDetector final : public FileTypeDetector {
 public:
  std::string detect(std::string_view bytes) const override {
    if (bytes.starts_with("\x89PNG")) return "image/png";
    if (bytes.find('\0') == std::string_view::npos) return "text/plain";
    return "application/x-executable";
  }
};

class InMemoryTickets final : public TicketRepository {
 public:
  core::Result<Ticket> create(const NewTicket& draft) override {
    if (draft.idempotency) {
      const auto key = draft.idempotency->scope + "|" + draft.idempotency->key;
      if (const auto it = idempotency_.find(key); it != idempotency_.end()) return tickets_.at(it->second);
    }
    for (const auto& [id, t] : tickets_) {
      if (t.number == draft.ticket.number) return core::Error::conflict("number_taken", "Taken.");
    }
    Ticket ticket = draft.ticket;
    ticket.id = core::TicketId{next_id_++};
    if (!ticket.group_id) ticket.group_id = core::GroupId{1};  // the default group, as the stores do
    tickets_[ticket.id.value] = ticket;
    if (!draft.effects.empty()) written_effects.push_back(with_ticket(draft.effects, ticket));
    append(ticket.id, draft.first_message, ticket.created_at);
    for (const auto& more : draft.more_messages) append(ticket.id, more, ticket.created_at);
    for (const auto& e : draft.events) {
      events_.push_back({core::EventId{next_id_++}, ticket.id, e.type, e.from, e.to, e.author, ticket.created_at});
    }
    for (const auto& v : draft.field_values) field_values_[{ticket.id.value, v.field_id.value}] = v.value;
    if (draft.idempotency) idempotency_[draft.idempotency->scope + "|" + draft.idempotency->key] = ticket.id.value;
    return ticket;
  }
  core::Result<ChangedTicket> modify(core::TicketId id, const TicketDecision& decide) override {
    const auto it = tickets_.find(id.value);
    if (it == tickets_.end()) return core::Error::not_found();
    auto change = decide(it->second);
    if (!change) return change.take_error();
    it->second = change->updated;
    std::optional<Message> message;
    if (change->message) message = append(id, *change->message, change->updated.updated_at);
    for (const auto& more : change->more_messages) append(id, more, change->updated.updated_at);
    for (const auto& e : change->events) {
      events_.push_back({core::EventId{next_id_++}, id, e.type, e.from, e.to, e.author, change->updated.updated_at});
    }
    if (!change->effects.empty()) written_effects.push_back(change->effects);
    if (change->field_edit) {
      for (const auto& c : change->field_edit->changes) {
        const std::pair<std::int64_t, std::int64_t> slot{id.value, c.field_id.value};
        const auto held = field_values_.find(slot);
        const std::string from = held == field_values_.end() ? "" : held->second;
        if (from == c.value.value_or("")) continue;
        events_.push_back({core::EventId{next_id_++}, id, EventType::kFieldChanged, from, c.value.value_or(""),
                           change->field_edit->author, change->updated.updated_at, c.key});
        if (c.value)
          field_values_[slot] = *c.value;
        else
          field_values_.erase(slot);
      }
    }
    return ChangedTicket{it->second, message};
  }
  core::Result<ChangedTicket> merge(core::TicketId source, core::TicketId target,
                                    const MergeDecision& decide) override {
    const auto from = tickets_.find(source.value);
    const auto to = tickets_.find(target.value);
    if (from == tickets_.end() || to == tickets_.end()) return core::Error::not_found();
    auto plan = decide(from->second, to->second);
    if (!plan) return plan.take_error();
    for (const auto& m : messages(source, true)) {
      messages_.push_back({core::MessageId{next_id_++}, target, m.author, m.body, m.internal || plan->copy_as_internal,
                           m.created_at, m.attachments});
    }
    auto merged = modify(source, [&](const Ticket&) -> core::Result<TicketChange> { return plan->source; });
    if (!merged) return merged.take_error();
    from->second.merged_into_id = target;
    from->second.merged_into_number = to->second.number.str();
    return modify(target, [&](const Ticket&) -> core::Result<TicketChange> { return plan->target; });
  }
  std::optional<Ticket> find_by_number(const TicketNumber& number) override {
    for (const auto& [id, t] : tickets_) {
      if (t.number == number) return t;
    }
    return std::nullopt;
  }
  std::optional<Ticket> find_by_id(core::TicketId id) override {
    const auto it = tickets_.find(id.value);
    return it == tickets_.end() ? std::nullopt : std::optional<Ticket>(it->second);
  }
  core::Result<Page<Ticket>> list(const TicketQuery& query) override {
    Page<Ticket> page;
    for (const auto& [id, t] : tickets_) {
      if (matches(query, t)) page.items.push_back(t);
    }
    return page;
  }
  std::int64_t count(const TicketQuery& query) override {
    std::int64_t n = 0;
    for (const auto& [id, t] : tickets_) n += matches(query, t) ? 1 : 0;
    return n;
  }
  std::vector<Message> messages(core::TicketId id, bool include_internal) override {
    std::vector<Message> out;
    for (const auto& m : messages_) {
      if (m.ticket_id == id && (include_internal || !m.internal)) out.push_back(m);
    }
    return out;
  }
  std::vector<TicketEvent> events(core::TicketId id) override {
    std::vector<TicketEvent> out;
    for (const auto& e : events_) {
      if (e.ticket_id == id) out.push_back(e);
    }
    return out;
  }
  std::optional<Attachment> find_attachment(core::AttachmentId id) override {
    for (const auto& m : messages_) {
      for (const auto& a : m.attachments) {
        if (a.id == id) return a;
      }
    }
    return std::nullopt;
  }
  std::vector<Ticket> active_tickets_of(core::UserId customer, int) override {
    std::vector<Ticket> out;
    for (const auto& [id, t] : tickets_) {
      if (t.customer.user_id == customer && is_active(t.status)) out.push_back(t);
    }
    return out;
  }
  std::vector<TicketFieldValue> custom_field_values(core::TicketId id) override {
    std::vector<TicketFieldValue> out;
    if (!catalog) return out;
    for (const auto& [slot, value] : field_values_) {
      if (slot.first != id.value) continue;
      for (const auto& category : catalog->all_categories()) {
        for (const auto& d : catalog->field_definitions(category.id)) {
          if (d.id.value == slot.second) out.push_back({d, value});
        }
      }
    }
    return out;
  }
  std::size_t count() const { return tickets_.size(); }
  /// Where custom_field_values finds the definitions; set by tests that use custom fields.
  CatalogRepository* catalog = nullptr;

  /// The non-empty mail effects of every successful create and modify, in order, with a new
  /// ticket's id and number filled in as the real stores do.
  std::vector<MailEffects> written_effects;

 private:
  static MailEffects with_ticket(MailEffects effects, const Ticket& ticket) {
    for (auto& mail : effects.mails) {
      if (mail.ticket_id) continue;
      mail.ticket_id = ticket.id;
      mail.ticket_number = ticket.number.str();
    }
    for (auto& link : effects.links) {
      if (link.purpose == LinkPurpose::kTicket && !link.ticket_id) link.ticket_id = ticket.id;
    }
    return effects;
  }

  static bool matches(const TicketQuery& query, const Ticket& t) {
    const auto contains = [](const auto& list, const auto& value) {
      return std::find(list.begin(), list.end(), value) != list.end();
    };
    if (query.customer && t.customer.user_id != query.customer) return false;
    if (!query.customer_email.empty() && t.customer.email != query.customer_email) return false;
    if (!query.statuses.empty() && !contains(query.statuses, t.status)) return false;
    if (!query.priorities.empty() && !contains(query.priorities, t.priority)) return false;
    if (query.scope && !query.scope->covers(t)) return false;
    if (query.assignee && t.assignee_id != query.assignee) return false;
    if (query.unassigned && t.assignee_id) return false;
    if (!query.groups.empty() && !(t.group_id && contains(query.groups, *t.group_id))) return false;
    if (!query.tag.empty() && !contains(t.tags, query.tag)) return false;
    if (!query.text.empty() && t.subject.find(query.text) == std::string::npos && t.number.str() != query.text &&
        t.customer.email.find(query.text) == std::string::npos) {
      return false;
    }
    return true;
  }

  Message append(core::TicketId id, const NewMessage& m, core::Timestamp at) {
    Message message{core::MessageId{next_id_++}, id, m.author, m.body, m.internal, at, {}};
    for (const auto& f : m.files) {
      message.attachments.push_back({core::AttachmentId{next_id_++}, id, message.id, f.filename, f.content_type, f.size,
                                     f.storage_key, m.internal});
    }
    messages_.push_back(message);
    return message;
  }

  std::map<std::int64_t, Ticket> tickets_;
  std::vector<Message> messages_;
  std::vector<TicketEvent> events_;
  std::map<std::string, std::int64_t> idempotency_;
  std::map<std::pair<std::int64_t, std::int64_t>, std::string> field_values_;  // (ticket, field) -> value
  std::int64_t next_id_ = 1;
};

}  // namespace gongdan::domain::testing
