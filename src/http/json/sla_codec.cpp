#include "http/json/sla_codec.hpp"

#include <array>

#include "domain/sla/civil_date.hpp"
#include "domain/sla/special_day.hpp"
#include "domain/sla/weekly_hours.hpp"
#include "domain/sla/working_hours.hpp"
#include "http/json/encode.hpp"
#include "http/json/field_reader.hpp"
#include "http/json/ticket_fields.hpp"

namespace gongdan::http {
namespace {

namespace sla = domain::sla;

constexpr std::array<domain::Priority, 4> kPriorities{domain::Priority::kLow, domain::Priority::kNormal,
                                                      domain::Priority::kHigh, domain::Priority::kUrgent};
constexpr std::array<std::chrono::weekday, 7> kWeek{std::chrono::Monday,   std::chrono::Tuesday, std::chrono::Wednesday,
                                                    std::chrono::Thursday, std::chrono::Friday,  std::chrono::Saturday,
                                                    std::chrono::Sunday};
// Lists longer than the domain's limits are refused before they are read.
constexpr std::size_t kMaxListItems = 201;
constexpr std::size_t kMaxHoursPerDay = 24;

nlohmann::json day_hours_json(const sla::DayHours& hours) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& interval : hours) list.push_back(sla::format_day_hours({interval}));
  return list;
}

// A day's intervals, each read on its own so that a problem names its index.
std::optional<sla::DayHours> read_day_hours(const nlohmann::json& value, const std::string& field,
                                            std::vector<core::FieldError>& errors) {
  if (!value.is_array()) {
    errors.push_back({field, "invalid_type", "Expected a list of intervals such as \"09:00-18:00\"."});
    return std::nullopt;
  }
  if (value.size() > kMaxHoursPerDay) {
    errors.push_back({field, "too_many", "At most 24 intervals a day."});
    return std::nullopt;
  }
  sla::DayHours hours;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_field = field + "[" + std::to_string(i) + "]";
    if (!value[i].is_string()) {
      errors.push_back({item_field, "invalid_type", "Expected text such as \"09:00-18:00\"."});
      continue;
    }
    auto parsed = sla::parse_day_hours(value[i].get<std::string>(), item_field);
    if (!parsed || parsed->size() != 1) {
      errors.push_back({item_field, "invalid_interval", "Write one interval such as 09:00-18:00."});
      continue;
    }
    hours.push_back(parsed->front());
  }
  return hours;
}

void read_targets(FieldReader& targets, sla::SlaPolicyInput& input) {
  for (std::size_t p = 0; p < kPriorities.size(); ++p) {
    const std::string priority(domain::to_string(kPriorities[p]));
    if (!targets.json().contains(priority)) continue;
    if (targets.is_null(priority)) {
      for (auto& t : input.targets[p]) t.reset();
      continue;
    }
    auto by_kind = targets.object(priority);
    if (!by_kind) continue;
    for (const auto kind : sla::kTargetKinds) {
      const std::string name(sla::to_string(kind));
      auto& slot = input.targets[p][static_cast<int>(kind)];
      if (!by_kind->json().contains(name)) continue;
      if (by_kind->is_null(name)) {
        slot.reset();
        continue;
      }
      auto target = by_kind->object(name);
      if (!target) continue;
      slot = sla::SlaTargetInput{target->string("duration").value_or(""), target->string("clock").value_or("")};
    }
  }
}

nlohmann::json figures_json(const sla::TargetFigures& f) {
  const auto number = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"measured", f.measured},
          {"met", f.met},
          {"met_share", number(f.met_share)},
          {"median_minutes", number(f.median_minutes)},
          {"p90_minutes", number(f.p90_minutes)}};
}

}  // namespace

nlohmann::json sla_policy_json(const sla::SlaPolicy& policy) {
  nlohmann::json categories = nlohmann::json::array();
  for (const auto id : policy.categories) categories.push_back(id.value);
  nlohmann::json targets = nlohmann::json::object();
  for (std::size_t p = 0; p < kPriorities.size(); ++p) {
    nlohmann::json by_kind = nlohmann::json::object();
    for (const auto kind : sla::kTargetKinds) {
      const auto& t = policy.targets[p][kind];
      by_kind[std::string(sla::to_string(kind))] =
          t ? nlohmann::json{{"duration", sla::format_sla_duration(t->duration)}, {"clock", sla::to_string(t->clock)}}
            : nlohmann::json(nullptr);
    }
    targets[std::string(domain::to_string(kPriorities[p]))] = std::move(by_kind);
  }
  const auto& e = policy.escalation;
  return {{"id", policy.id},
          {"name", policy.name},
          {"position", policy.position},
          {"enabled", policy.enabled},
          {"calendar", policy.calendar},
          {"categories", std::move(categories)},
          {"customer_domains", policy.customer_domains},
          {"targets", std::move(targets)},
          {"escalation",
           {{"notify_supervisors", e.notify_supervisors},
            {"raise_priority", e.raise_priority},
            {"escalation_group_id",
             e.escalation_group_id ? nlohmann::json(e.escalation_group_id->value) : nlohmann::json(nullptr)}}}};
}

nlohmann::json sla_policies_json(const std::vector<sla::SlaPolicy>& policies) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : policies) items.push_back(sla_policy_json(p));
  return {{"items", std::move(items)}};
}

core::Result<sla::SlaPolicyInput> decode_sla_policy(const nlohmann::json& body, sla::SlaPolicyInput input) {
  std::vector<core::FieldError> errors;
  if (!body.is_object()) return core::Error::field("", "invalid_type", "Expected a JSON object.");
  FieldReader r(body, "", errors);
  if (auto name = r.string("name")) input.name = *name;
  if (auto enabled = r.boolean("enabled")) input.enabled = *enabled;
  if (auto calendar = r.string("calendar")) input.calendar = *calendar;
  if (body.contains("categories")) input.categories = r.integers("categories", kMaxListItems);
  if (body.contains("customer_domains")) input.customer_domains = r.strings("customer_domains", kMaxListItems);
  if (auto targets = r.object("targets")) read_targets(*targets, input);
  if (auto escalation = r.object("escalation")) {
    if (auto v = escalation->boolean("notify_supervisors")) input.escalation.notify_supervisors = *v;
    if (auto v = escalation->boolean("raise_priority")) input.escalation.raise_priority = *v;
    if (escalation->is_null("escalation_group_id")) {
      input.escalation.escalation_group_id.reset();
    } else if (auto id = escalation->integer("escalation_group_id")) {
      input.escalation.escalation_group_id = core::GroupId{*id};
    }
  }
  // Any problem reading the body refuses it: a list cut short by `too_many` reads as empty, and an empty
  // category or domain list means "match everything", so saving it would widen the policy.
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return input;
}

core::Result<std::vector<std::int64_t>> decode_sla_policy_order(const nlohmann::json& body) {
  std::vector<core::FieldError> errors;
  if (!body.is_object()) return core::Error::field("ids", "required", "Send {ids: [...]}.");
  FieldReader r(body, "", errors);
  auto ids = r.integers("ids", 1000);
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return ids;
}

nlohmann::json sla_calendar_json(const sla::StoredCalendar& calendar) {
  const auto& d = calendar.definition;
  nlohmann::json weekly = nlohmann::json::object();
  for (const auto day : kWeek) weekly[std::string(sla::WeeklyHours::day_name(day))] = day_hours_json(d.weekly.on(day));
  nlohmann::json days = nlohmann::json::array();
  for (const auto& day : d.special_days) {
    days.push_back({{"date", sla::format_iso_date(day.date)},
                    {"kind", sla::to_string(day.kind)},
                    {"name", day.name},
                    {"hours", day.hours ? day_hours_json(*day.hours) : nlohmann::json(nullptr)}});
  }
  return {{"name", d.name},
          {"time_zone", d.time_zone.name()},
          {"weekly", std::move(weekly)},
          {"special_days", std::move(days)},
          {"used_by", calendar.used_by},
          {"read_only", d.name == sla::kAlwaysOpenCalendar}};
}

nlohmann::json sla_calendars_json(const std::vector<sla::StoredCalendar>& calendars) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : calendars) items.push_back(sla_calendar_json(c));
  return {{"items", std::move(items)}};
}

core::Result<sla::CalendarDefinition> decode_sla_calendar(const nlohmann::json& body) {
  std::vector<core::FieldError> errors;
  if (!body.is_object()) return core::Error::field("", "invalid_type", "Expected a JSON object.");
  FieldReader r(body, "", errors);
  sla::CalendarDefinition definition;
  const auto zone_name = r.string("time_zone").value_or("Asia/Shanghai");
  if (auto zone = core::TimeZone::locate(zone_name)) {
    definition.time_zone = *zone;
  } else {
    errors.push_back({"time_zone", "unknown_time_zone", "Name an IANA time zone such as Asia/Shanghai."});
  }
  if (body.contains("weekly")) {
    if (auto weekly = r.object("weekly")) {
      for (const auto day : kWeek) {
        const std::string name(sla::WeeklyHours::day_name(day));
        if (!weekly->json().contains(name) || weekly->is_null(name)) continue;
        if (auto hours = read_day_hours(weekly->json().at(name), "weekly." + name, errors)) {
          definition.weekly.set(day, std::move(*hours));
        }
      }
    }
  }
  if (body.contains("special_days") && !body.at("special_days").is_null()) {
    const auto& days = body.at("special_days");
    if (!days.is_array()) {
      errors.push_back({"special_days", "invalid_type", "Expected a list."});
    } else if (days.size() > sla::kMaxSpecialDays) {
      errors.push_back({"special_days", "too_many", "At most 5000 special days."});
    } else {
      for (std::size_t i = 0; i < days.size(); ++i) {
        const std::string field = "special_days[" + std::to_string(i) + "]";
        if (!days[i].is_object()) {
          errors.push_back({field, "invalid_type", "Expected an object."});
          continue;
        }
        FieldReader d(days[i], field, errors);
        sla::SpecialDay day;
        const auto date = sla::parse_iso_date(d.required_string("date"));
        if (!date) errors.push_back({field + ".date", "invalid", "Write the date as YYYY-MM-DD."});
        const auto kind = sla::parse_day_kind(d.required_string("kind"));
        if (!kind) errors.push_back({field + ".kind", "invalid", "The kind is holiday or workday."});
        day.name = d.string("name").value_or("");
        if (days[i].contains("hours") && !days[i].at("hours").is_null()) {
          day.hours = read_day_hours(days[i].at("hours"), field + ".hours", errors);
          if (!day.hours) day.hours = sla::DayHours{};
        }
        if (date && kind) {
          day.date = *date;
          day.kind = *kind;
          definition.special_days.push_back(std::move(day));
        }
      }
    }
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return definition;
}

nlohmann::json calendar_import_json(const sla::CalendarImport& report) {
  return {{"calendar", sla_calendar_json(report.calendar)},
          {"imported", report.imported},
          {"years", report.years},
          {"replaced", report.replaced}};
}

nlohmann::json reply_by_json(const std::optional<sla::ReplyBy>& reply_by) {
  nlohmann::json holder(nlohmann::json::value_t::object);
  TreeFields fields(holder);
  reply_by_field(fields, "reply_by", reply_by);
  return std::move(holder["reply_by"]);
}

nlohmann::json sla_report_json(const sla::SlaReport& report) {
  nlohmann::json priorities = nlohmann::json::array();
  for (const auto& p : report.priorities) {
    priorities.push_back({{"priority", domain::to_string(p.priority)},
                          {"created", p.created},
                          {"first_response", figures_json(p.first_response)},
                          {"resolution", figures_json(p.resolution)}});
  }
  nlohmann::json daily = nlohmann::json::array();
  const auto number = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  for (const auto& d : report.daily) {
    daily.push_back({{"date", sla::format_iso_date(d.date)},
                     {"first_response_met_share", number(d.first_response_met_share)},
                     {"resolution_met_share", number(d.resolution_met_share)}});
  }
  return {{"from", sla::format_iso_date(report.from)},
          {"to", sla::format_iso_date(report.to)},
          {"priorities", std::move(priorities)},
          {"daily", std::move(daily)}};
}

}  // namespace gongdan::http
