#include "http/json/decode.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "domain/agents/ticket_tags.hpp"
#include "http/json/catalog_codec.hpp"
#include "http/json/field_reader.hpp"

namespace gongdan::http {
namespace {

// When the decoder reports a missing required field: kAlways where the use case cannot tell
// absent from wrong (login, lookup); kWithTypeErrors elsewhere, so that an answer refusing a wrong
// type still names every empty field, while a well-typed body goes to the use case, which checks
// presence together with everything else.
enum class Presence { kAlways, kWithTypeErrors };

// Runs `read` over the object and returns its value, or the errors it recorded.
template <typename T, typename Read>
core::Result<T> decode(const nlohmann::json& body, Presence presence, Read read) {
  std::vector<core::FieldError> errors;
  FieldReader reader(body, "", errors);
  T value = read(reader);
  const bool type_errors =
      std::any_of(errors.begin(), errors.end(), [](const core::FieldError& e) { return e.code == "invalid_type"; });
  if (errors.empty() || (!type_errors && presence == Presence::kWithTypeErrors)) return value;
  return core::Error::validation(std::move(errors));
}

// The fields of a ticket change, shared by one ticket's PATCH and the bulk change.
domain::TicketUpdate read_ticket_update(FieldReader& r) {
  domain::TicketUpdate u;
  u.status = r.string("status");
  u.priority = r.string("priority");
  // null unassigns; absent leaves the assignee as it is.
  if (r.is_null("assignee_id")) {
    u.assignee_id = std::optional<std::int64_t>{};
  } else if (auto id = r.integer("assignee_id")) {
    u.assignee_id = id;
  }
  u.group_id = r.integer("group_id");
  u.add_tags = r.strings("add_tags", domain::kMaxTagsPerTicket + 1);
  u.remove_tags = r.strings("remove_tags", domain::kMaxTagsPerTicket + 1);
  return u;
}

}  // namespace

core::Result<Credentials> decode_credentials(const nlohmann::json& body) {
  return decode<Credentials>(body, Presence::kAlways, [](FieldReader& r) {
    Credentials c;
    c.email = r.required_string("email");
    c.password = r.required_string("password");
    return c;
  });
}

core::Result<domain::Registration> decode_registration(const nlohmann::json& body) {
  return decode<domain::Registration>(body, Presence::kWithTypeErrors, [](FieldReader& r) {
    domain::Registration reg;
    reg.email = r.required_string("email");
    reg.password = r.required_string("password");
    reg.name = r.required_string("name");
    reg.locale = r.string("locale");
    return reg;
  });
}

core::Result<domain::ProfileUpdate> decode_profile_update(const nlohmann::json& body) {
  return decode<domain::ProfileUpdate>(body, Presence::kWithTypeErrors, [](FieldReader& r) {
    domain::ProfileUpdate update;
    update.name = r.string("name");
    update.locale = r.string("locale");
    update.away = r.boolean("away");
    return update;
  });
}

core::Result<domain::TicketSubmission> decode_ticket_submission(const nlohmann::json& body) {
  return decode<domain::TicketSubmission>(body, Presence::kWithTypeErrors, [](FieldReader& r) {
    domain::TicketSubmission s;
    s.category_id = r.required_integer("category_id");
    s.subject = r.required_string("subject");
    s.description = r.required_string("description");
    s.occurred_at = r.string("occurred_at");
    if (auto env = r.object("environment")) {
      s.environment.platform = env->string("platform").value_or("");
      s.environment.os = env->string("os").value_or("");
      s.environment.app_version = env->string("app_version").value_or("");
      s.environment.device = env->string("device").value_or("");
    }
    s.urgency = r.string("urgency");
    if (auto guest = r.object("guest")) {
      domain::GuestContact contact;
      contact.name = guest->string("name").value_or("");
      contact.email = guest->string("email").value_or("");
      s.guest = std::move(contact);
    }
    if (auto fields = r.object("fields")) s.fields = field_inputs(fields->json());
    return s;
  });
}

core::Result<domain::MessageSubmission> decode_message(const nlohmann::json& body, bool read_internal) {
  return decode<domain::MessageSubmission>(body, Presence::kWithTypeErrors, [read_internal](FieldReader& r) {
    domain::MessageSubmission m;
    m.body = r.required_string("body");
    if (read_internal) {
      m.internal = r.boolean("internal").value_or(false);
      // Collision check (docs/workspace.md "Live updates"): agents only.
      m.seen_updated_at = r.string("seen_updated_at");
      m.confirm = r.boolean("confirm").value_or(false);
      m.update.status = r.string("status");
      m.update.priority = r.string("priority");
      m.update.add_tags = r.strings("add_tags", domain::kMaxTagsPerTicket + 1);
    }
    return m;
  });
}

core::Result<domain::TicketUpdate> decode_ticket_update(const nlohmann::json& body) {
  return decode<domain::TicketUpdate>(body, Presence::kWithTypeErrors, [](FieldReader& r) {
    auto update = read_ticket_update(r);
    // Custom fields depend on each ticket's category: a single ticket's update only, not bulk.
    if (auto fields = r.object("fields")) update.fields = field_inputs(fields->json());
    return update;
  });
}

core::Result<BulkUpdate> decode_bulk_update(const nlohmann::json& body) {
  return decode<BulkUpdate>(body, Presence::kWithTypeErrors, [](FieldReader& r) {
    BulkUpdate bulk;
    bulk.numbers = r.strings("numbers", domain::TicketService::kMaxBulkTickets);
    if (auto changes = r.object("changes")) bulk.update = read_ticket_update(*changes);
    return bulk;
  });
}

core::Result<std::string> decode_merge(const nlohmann::json& body) {
  return decode<std::string>(body, Presence::kAlways, [](FieldReader& r) { return r.required_string("into"); });
}

core::Result<domain::GroupRequest> decode_group(const nlohmann::json& body) {
  return decode<domain::GroupRequest>(body, Presence::kWithTypeErrors, [](FieldReader& r) {
    domain::GroupRequest group;
    group.name = r.required_string("name");
    group.assignment = r.string("assignment");
    group.member_ids = r.integers("member_ids", domain::StaffService::kMaxGroupMembers + 1);
    return group;
  });
}

core::Result<domain::AccessUpdate> decode_access_update(const nlohmann::json& body) {
  return decode<domain::AccessUpdate>(body, Presence::kWithTypeErrors, [](FieldReader& r) {
    domain::AccessUpdate update;
    update.role = r.string("role");
    update.away = r.boolean("away");
    return update;
  });
}

core::Result<domain::UserCommand> decode_user_command(const nlohmann::json& body) {
  return decode<domain::UserCommand>(body, Presence::kWithTypeErrors, [](FieldReader& r) {
    domain::UserCommand user;
    user.email = r.required_string("email");
    user.password = r.required_string("password");
    user.name = r.required_string("name");
    user.role = r.required_string("role");
    user.locale = r.string("locale");
    return user;
  });
}

core::Result<LookupQuery> decode_lookup(const nlohmann::json& body) {
  return decode<LookupQuery>(body, Presence::kAlways, [](FieldReader& r) {
    LookupQuery q;
    q.number = r.required_string("number");
    q.email = r.required_string("email");
    return q;
  });
}

}  // namespace gongdan::http
