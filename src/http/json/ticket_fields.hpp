#pragma once

// The members of a ticket object, written once for the two ways an answer is made: into a tree
// (a single ticket: ticket_json, TicketPresenter::ticket) and straight to text (every list page,
// where building the tree cost more than writing it). Included by the encoders (encode.cpp,
// sla_codec.cpp) and by the list writer (presenter.cpp), not by headers.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "domain/sla/civil_date.hpp"
#include "domain/sla/reply_by.hpp"
#include "domain/sla/ticket_sla.hpp"
#include "domain/tickets/ticket.hpp"
#include "http/json/encode.hpp"
#include "http/json/json_writer.hpp"

namespace gongdan::http {

/// Members of a JSON object being filled in a tree. Filled by emplace: an initializer list first
/// builds every key-value pair as a two-element array and copies it out.
class TreeFields {
 public:
  explicit TreeFields(nlohmann::json& object) : fields_(object.get_ref<nlohmann::json::object_t&>()) {}
  void string(std::string_view key, std::string_view value) { fields_.emplace(key, std::string(value)); }
  void integer(std::string_view key, std::int64_t value) { fields_.emplace(key, value); }
  void boolean(std::string_view key, bool value) { fields_.emplace(key, value); }
  void null(std::string_view key) { fields_.emplace(key, nullptr); }
  void strings(std::string_view key, const std::vector<std::string>& values) { fields_.emplace(key, values); }
  template <typename Fill>
  void object(std::string_view key, Fill&& fill) {
    nlohmann::json child(nlohmann::json::value_t::object);
    TreeFields fields(child);
    fill(fields);
    fields_.emplace(key, std::move(child));
  }
  /// An array with an object per item, filled by fill(fields, item).
  template <typename Items, typename Fill>
  void objects(std::string_view key, const Items& items, Fill&& fill) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& item : items) {
      nlohmann::json child(nlohmann::json::value_t::object);
      TreeFields fields(child);
      fill(fields, item);
      array.push_back(std::move(child));
    }
    fields_.emplace(key, std::move(array));
  }

 private:
  nlohmann::json::object_t& fields_;
};

/// Members of a JSON object being written to a JsonStream (inside its begin_object/end_object).
class StreamFields {
 public:
  explicit StreamFields(JsonStream& out) : out_(out) {}
  void string(std::string_view key, std::string_view value) { out_.key(key).string(value); }
  void integer(std::string_view key, std::int64_t value) { out_.key(key).integer(value); }
  void boolean(std::string_view key, bool value) { out_.key(key).boolean(value); }
  void null(std::string_view key) { out_.key(key).null(); }
  void strings(std::string_view key, const std::vector<std::string>& values) {
    out_.key(key).begin_array();
    for (const std::string& value : values) out_.string(value);
    out_.end_array();
  }
  template <typename Fill>
  void object(std::string_view key, Fill&& fill) {
    out_.key(key).begin_object();
    fill(*this);
    out_.end_object();
  }
  template <typename Items, typename Fill>
  void objects(std::string_view key, const Items& items, Fill&& fill) {
    out_.key(key).begin_array();
    for (const auto& item : items) {
      out_.begin_object();
      fill(*this, item);
      out_.end_object();
    }
    out_.end_array();
  }

 private:
  JsonStream& out_;
};

template <typename Fields>
void time_field(Fields& out, std::string_view key, const std::optional<core::Timestamp>& at) {
  if (at) {
    out.string(key, core::format_rfc3339(*at));
  } else {
    out.null(key);
  }
}

/// A text member that is null when empty (a ticket's merge target, its service-level policy).
template <typename Fields>
void text_or_null(Fields& out, std::string_view key, std::string_view value) {
  if (value.empty()) return out.null(key);
  out.string(key, value);
}

/// `reply_by` for customers: {at, basis, holiday: {name, until} or null}, or null.
template <typename Fields>
void reply_by_field(Fields& out, std::string_view key, const std::optional<domain::sla::ReplyBy>& reply_by) {
  if (!reply_by) return out.null(key);
  out.object(key, [&](Fields& members) {
    members.string("at", core::format_rfc3339(reply_by->at));
    members.string("basis", reply_by->from_queue ? "queue" : "sla");
    if (!reply_by->holiday) return members.null("holiday");
    members.object("holiday", [&](Fields& holiday) {
      holiday.string("name", reply_by->holiday->name);
      holiday.string("until", domain::sla::format_iso_date(reply_by->holiday->until));
    });
  });
}

/// A ticket's `sla` for staff: {policy (null when none), state, targets}; `targets` only when
/// given (a single ticket; lists read the state from the stored due and warning times).
struct StaffSla {
  std::string_view policy;
  domain::sla::SlaState state = domain::sla::SlaState::kOk;
  const std::vector<domain::sla::TargetStatus>* targets = nullptr;
};

template <typename Fields>
void sla_field(Fields& out, std::string_view key, const StaffSla& sla) {
  out.object(key, [&](Fields& members) {
    text_or_null(members, "policy", sla.policy);
    members.string("state", domain::sla::to_string(sla.state));
    if (!sla.targets) return;
    members.objects("targets", *sla.targets, [](Fields& target, const domain::sla::TargetStatus& t) {
      target.integer("cycle", t.cycle);
      time_field(target, "due_at", t.due_at);
      time_field(target, "finished_at", t.finished_at);
      target.string("kind", domain::sla::to_string(t.kind));
      target.string("state", domain::sla::to_string(t.state));
    });
  });
}

/// An id and a name, or null: a ticket's group and assignee.
template <typename Fields, typename Id>
void named_field(Fields& out, std::string_view key, const std::optional<Id>& id, std::string_view name) {
  if (!id) return out.null(key);
  out.object(key, [&](Fields& members) {
    members.integer("id", id->value);
    members.string("name", name);
  });
}

/// Who reads a ticket, for the members that differ: a customer gets `reply_by`, staff the
/// workspace (group, assignee, tags, channel, merge target, the customer's last message) and the
/// service level (due times, `sla`).
struct TicketReader {
  const std::optional<domain::sla::ReplyBy>* reply_by = nullptr;  // customers
  const StaffSla* staff = nullptr;                                // staff
};

/// The members of a ticket (docs/api.md), in the byte order of their names, as a tree keeps them,
/// so that a streamed object is the very text write_json makes of the tree. `category_name` in
/// the reader's locale; `reopen_until` set while the ticket is resolved.
template <typename Fields>
void ticket_fields(Fields& out, const domain::Ticket& ticket, std::string_view category_name,
                   const std::optional<core::Timestamp>& reopen_until, TicketText text, TicketReader reader = {}) {
  const StaffSla* staff = reader.staff;
  if (staff) named_field(out, "assignee", ticket.assignee_id, ticket.assignee_name);
  out.object("category", [&](Fields& category) {
    category.integer("id", ticket.category_id.value);
    category.string("name", category_name);
  });
  if (staff) out.string("channel", domain::to_string(ticket.channel));
  time_field(out, "closed_at", ticket.closed_at);
  out.string("created_at", core::format_rfc3339(ticket.created_at));
  out.object("customer", [&](Fields& customer) {
    customer.string("email", ticket.customer.email);
    customer.boolean("guest", ticket.customer.guest());
    customer.string("name", ticket.customer.name);
  });
  if (text == TicketText::kDescription) out.string("description", ticket.description);
  out.object("environment", [&](Fields& environment) {
    environment.string("app_version", ticket.environment.app_version);
    environment.string("device", ticket.environment.device);
    environment.string("os", ticket.environment.os);
    environment.string("platform", ticket.environment.platform);
  });
  if (text == TicketText::kExcerpt) out.string("excerpt", excerpt(ticket.description));
  if (staff) {
    time_field(out, "first_response_due_at", ticket.first_response_due_at);
    named_field(out, "group", ticket.group_id, ticket.group_name);
    time_field(out, "last_customer_message_at", ticket.last_customer_message_at);
    text_or_null(out, "merged_into", ticket.merged_into_number);
    time_field(out, "next_response_due_at", ticket.next_response_due_at);
  }
  out.string("number", ticket.number.str());
  time_field(out, "occurred_at", ticket.occurred_at);
  out.string("priority", domain::to_string(ticket.priority));
  time_field(out, "reopen_until", reopen_until);
  if (reader.reply_by) reply_by_field(out, "reply_by", *reader.reply_by);
  if (staff) time_field(out, "resolution_due_at", ticket.resolution_due_at);
  time_field(out, "resolved_at", ticket.resolved_at);
  if (staff) sla_field(out, "sla", *staff);
  out.string("status", domain::to_string(ticket.status));
  out.string("subject", ticket.subject);
  if (staff) out.strings("tags", ticket.tags);
  out.string("updated_at", core::format_rfc3339(ticket.updated_at));
  out.string("urgency", domain::to_string(ticket.urgency));
}

}  // namespace gongdan::http
