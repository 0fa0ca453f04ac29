#include "http/routes.hpp"

#include <array>

#include "http/handlers/admin_catalog_handlers.hpp"
#include "http/handlers/admin_mail_handlers.hpp"
#include "http/handlers/admin_rule_handlers.hpp"
#include "http/handlers/admin_staff_handlers.hpp"
#include "http/handlers/agent_handlers.hpp"
#include "http/handlers/attachment_handlers.hpp"
#include "http/handlers/auth_handlers.hpp"
#include "http/handlers/live_handlers.hpp"
#include "http/handlers/macro_handlers.hpp"
#include "http/handlers/mail_link_handlers.hpp"
#include "http/handlers/public_handlers.hpp"
#include "http/handlers/sla_handlers.hpp"
#include "http/handlers/ticket_handlers.hpp"
#include "http/server.hpp"

namespace gongdan::http {
namespace {

constexpr std::optional<RateAction> kUnlimited = std::nullopt;

// PATCH and PUT on /api/v1/tickets/{number} are absent on purpose: a submitted ticket's subject and
// description never change, so those answer 405.
const std::array kRoutes{
    RouteSpec{"GET", "/healthz", &health, kUnlimited, RouteCost::kQuickRead},
    RouteSpec{"GET", "/api/v1/config", &get_config, kUnlimited},
    RouteSpec{"GET", "/api/v1/categories", &list_categories, kUnlimited},
    RouteSpec{"GET", "/api/v1/articles", &list_articles, kUnlimited},

    RouteSpec{"POST", "/api/v1/auth/register", &register_user, RateAction::kRegister},
    RouteSpec{"POST", "/api/v1/auth/login", &login, RateAction::kLogin},
    RouteSpec{"POST", "/api/v1/auth/logout", &logout, kUnlimited},
    RouteSpec{"POST", "/api/v1/auth/link", &request_sign_in_link, RateAction::kMail},
    RouteSpec{"POST", "/api/v1/auth/link/session", &sign_in_with_link, RateAction::kLookup},
    RouteSpec{"GET", "/api/v1/me", &get_me, kUnlimited, RouteCost::kQuickRead},
    RouteSpec{"PATCH", "/api/v1/me", &update_me, kUnlimited},

    RouteSpec{"POST", "/api/v1/tickets", &submit_ticket, RateAction::kSubmit},
    RouteSpec{"GET", "/api/v1/tickets", &list_my_tickets, kUnlimited, RouteCost::kQuickRead},
    RouteSpec{"GET", "/api/v1/tickets/similar", &similar_tickets, kUnlimited},
    RouteSpec{"POST", "/api/v1/tickets/lookup", &lookup_ticket, RateAction::kLookup, RouteCost::kQuickRead},
    RouteSpec{"POST", "/api/v1/tickets/lookup/link", &request_ticket_link, RateAction::kMail},
    RouteSpec{"GET", "/api/v1/tickets/{number}", &get_ticket, kUnlimited},
    RouteSpec{"POST", "/api/v1/tickets/{number}/messages", &add_message, kUnlimited},
    RouteSpec{"POST", "/api/v1/tickets/{number}/close", &close_ticket, kUnlimited},
    RouteSpec{"POST", "/api/v1/tickets/{number}/reopen", &reopen_ticket, kUnlimited},
    RouteSpec{"POST", "/api/v1/tickets/{number}/links/revoke", &revoke_ticket_links, kUnlimited},
    RouteSpec{"GET", "/api/v1/attachments/{id}", &download_attachment, kUnlimited},
    RouteSpec{"POST", "/api/v1/links/ticket", &open_ticket_link, RateAction::kLookup},
    RouteSpec{"POST", "/api/v1/mail/ticket-list", &request_ticket_list, RateAction::kMail},

    RouteSpec{"GET", "/api/v1/agent/views", &list_views, kUnlimited},
    RouteSpec{"GET", "/api/v1/agent/staff", &get_staff_directory, kUnlimited},
    RouteSpec{"GET", "/api/v1/agent/tickets", &list_queue, kUnlimited},
    RouteSpec{"POST", "/api/v1/agent/tickets/bulk", &bulk_update_tickets, kUnlimited},
    RouteSpec{"GET", "/api/v1/agent/tickets/{number}", &agent_get_ticket, kUnlimited},
    RouteSpec{"PATCH", "/api/v1/agent/tickets/{number}", &agent_update_ticket, kUnlimited},
    RouteSpec{"POST", "/api/v1/agent/tickets/{number}/messages", &agent_add_message, kUnlimited},
    RouteSpec{"POST", "/api/v1/agent/tickets/{number}/merge", &merge_ticket, kUnlimited},
    // The WebSocket upgrade is taken by the server before routing; a plain GET lands here.
    RouteSpec{"GET", "/api/v1/ws", &live_updates, kUnlimited},
    RouteSpec{"GET", "/api/v1/agent/tickets/{number}/macros/{id}/preview", &preview_macro, kUnlimited},
    RouteSpec{"POST", "/api/v1/agent/tickets/{number}/macros/{id}/apply", &apply_macro, kUnlimited},
    RouteSpec{"GET", "/api/v1/agent/macros", &list_macros, kUnlimited},
    RouteSpec{"POST", "/api/v1/agent/macros", &create_macro, kUnlimited},
    RouteSpec{"PUT", "/api/v1/agent/macros/{id}", &update_macro, kUnlimited},
    RouteSpec{"DELETE", "/api/v1/agent/macros/{id}", &delete_macro, kUnlimited},

    RouteSpec{"GET", "/api/v1/admin/users", &list_users, kUnlimited},
    RouteSpec{"POST", "/api/v1/admin/users", &create_user, kUnlimited},
    RouteSpec{"PATCH", "/api/v1/admin/users/{id}", &update_user, kUnlimited},
    RouteSpec{"POST", "/api/v1/admin/groups", &create_group, kUnlimited},
    RouteSpec{"PUT", "/api/v1/admin/groups/{id}", &update_group, kUnlimited},
    RouteSpec{"GET", "/api/v1/admin/rules", &list_rules, kUnlimited},
    RouteSpec{"POST", "/api/v1/admin/rules", &create_rule, kUnlimited},
    RouteSpec{"PUT", "/api/v1/admin/rules/order", &reorder_rules, kUnlimited},
    RouteSpec{"PUT", "/api/v1/admin/rules/{id}", &update_rule, kUnlimited},
    RouteSpec{"DELETE", "/api/v1/admin/rules/{id}", &delete_rule, kUnlimited},
    RouteSpec{"GET", "/api/v1/admin/outbox", &list_outbox, kUnlimited},
    RouteSpec{"POST", "/api/v1/admin/outbox/{id}/retry", &retry_outbox_mail, kUnlimited},
    RouteSpec{"GET", "/api/v1/admin/mail/settings", &get_mail_settings, kUnlimited},
    RouteSpec{"PUT", "/api/v1/admin/mail/settings", &put_mail_settings, kUnlimited},
    RouteSpec{"POST", "/api/v1/admin/mail/test", &send_test_mail, kUnlimited},
    RouteSpec{"GET", "/api/v1/admin/mail/templates", &list_mail_templates, kUnlimited},
    RouteSpec{"PUT", "/api/v1/admin/mail/templates/{kind}/{locale}", &put_mail_template, kUnlimited},
    RouteSpec{"DELETE", "/api/v1/admin/mail/templates/{kind}/{locale}", &reset_mail_template, kUnlimited},
    RouteSpec{"POST", "/api/v1/admin/mail/templates/{kind}/{locale}/preview", &preview_mail_template, kUnlimited},

    RouteSpec{"GET", "/api/v1/admin/categories", &admin_list_categories, kUnlimited},
    RouteSpec{"POST", "/api/v1/admin/categories", &admin_create_category, kUnlimited},
    RouteSpec{"PUT", "/api/v1/admin/categories/{id}", &admin_update_category, kUnlimited},
    RouteSpec{"GET", "/api/v1/admin/categories/{id}/fields", &admin_list_fields, kUnlimited},
    RouteSpec{"POST", "/api/v1/admin/categories/{id}/fields", &admin_create_field, kUnlimited},
    RouteSpec{"PUT", "/api/v1/admin/categories/{id}/fields/{field_id}", &admin_update_field, kUnlimited},
    RouteSpec{"DELETE", "/api/v1/admin/categories/{id}/fields/{field_id}", &admin_delete_field, kUnlimited},

    // Service levels (docs/sla.md).
    RouteSpec{"GET", "/api/v1/admin/sla/policies", &list_sla_policies, kUnlimited},
    RouteSpec{"POST", "/api/v1/admin/sla/policies", &create_sla_policy, kUnlimited},
    RouteSpec{"POST", "/api/v1/admin/sla/policies/order", &reorder_sla_policies, kUnlimited},
    RouteSpec{"GET", "/api/v1/admin/sla/policies/{id}", &get_sla_policy, kUnlimited},
    RouteSpec{"PATCH", "/api/v1/admin/sla/policies/{id}", &update_sla_policy, kUnlimited},
    RouteSpec{"DELETE", "/api/v1/admin/sla/policies/{id}", &delete_sla_policy, kUnlimited},
    RouteSpec{"GET", "/api/v1/admin/sla/calendars", &list_sla_calendars, kUnlimited},
    RouteSpec{"GET", "/api/v1/admin/sla/calendars/{name}", &get_sla_calendar, kUnlimited},
    RouteSpec{"PUT", "/api/v1/admin/sla/calendars/{name}", &put_sla_calendar, kUnlimited},
    RouteSpec{"DELETE", "/api/v1/admin/sla/calendars/{name}", &delete_sla_calendar, kUnlimited},
    RouteSpec{"POST", "/api/v1/admin/sla/calendars/{name}/import", &import_sla_calendar, kUnlimited},
    RouteSpec{"GET", "/api/v1/admin/sla/calendars/{name}/export", &export_sla_calendar, kUnlimited},
    RouteSpec{"GET", "/api/v1/agent/reports/sla", &get_sla_report, kUnlimited},
};

}  // namespace

std::span<const RouteSpec> route_table() { return kRoutes; }

std::vector<RouteInfo> route_list() {
  std::vector<RouteInfo> routes;
  routes.reserve(kRoutes.size());
  for (const RouteSpec& r : kRoutes) routes.push_back({std::string(r.method), std::string(r.path)});
  return routes;
}

}  // namespace gongdan::http
