#include "domain/tickets/ticket_service.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/utf8.hpp"
#include "domain/agents/ticket_tags.hpp"
#include "domain/agents/ticket_views.hpp"
#include "domain/rules/rule_engine.hpp"
#include "domain/tickets/attachment_policy.hpp"
#include "domain/tickets/text_similarity.hpp"
#include "domain/users/auth_service.hpp"
#include "domain/validation.hpp"

namespace gongdan::domain {
namespace {

constexpr int kMaxNumberAttempts = 8;  // 32^5 numbers a day: a collision twice in a row is already rare
constexpr std::size_t kMaxSearchChars = 200;
constexpr std::size_t kMaxGuestNameChars = 100;
constexpr int kSimilarCandidates = 50;
constexpr std::size_t kSimilarResults = 3;
constexpr int kCustomerPanelTickets = 10;

core::Error invalid_transition(std::string message) {
  return core::Error::conflict("invalid_transition", std::move(message));
}

AuthorRef author_of(const User& user) { return {user.id, user.name, user.role}; }

// The ticket's own account, or the holder of a link mailed to the ticket's address.
bool may_act_as_customer(const Actor& actor, const Ticket& ticket) {
  if (actor.user && ticket.customer.user_id == actor.user->id) return true;
  return actor.grant && actor.grant->ticket_id == ticket.id && actor.grant->email == ticket.customer.email;
}

// Who writes as the customer: the signed-in owner, or a link holder writing as the ticket's customer.
AuthorRef customer_author(const Actor& actor, const Ticket& ticket) {
  if (actor.user && ticket.customer.user_id == actor.user->id) return author_of(*actor.user);
  return {ticket.customer.user_id, ticket.customer.name, Role::kCustomer};
}

// Only these status changes are worth a mail: the customer must act, or the problem is solved.
bool mails_customer(Status to) { return to == Status::kPending || to == Status::kResolved; }

// Parses a comma list of enum names with `parse`, or a field error naming `field`.
template <typename E, typename Parse>
core::Result<std::vector<E>> parse_list(std::string_view field, const std::optional<std::string>& text, Parse parse) {
  std::vector<E> out;
  if (!text || text->empty()) return out;
  std::string_view rest = *text;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const auto item = core::trim(rest.substr(0, comma));
    const auto value = parse(item);
    if (!value)
      return core::Error::field(std::string(field), "invalid", "Unknown value: " + std::string(item.substr(0, 40)));
    out.push_back(*value);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  return out;
}

core::Result<int> parse_limit(const std::optional<std::int64_t>& limit) {
  if (!limit) return 20;
  if (*limit < 1 || *limit > 100) return core::Error::field("limit", "invalid", "Between 1 and 100.");
  return static_cast<int>(*limit);
}

// The status change a message from the customer causes: pending and resolved go back to open.
std::optional<Status> status_after_customer_message(Status current) {
  if (current == Status::kPending || current == Status::kResolved) return Status::kOpen;
  return std::nullopt;
}

// Applies a status change to `ticket`, keeping the resolution and closing times consistent.
void set_status(Ticket& ticket, Status to, core::Timestamp now, const AuthorRef& author,
                std::vector<NewEvent>& events) {
  if (ticket.status == to) return;
  events.push_back(
      {EventType::kStatusChanged, std::string(to_string(ticket.status)), std::string(to_string(to)), author});
  ticket.status = to;
  if (to == Status::kResolved)
    ticket.resolved_at = now;
  else if (to != Status::kClosed)
    ticket.resolved_at.reset();
  if (to == Status::kClosed) ticket.closed_at = now;
}

// Who may replay an Idempotency-Key. A signed-in caller is its account. A guest proves nothing:
// anyone can type the victim's email, so a guest key also binds the content of the submission. A
// replay then needs the very ticket it would reveal; a different submission under a stolen or
// guessed key makes a new ticket instead of returning someone else's.
std::string idempotency_scope(const Actor& actor, const CustomerRef& customer, const TicketSubmission& submission,
                              const core::Crypto& crypto) {
  if (actor.user) return "user:" + std::to_string(actor.user->id.value);
  std::string content;
  const auto append = [&content](std::string_view field) {
    // Length-prefixed, so that no two different submissions spell the same text.
    content += std::to_string(field.size());
    content += ':';
    content += field;
  };
  append(std::to_string(submission.category_id.value_or(0)));
  append(customer.name);
  append(submission.subject);
  append(submission.description);
  return "guest:" + customer.email + ":" + crypto.digest(content);
}

// The status, priority and tags an agent's reply also sets, parsed before anything is written.
struct ReplyChanges {
  std::optional<Status> status;
  std::optional<Priority> priority;
  std::vector<std::string> add_tags;  // normalized
};

core::Result<ReplyChanges> check_reply_update(const ReplyUpdate& update) {
  std::vector<core::FieldError> errors;
  ReplyChanges changes;
  if (update.status) {
    changes.status = parse_status(*update.status);
    if (!changes.status) errors.push_back({"status", "invalid", "One of new, open, pending, resolved, closed."});
  }
  if (update.priority) {
    changes.priority = parse_priority(*update.priority);
    if (!changes.priority) errors.push_back({"priority", "invalid", "One of low, normal, high, urgent."});
  }
  if (update.add_tags.size() > kMaxTagsPerTicket) {
    errors.push_back({"add_tags", "too_many", "At most " + std::to_string(kMaxTagsPerTicket) + " tags."});
  } else {
    for (const auto& tag : update.add_tags) {
      auto normalized = normalize_tag(tag);
      if (!normalized) {
        errors.push_back({"add_tags", "invalid", "Tags are 1 to 40 characters without spaces or commas."});
        break;
      }
      changes.add_tags.push_back(std::move(*normalized));
    }
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return changes;
}

// Adds a reply's macro, status, priority and tags to its decision with agent_update's rules: an
// agent never moves a ticket back to new, a closed ticket (refused earlier) never changes, and a
// ticket holds at most kMaxTagsPerTicket tags.
std::optional<core::Error> apply_reply_update(const ReplyUpdate& update, const ReplyChanges& changes,
                                              core::Timestamp now, const AuthorRef& author, TicketChange& change) {
  Ticket& ticket = change.updated;
  // The macro heads the changes it caused, the new → open of a first answer included.
  if (!update.macro_title.empty()) {
    change.events.insert(change.events.begin(), NewEvent{EventType::kMacroApplied, "", update.macro_title, author});
  }
  if (changes.status && *changes.status != ticket.status) {
    if (!agent_may_change(ticket.status, *changes.status)) {
      return invalid_transition("A ticket cannot go from " + std::string(to_string(ticket.status)) + " to " +
                                std::string(to_string(*changes.status)) + ".");
    }
    set_status(ticket, *changes.status, now, author, change.events);
  }
  if (changes.priority && *changes.priority != ticket.priority) {
    change.events.push_back({EventType::kPriorityChanged, std::string(to_string(ticket.priority)),
                             std::string(to_string(*changes.priority)), author});
    ticket.priority = *changes.priority;
  }
  for (const auto& tag : changes.add_tags) {
    if (add_tag(ticket.tags, tag)) change.events.push_back({EventType::kTagAdded, "", tag, author});
  }
  if (ticket.tags.size() > kMaxTagsPerTicket) {
    return core::Error::field("add_tags", "too_many",
                              "A ticket has at most " + std::to_string(kMaxTagsPerTicket) + " tags.");
  }
  return std::nullopt;
}

}  // namespace

TicketService::TicketService(TicketRepository& tickets, CatalogRepository& catalog, UserRepository& users,
                             BlobStore& blobs, const FileTypeDetector& detector, const core::Crypto& crypto,
                             const core::Clock& clock, const TicketMails& mails, TicketSettings settings,
                             OutboxRepository* outbox, GroupRepository* groups, RuleRepository* rules)
    : tickets_(tickets),
      catalog_(catalog),
      users_(users),
      blobs_(blobs),
      detector_(detector),
      crypto_(crypto),
      clock_(clock),
      mails_(mails),
      settings_(settings),
      outbox_(outbox),
      groups_(groups),
      rules_(rules) {}

std::vector<Rule> TicketService::current_rules() { return rules_ ? rules_->list() : std::vector<Rule>{}; }

namespace {

void append_effects(MailEffects& into, MailEffects more) {
  for (auto& mail : more.mails) into.mails.push_back(std::move(mail));
  for (auto& link : more.links) into.links.push_back(std::move(link));
}

}  // namespace

void TicketService::apply_update_rules(TicketChange& change, const std::vector<Rule>& rules, Locale locale) const {
  if (rules.empty() || (change.events.empty() && !change.message)) return;
  // An internal note's words never trigger what the customer sees (a canned reply about "crash"
  // because a note said "not a crash"): rules read only public text.
  const std::string_view body =
      change.message && !change.message->internal ? std::string_view(change.message->body) : std::string_view{};
  auto effects = apply_rules(rules, RuleTrigger::kUpdated, change.updated, rule_text(change.updated, body));
  if (effects.empty()) return;
  if (const auto* reply = effects.reply())
    append_effects(change.effects, mails_.agent_reply(change.updated, locale, *reply));
  change.events.insert(change.events.end(), effects.events.begin(), effects.events.end());
  for (auto& message : effects.messages) change.more_messages.push_back(std::move(message));
}

Locale TicketService::recipient_locale(const Ticket& ticket) {
  if (ticket.customer.user_id) {
    if (auto user = users_.find_by_id(*ticket.customer.user_id)) return user->locale;
  }
  return ticket.customer.locale;
}

core::Result<Ticket> TicketService::submit(const Actor& actor, const TicketSubmission& submission) {
  std::vector<core::FieldError> errors;
  std::vector<FieldValue> field_values;
  if (!submission.category_id) {
    errors.push_back({"category_id", "required", "Required."});
  } else {
    check_category_fields(submission, errors, field_values);
  }
  if (auto e = check_text("subject", submission.subject, settings_.max_subject_chars)) errors.push_back(*e);
  if (auto e = check_text("description", submission.description, settings_.max_body_chars, Presence::kRequired, true)) {
    errors.push_back(*e);
  }
  std::optional<core::Timestamp> occurred_at;
  if (submission.occurred_at && !submission.occurred_at->empty()) {
    occurred_at = core::parse_rfc3339(*submission.occurred_at);
    if (!occurred_at) {
      errors.push_back({"occurred_at", "invalid", "An RFC 3339 time, e.g. 2026-11-25T09:30:00+08:00."});
    } else if (*occurred_at > clock_.now() + std::chrono::hours{24}) {
      errors.push_back({"occurred_at", "invalid", "Cannot be in the future."});
    }
  }
  const auto& env = submission.environment;
  const std::array<std::pair<const char*, const std::string*>, 4> env_fields{
      {{"environment.platform", &env.platform},
       {"environment.os", &env.os},
       {"environment.app_version", &env.app_version},
       {"environment.device", &env.device}}};
  for (const auto& [field, value] : env_fields) {
    if (auto e = check_text(field, *value, settings_.max_environment_chars, Presence::kOptional)) errors.push_back(*e);
  }
  Urgency urgency = Urgency::kNormal;
  if (submission.urgency) {
    if (auto parsed = parse_urgency(*submission.urgency))
      urgency = *parsed;
    else
      errors.push_back({"urgency", "invalid", "One of normal, urgent."});
  }
  CustomerRef customer;
  if (actor.user) {
    customer = {actor.user->id, actor.user->name, actor.user->email, actor.user->locale};
  } else if (!submission.guest) {
    errors.push_back({"guest", "required", "Sign in, or give a name and email to submit as a guest."});
  } else {
    const std::string email = core::ascii_lower(core::trim(submission.guest->email));
    if (auto e = check_text("guest.name", submission.guest->name, kMaxGuestNameChars)) errors.push_back(*e);
    if (auto e = check_email("guest.email", email)) errors.push_back(*e);
    customer = {std::nullopt, std::string(core::trim(submission.guest->name)), email, submission.locale};
  }
  if (submission.idempotency_key && (submission.idempotency_key->empty() ||
                                     submission.idempotency_key->size() > settings_.max_idempotency_key_chars ||
                                     !core::is_valid_utf8(*submission.idempotency_key))) {
    errors.push_back({"Idempotency-Key", "invalid", "1 to 200 characters."});
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));

  auto files = store_files(submission.files);
  if (!files) return files.take_error();

  const auto now = clock_.now();
  NewTicket draft;
  Ticket& ticket = draft.ticket;
  ticket.category_id = core::CategoryId{*submission.category_id};
  ticket.subject = std::string(core::trim(submission.subject));
  ticket.description = submission.description;
  ticket.occurred_at = occurred_at;
  ticket.environment = submission.environment;
  ticket.urgency = urgency;
  ticket.priority = urgency == Urgency::kUrgent ? Priority::kUrgent : Priority::kNormal;
  ticket.status = Status::kNew;
  ticket.customer = customer;
  ticket.created_at = ticket.updated_at = now;
  ticket.last_customer_message_at = now;
  ticket.channel = submission.channel;
  draft.auto_assign = true;
  draft.field_values = std::move(field_values);
  draft.first_message = {AuthorRef{customer.user_id, customer.name, Role::kCustomer}, submission.description, false,
                         std::move(files).value()};
  if (submission.idempotency_key) {
    draft.idempotency =
        IdempotencyKey{idempotency_scope(actor, customer, submission, crypto_), *submission.idempotency_key};
  }

  const auto rules = current_rules();
  // Above the cap the ticket is still stored; only the mail to a possibly stranger's address is not.
  const bool send_confirmation = !customer.guest() || !outbox_ ||
                                 outbox_->count_recent(MailKind::kTicketConfirmation, customer.email,
                                                       now - std::chrono::hours{1}) < kMaxGuestConfirmationsPerHour;
  for (int attempt = 0; attempt < kMaxNumberAttempts; ++attempt) {
    std::array<std::byte, 5> random{};
    crypto_.random_bytes(random);
    std::array<std::uint8_t, 5> values{};
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<std::uint8_t>(random[i]) % 32;
    ticket.number = TicketNumber::make(clock_.local_date(now), values);
    // Rules and the confirmation may name the number, so they run again for each number tried.
    NewTicket candidate = draft;
    const auto ruled = apply_rules(rules, RuleTrigger::kCreated, candidate.ticket, rule_text(candidate.ticket));
    candidate.events = ruled.events;
    candidate.more_messages = ruled.messages;
    // A report the rules made urgent is promised the urgent reply time, as the support guide says.
    const auto reply_by = now + (candidate.ticket.priority == Priority::kUrgent ? settings_.urgent_reply_target
                                                                                : settings_.normal_reply_target);
    if (send_confirmation) candidate.effects = mails_.confirmation(candidate.ticket, customer.locale, reply_by);
    if (const auto* reply = ruled.reply())
      append_effects(candidate.effects, mails_.agent_reply(candidate.ticket, customer.locale, *reply));
    auto created = tickets_.create(candidate);
    if (created) announce(*created, ActivityKind::kCreated);
    if (created || created.error().reason != "number_taken") return created;
  }
  return core::Error::unavailable("Could not allocate a ticket number; try again.");
}

core::Result<std::vector<StoredFile>> TicketService::store_files(const std::vector<Upload>& files) {
  if (files.size() > settings_.max_files) {
    return core::Error::field("files", "too_many", "At most " + std::to_string(settings_.max_files) + " files.");
  }
  std::vector<core::FieldError> errors;
  std::vector<std::string> types;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string field = "files[" + std::to_string(i) + "]";
    if (files[i].bytes.empty()) {
      errors.push_back({field, "required", "The file is empty."});
    } else if (static_cast<std::int64_t>(files[i].bytes.size()) > settings_.max_file_bytes) {
      errors.push_back({field, "too_large",
                        "At most " + std::to_string(settings_.max_file_bytes / (std::int64_t{1024} * 1024)) + " MB."});
    }
    types.push_back(files[i].bytes.empty() ? std::string{} : detector_.detect(files[i].bytes));
    if (!files[i].bytes.empty() && !is_allowed_attachment_type(types.back())) {
      errors.push_back({field, "unsupported_type", "Files of type " + types.back() + " are not accepted."});
    }
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  std::vector<StoredFile> stored;
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto key = blobs_.put(files[i].bytes);
    if (!key) return key.take_error();
    stored.push_back({safe_filename(files[i].filename), types[i], static_cast<std::int64_t>(files[i].bytes.size()),
                      std::move(key).value()});
  }
  return stored;
}

core::Result<Page<Ticket>> TicketService::my_tickets(const Actor& actor, const ListRequest& request) {
  if (!actor.user) return core::Error::unauthenticated();
  auto statuses = parse_list<Status>("status", request.status, parse_status);
  if (!statuses) return statuses.take_error();
  auto limit = parse_limit(request.limit);
  if (!limit) return limit.take_error();
  TicketQuery query;
  query.customer = actor.user->id;
  query.statuses = std::move(statuses).value();
  query.order = TicketQuery::Order::kRecentActivity;
  query.cursor = request.cursor;
  query.limit = *limit;
  query.for_customer = true;
  return tickets_.list(query);
}

core::Result<Ticket> TicketService::find_visible(const Actor& actor, std::string_view number, bool staff_view) {
  auto parsed = TicketNumber::parse(number);
  if (!parsed) return parsed.take_error();
  if (!actor.user && !(actor.grant && !staff_view)) return core::Error::unauthenticated();
  if (staff_view && !actor.is_staff()) return core::Error::forbidden("Only agents may do this.");
  auto ticket = tickets_.find_by_number(*parsed);
  // Another customer's ticket is "not found", never "forbidden": existence is not disclosed. The
  // same holds for an agent and another group's ticket (docs/workspace.md).
  if (!ticket || (!staff_view && !may_act_as_customer(actor, *ticket)))
    return core::Error::not_found("No such ticket.");
  if (staff_view) {
    auto scope = staff_scope(actor);
    if (!scope) return scope.take_error();
    if (!scope->covers(*ticket)) return core::Error::not_found("No such ticket.");
  }
  return std::move(*ticket);
}

core::Result<StaffScope> TicketService::staff_scope(const Actor& actor) {
  if (!actor.user) return core::Error::unauthenticated();
  if (!actor.is_staff()) return core::Error::forbidden("Only agents may do this.");
  // Without a group store (unit tests of other use cases) every staff member works every ticket.
  if (!groups_) return StaffScope{actor.user->id, true, {}};
  return StaffScope::of(*actor.user, groups_->groups_of(actor.user->id));
}

core::Result<TicketView> TicketService::view(const Actor& actor, std::string_view number) {
  auto ticket = find_visible(actor, number, false);
  if (!ticket) return ticket.take_error();
  const auto id = ticket->id;
  // Customers see how their ticket moved, not how the team organised itself (docs/workspace.md).
  auto events = tickets_.events(id);
  std::erase_if(events, [](const TicketEvent& e) {
    return e.type != EventType::kStatusChanged && e.type != EventType::kPriorityChanged &&
           e.type != EventType::kMergedInto;
  });
  // A merge into another customer's ticket is not theirs to follow (docs/workspace.md "Merging").
  if (ticket->merged_into_id) {
    const auto into = tickets_.find_by_id(*ticket->merged_into_id);
    if (!into || !may_act_as_customer(actor, *into)) {
      ticket->merged_into_number.clear();
      for (auto& e : events) {
        if (e.type == EventType::kMergedInto) e.to.clear();
      }
    }
  }
  return with_custom_fields({std::move(ticket).value(), tickets_.messages(id, false), std::move(events)}, false);
}

core::Result<ChangedTicket> TicketService::comment(const Actor& actor, std::string_view number,
                                                   const MessageSubmission& message) {
  auto ticket = find_visible(actor, number, false);
  if (!ticket) return ticket.take_error();
  if (auto e = check_text("body", message.body, settings_.max_body_chars, Presence::kRequired, true)) {
    return core::Error::validation({*e});
  }
  if (ticket->status == Status::kClosed) return invalid_transition("The ticket is closed; submit a new one.");
  auto files = store_files(message.files);
  if (!files) return files.take_error();
  const auto author = customer_author(actor, *ticket);
  const auto now = clock_.now();
  const auto rules = current_rules();
  const auto locale = recipient_locale(*ticket);
  auto changed = tickets_.modify(ticket->id, [&](const Ticket& current) -> core::Result<TicketChange> {
    if (current.status == Status::kClosed) return invalid_transition("The ticket is closed; submit a new one.");
    TicketChange change{current, NewMessage{author, message.body, false, *files}, {}, {}};
    if (auto to = status_after_customer_message(current.status))
      set_status(change.updated, *to, now, author, change.events);
    change.updated.updated_at = now;
    change.updated.last_customer_message_at = now;
    apply_update_rules(change, rules, locale);
    return change;
  });
  if (changed) announce(changed->ticket, ActivityKind::kMessageAdded);
  return changed;
}

core::Result<Ticket> TicketService::close(const Actor& actor, std::string_view number) {
  auto ticket = find_visible(actor, number, false);
  if (!ticket) return ticket.take_error();
  const auto author = customer_author(actor, *ticket);
  const auto now = clock_.now();
  auto changed = tickets_.modify(ticket->id, [&](const Ticket& current) -> core::Result<TicketChange> {
    if (current.status == Status::kClosed) return invalid_transition("The ticket is already closed.");
    TicketChange change{current, std::nullopt, {}, {}};
    set_status(change.updated, Status::kClosed, now, author, change.events);
    change.updated.updated_at = now;
    return change;
  });
  if (!changed) return changed.take_error();
  announce(changed->ticket, ActivityKind::kUpdated);
  return std::move(changed->ticket);
}

core::Result<Ticket> TicketService::reopen(const Actor& actor, std::string_view number) {
  auto ticket = find_visible(actor, number, false);
  if (!ticket) return ticket.take_error();
  const auto author = customer_author(actor, *ticket);
  const auto now = clock_.now();
  auto changed = tickets_.modify(ticket->id, [&](const Ticket& current) -> core::Result<TicketChange> {
    if (current.status != Status::kResolved) return invalid_transition("Only a resolved ticket can be reopened.");
    if (current.resolved_at && *current.resolved_at + settings_.reopen_window < now) {
      return core::Error::conflict("reopen_window_passed", "This ticket was resolved too long ago; submit a new one.");
    }
    TicketChange change{current, std::nullopt, {}, {}};
    set_status(change.updated, Status::kOpen, now, author, change.events);
    change.updated.updated_at = now;
    return change;
  });
  if (!changed) return changed.take_error();
  announce(changed->ticket, ActivityKind::kUpdated);
  return std::move(changed->ticket);
}

core::Result<std::vector<Ticket>> TicketService::similar_open_tickets(const Actor& actor, std::string_view subject) {
  if (auto e = check_text("subject", subject, settings_.max_subject_chars, Presence::kOptional)) {
    return core::Error::validation({*e});
  }
  std::vector<Ticket> out;
  if (!actor.user || core::trim(subject).empty()) return out;
  std::vector<std::pair<double, Ticket>> scored;
  for (auto& ticket : tickets_.active_tickets_of(actor.user->id, kSimilarCandidates)) {
    const double score = text_similarity(subject, ticket.subject);
    if (score >= kSimilarSubjectThreshold) scored.emplace_back(score, std::move(ticket));
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& entry : scored) {
    if (out.size() == kSimilarResults) break;
    out.push_back(std::move(entry.second));
  }
  return out;
}

core::Result<LookupResult> TicketService::lookup(std::string_view number, std::string_view email) {
  auto parsed = TicketNumber::parse(number);
  if (!parsed) return parsed.take_error();
  const std::string lower = core::ascii_lower(core::trim(email));
  if (auto e = check_email("email", lower)) return core::Error::validation({*e});
  const auto ticket = tickets_.find_for_lookup(*parsed);
  if (!ticket || ticket->customer.email != lower) {
    return core::Error::not_found("No ticket with this number and email.");
  }
  LookupResult result{ticket->number, ticket->status, ticket->updated_at};
  result.ticket = ticket;
  // Lookups of a merged ticket lead to the ticket it went into, when the same address owns it.
  if (ticket->merged_into_id) {
    if (const auto into = tickets_.find_by_id(*ticket->merged_into_id); into && into->customer.email == lower)
      result.merged_into = into->number.str();
  }
  return result;
}

core::Result<Page<Ticket>> TicketService::queue(const Actor& actor, const ListRequest& request) {
  auto scope = staff_scope(actor);
  if (!scope) return scope.take_error();
  auto query = queue_query(*scope, request);
  if (!query) return query.take_error();
  return tickets_.list(*query);
}

core::Result<TicketQuery> TicketService::queue_query(const StaffScope& scope, const ListRequest& request) {
  TicketQuery query;
  if (request.view) {
    const auto view = parse_view(*request.view);
    if (!view) return core::Error::field("view", "invalid", "Unknown view.");
    query = view_query(*view, scope, clock_.now());
  } else {
    query.scope = scope;
  }
  auto statuses = parse_list<Status>("status", request.status, parse_status);
  if (!statuses) return statuses.take_error();
  auto priorities = parse_list<Priority>("priority", request.priority, parse_priority);
  if (!priorities) return priorities.take_error();
  auto limit = parse_limit(request.limit);
  if (!limit) return limit.take_error();
  if (auto e = check_text("q", request.text, kMaxSearchChars, Presence::kOptional))
    return core::Error::validation({*e});
  // Explicit filters narrow the view's.
  if (!statuses->empty()) query.statuses = std::move(statuses).value();
  if (!priorities->empty()) query.priorities = std::move(priorities).value();
  if (request.tag && !request.tag->empty()) {
    auto tag = normalize_tag(*request.tag);
    if (!tag) return core::Error::field("tag", "invalid", "Not a tag.");
    query.tag = *tag;
  }
  if (request.group_id) query.groups = {core::GroupId{*request.group_id}};
  if (request.assignee_id) query.assignee = core::UserId{*request.assignee_id};
  // A view brings its own order (recently solved: latest activity first); a plain list is by priority.
  if (!request.view) query.order = TicketQuery::Order::kQueue;
  if (request.sort && !request.sort->empty()) {
    const auto order = parse_queue_sort(*request.sort);
    if (!order) return core::Error::field("sort", "invalid", "One of priority, age, last_customer_message, due.");
    query.order = *order;
  }
  query.text = std::string(core::trim(request.text));
  // A typed ticket number in any spelling (lower case, spaces, O for 0) finds its ticket.
  if (auto number = TicketNumber::parse(query.text)) query.text = number->str();
  query.cursor = request.cursor;
  query.limit = *limit;
  return query;
}

core::Result<std::vector<ViewCount>> TicketService::views(const Actor& actor) {
  auto scope = staff_scope(actor);
  if (!scope) return scope.take_error();
  const auto now = clock_.now();
  std::vector<ViewCount> out;
  out.reserve(std::size(kAllViews));
  for (const auto view : kAllViews) {
    out.push_back({std::string(to_string(view)), tickets_.count(view_query(view, *scope, now))});
  }
  return out;
}

core::Result<TicketView> TicketService::agent_view(const Actor& actor, std::string_view number) {
  auto ticket = find_visible(actor, number, true);
  if (!ticket) return ticket.take_error();
  const auto id = ticket->id;
  TicketView view{*ticket, tickets_.messages(id, true), tickets_.events(id), std::nullopt, {}};
  // The customer panel: the account and the customer's other tickets, by account or guest address.
  // Only tickets this agent may open: the panel must not name another group's tickets.
  auto scope = staff_scope(actor);
  if (!scope) return scope.take_error();
  TicketQuery others;
  others.scope = *scope;
  if (ticket->customer.user_id) {
    view.customer_account = users_.find_by_id(*ticket->customer.user_id);
    others.customer = ticket->customer.user_id;
  } else {
    others.customer_email = ticket->customer.email;
  }
  others.limit = kCustomerPanelTickets + 1;
  if (auto page = tickets_.list(others)) {
    for (auto& other : page->items) {
      if (other.id != id && view.customer_tickets.size() < kCustomerPanelTickets)
        view.customer_tickets.push_back(std::move(other));
    }
  }
  return with_custom_fields(std::move(view), true);
}

core::Result<ChangedTicket> TicketService::agent_reply(const Actor& actor, std::string_view number,
                                                       const MessageSubmission& message) {
  auto ticket = find_visible(actor, number, true);
  if (!ticket) return ticket.take_error();
  if (auto e = check_text("body", message.body, settings_.max_body_chars, Presence::kRequired, true)) {
    return core::Error::validation({*e});
  }
  const auto changes = check_reply_update(message.update);
  if (!changes) return changes.error();
  if (ticket->status == Status::kClosed) return invalid_transition("The ticket is closed.");
  auto files = store_files(message.files);
  if (!files) return files.take_error();
  std::optional<core::Timestamp> seen;
  if (message.seen_updated_at) {
    seen = core::parse_rfc3339(*message.seen_updated_at);
    if (!seen) return core::Error::field("seen_updated_at", "invalid", "An RFC 3339 time, as the ticket showed it.");
  }
  const auto author = author_of(*actor.user);
  const auto now = clock_.now();
  const auto locale = recipient_locale(*ticket);
  const auto rules = current_rules();
  auto changed = tickets_.modify(ticket->id, [&](const Ticket& current) -> core::Result<TicketChange> {
    if (current.status == Status::kClosed) return invalid_transition("The ticket is closed.");
    // Decided inside the write transaction, so a change committed a moment ago is seen too.
    if (seen && !message.confirm && current.updated_at > *seen) {
      return core::Error::conflict("ticket_changed",
                                   "The ticket changed after your page showed it; look, then send again to confirm.");
    }
    TicketChange change{current, NewMessage{author, message.body, message.internal, *files}, {}, {}};
    // The first public answer takes a new ticket into work.
    if (!message.internal && current.status == Status::kNew)
      set_status(change.updated, Status::kOpen, now, author, change.events);
    if (auto refused = apply_reply_update(message.update, *changes, now, author, change)) return *refused;
    change.updated.updated_at = now;
    // A public reply is the customer's mail (it shows the new status); a note that sets pending or
    // resolved mails the status change as agent_update does.
    if (!message.internal) {
      change.effects = mails_.agent_reply(change.updated, locale, *change.message);
    } else if (change.updated.status != current.status && mails_customer(change.updated.status)) {
      change.effects = mails_.status_changed(change.updated, locale);
    }
    apply_update_rules(change, rules, locale);
    return change;
  });
  if (changed) announce(changed->ticket, ActivityKind::kMessageAdded, message.internal);
  return changed;
}

struct TicketService::CheckedUpdate {
  std::optional<Status> status;
  std::optional<Priority> priority;
  std::optional<std::optional<User>> assignee;  // engaged: change; inner empty: unassign
  std::vector<core::GroupId> assignee_groups;   // the new assignee's groups
  std::optional<Group> group;
  std::vector<std::string> add_tags;
  std::vector<std::string> remove_tags;
  std::optional<FieldEdit> field_edit;  // custom field answers (single-ticket updates only)
};

core::Result<TicketService::CheckedUpdate> TicketService::check_update(const TicketUpdate& update) {
  std::vector<core::FieldError> errors;
  CheckedUpdate checked;
  if (update.status) {
    checked.status = parse_status(*update.status);
    if (!checked.status) errors.push_back({"status", "invalid", "One of new, open, pending, resolved, closed."});
  }
  if (update.priority) {
    checked.priority = parse_priority(*update.priority);
    if (!checked.priority) errors.push_back({"priority", "invalid", "One of low, normal, high, urgent."});
  }
  if (update.assignee_id) {
    if (!*update.assignee_id) {
      checked.assignee = std::optional<User>{};
    } else if (auto user = users_.find_by_id(core::UserId{**update.assignee_id}); user && user->is_staff()) {
      if (groups_) checked.assignee_groups = groups_->groups_of(user->id);
      checked.assignee = std::move(user);
    } else {
      errors.push_back({"assignee_id", "unknown_user", "No such agent."});
    }
  }
  if (update.group_id) {
    checked.group = groups_ ? groups_->find(core::GroupId{*update.group_id}) : std::nullopt;
    if (!checked.group) errors.push_back({"group_id", "unknown_group", "No such group."});
  }
  const auto read_tags = [&errors](std::string_view field, const std::vector<std::string>& tags,
                                   std::vector<std::string>& out) {
    if (tags.size() > kMaxTagsPerTicket) {
      errors.push_back({std::string(field), "too_many", "At most " + std::to_string(kMaxTagsPerTicket) + " tags."});
      return;
    }
    for (const auto& tag : tags) {
      if (auto normalized = normalize_tag(tag)) {
        out.push_back(*normalized);
      } else {
        errors.push_back({std::string(field), "invalid", "Tags are 1 to 40 characters without spaces or commas."});
        return;
      }
    }
  };
  read_tags("add_tags", update.add_tags, checked.add_tags);
  read_tags("remove_tags", update.remove_tags, checked.remove_tags);
  if (update.empty()) errors.push_back({"status", "required", "Give at least one change."});
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return checked;
}

core::Result<Ticket> TicketService::agent_update(const Actor& actor, std::string_view number,
                                                 const TicketUpdate& update) {
  auto ticket = find_visible(actor, number, true);
  if (!ticket) return ticket.take_error();
  auto checked = check_update(update);
  // Custom fields are checked against this ticket's category, beside the other changes' errors.
  auto edit = field_edit(*ticket, update.fields, author_of(*actor.user));
  if (!edit) {
    if (checked || edit.error().fields.empty()) return edit.take_error();
    auto error = checked.take_error();
    error.fields.insert(error.fields.end(), edit.error().fields.begin(), edit.error().fields.end());
    return error;
  }
  if (!checked) return checked.take_error();
  checked->field_edit = std::move(*edit);
  return apply_update(actor, *ticket, *checked);
}

core::Result<Ticket> TicketService::apply_update(const Actor& actor, const Ticket& ticket,
                                                 const CheckedUpdate& update) {
  const auto author = author_of(*actor.user);
  const bool any_group = actor.user->sees_all_groups();
  const auto now = clock_.now();
  const auto locale = recipient_locale(ticket);
  const auto rules = current_rules();
  auto changed = tickets_.modify(ticket.id, [&](const Ticket& current) -> core::Result<TicketChange> {
    TicketChange change{current, std::nullopt, {}, {}};
    Ticket& updated = change.updated;
    if (update.status && *update.status != current.status) {
      if (!agent_may_change(current.status, *update.status)) {
        return invalid_transition("A ticket cannot go from " + std::string(to_string(current.status)) + " to " +
                                  std::string(to_string(*update.status)) + ".");
      }
      set_status(updated, *update.status, now, author, change.events);
      if (mails_customer(*update.status)) change.effects = mails_.status_changed(updated, locale);
    }
    const bool other_changes =
        update.priority || update.assignee || update.group || !update.add_tags.empty() || !update.remove_tags.empty();
    if (other_changes && current.status == Status::kClosed) return invalid_transition("The ticket is closed.");
    if (update.priority && *update.priority != current.priority) {
      change.events.push_back({EventType::kPriorityChanged, std::string(to_string(current.priority)),
                               std::string(to_string(*update.priority)), author});
      updated.priority = *update.priority;
    }
    if (update.group && update.group->id != current.group_id) {
      change.events.push_back({EventType::kGroupChanged, current.group_name, update.group->name, author});
      updated.group_id = update.group->id;
      updated.group_name = update.group->name;
    }
    if (update.assignee) {
      const auto& to = *update.assignee;
      const std::optional<core::UserId> to_id = to ? std::optional(to->id) : std::nullopt;
      // Agents hand tickets only to members of the ticket's group; supervisors to anyone.
      if (to && !any_group && updated.group_id &&
          std::find(update.assignee_groups.begin(), update.assignee_groups.end(), *updated.group_id) ==
              update.assignee_groups.end()) {
        return core::Error::field("assignee_id", "assignee_not_in_group", "The agent is not in the ticket's group.");
      }
      if (to_id != current.assignee_id) {
        change.events.push_back({EventType::kAssigneeChanged, current.assignee_name, to ? to->name : "", author});
        updated.assignee_id = to_id;
        updated.assignee_name = to ? to->name : "";
      }
    }
    for (const auto& tag : update.remove_tags) {
      if (remove_tag(updated.tags, tag)) change.events.push_back({EventType::kTagRemoved, tag, "", author});
    }
    for (const auto& tag : update.add_tags) {
      if (add_tag(updated.tags, tag)) change.events.push_back({EventType::kTagAdded, "", tag, author});
    }
    if (updated.tags.size() > kMaxTagsPerTicket) {
      return core::Error::field("add_tags", "too_many",
                                "A ticket has at most " + std::to_string(kMaxTagsPerTicket) + " tags.");
    }
    if (update.field_edit) {
      if (current.status == Status::kClosed) return invalid_transition("The ticket is closed.");
      change.field_edit = *update.field_edit;
    }
    apply_update_rules(change, rules, locale);
    if (!change.events.empty() || change.field_edit) updated.updated_at = now;
    return change;
  });
  if (!changed) return changed.take_error();
  announce(changed->ticket, ActivityKind::kUpdated);
  return std::move(changed->ticket);
}

namespace {

// What the merged ticket's customer reads, in their language. A customer who does not own the
// surviving ticket is not given its number: they could not open it.
std::string merge_notice(Locale locale, const std::optional<std::string>& into) {
  if (locale == Locale::kEn) {
    return into ? "This ticket has been merged into ticket " + *into + ". Please follow " + *into + " for updates."
                : "This ticket has been merged with another report of the same problem, which our team keeps working "
                  "on. Reply to this mail if you have anything to add.";
  }
  return into ? "此工单已合并到工单 " + *into + "，后续进展请在 " + *into + " 中查看。"
              : "此工单已与另一份相同问题的报告合并处理，我们的团队会继续跟进。如有补充，请直接回复此邮件。";
}

}  // namespace

core::Result<ChangedTicket> TicketService::merge(const Actor& actor, std::string_view source_number,
                                                 std::string_view target_number) {
  auto source = find_visible(actor, source_number, true);
  if (!source) return source.take_error();
  auto target = find_visible(actor, target_number, true);
  if (!target) return target.take_error();
  if (source->id == target->id) return core::Error::field("into", "same_ticket", "A ticket cannot merge into itself.");
  const auto author = author_of(*actor.user);
  const auto now = clock_.now();
  const auto locale = recipient_locale(*source);
  auto merged =
      tickets_.merge(source->id, target->id, [&](const Ticket& from, const Ticket& to) -> core::Result<MergePlan> {
        if (from.status == Status::kClosed) return invalid_transition("A closed ticket cannot be merged.");
        if (to.status == Status::kClosed || to.merged_into_id)
          return invalid_transition("A ticket cannot be merged into a closed one.");
        const bool same_customer = from.customer.email == to.customer.email;
        MergePlan plan;
        plan.copy_as_internal = !same_customer;
        plan.source = {from, std::nullopt, {}, {}};
        Ticket& closed = plan.source.updated;
        set_status(closed, Status::kClosed, now, author, plan.source.events);
        plan.source.events.push_back({EventType::kMergedInto, "", to.number.str(), author});
        closed.updated_at = now;
        const auto into = same_customer ? std::optional(to.number.str()) : std::nullopt;
        plan.source.message = NewMessage{author, merge_notice(locale, into), false, {}};
        plan.source.effects = mails_.agent_reply(closed, locale, *plan.source.message);
        plan.target = {to, std::nullopt, {}, {}};
        plan.target.events.push_back({EventType::kMergedFrom, from.number.str(), "", author});
        plan.target.updated.updated_at = now;
        return plan;
      });
  if (!merged) return merged;
  // Both tickets changed: the merged one closed, the survivor gained its history.
  if (auto closed = tickets_.find_by_id(source->id)) announce(*closed, ActivityKind::kUpdated);
  announce(merged->ticket, ActivityKind::kMessageAdded);
  return merged;
}

core::Result<std::vector<BulkOutcome>> TicketService::bulk_update(const Actor& actor,
                                                                  const std::vector<std::string>& numbers,
                                                                  const TicketUpdate& update) {
  auto scope = staff_scope(actor);
  if (!scope) return scope.take_error();
  if (numbers.empty() || numbers.size() > kMaxBulkTickets) {
    return core::Error::field("numbers", "invalid", "1 to " + std::to_string(kMaxBulkTickets) + " tickets.");
  }
  auto checked = check_update(update);
  if (!checked) return checked.take_error();
  std::vector<BulkOutcome> outcomes;
  for (const auto& number : numbers) {
    BulkOutcome outcome{number, std::nullopt};
    auto ticket = find_visible(actor, number, true);
    if (!ticket) {
      outcome.error = ticket.take_error();
    } else if (auto changed = apply_update(actor, *ticket, *checked); !changed) {
      outcome.error = changed.take_error();
    } else {
      outcome.number = changed->number.str();
    }
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

void TicketService::announce(const Ticket& ticket, ActivityKind kind, bool internal) {
  if (!publisher_) return;
  TicketActivity activity;
  activity.kind = kind;
  activity.ticket_id = ticket.id;
  activity.number = ticket.number.str();
  activity.group_id = ticket.group_id;
  activity.assignee_id = ticket.assignee_id;
  activity.status = ticket.status;
  activity.priority = ticket.priority;
  activity.updated_at = ticket.updated_at;
  activity.internal = internal;
  publisher_->publish(activity);
}

core::Result<AttachmentDownload> TicketService::attachment(const Actor& actor, core::AttachmentId id) {
  if (!actor.user && !actor.grant) return core::Error::unauthenticated();
  auto attachment = tickets_.find_attachment(id);
  if (!attachment) return core::Error::not_found("No such attachment.");
  if (!actor.is_staff()) {
    const auto ticket = tickets_.find_by_id(attachment->ticket_id);
    if (attachment->internal || !ticket || !may_act_as_customer(actor, *ticket)) {
      return core::Error::not_found("No such attachment.");
    }
  }
  auto bytes = blobs_.get(attachment->storage_key);
  if (!bytes) return core::Error::unavailable("The attachment's file is missing.");
  return AttachmentDownload{std::move(*attachment), std::move(*bytes)};
}

}  // namespace gongdan::domain
