#pragma once

#include "http/context/request_context.hpp"
#include "http/response.hpp"

namespace gongdan::http {

// The admin's mail pages (role admin): outbox, settings, templates. See docs/mail.md.

/// GET /api/v1/admin/outbox?state=&recipient=&cursor=&limit= → {items, next_cursor}.
Response list_outbox(RequestContext& ctx);
/// POST /api/v1/admin/outbox/{id}/retry → the entry, queued again.
Response retry_outbox_mail(RequestContext& ctx);
/// GET /api/v1/admin/mail/settings.
Response get_mail_settings(RequestContext& ctx);
/// PUT /api/v1/admin/mail/settings.
Response put_mail_settings(RequestContext& ctx);
/// POST /api/v1/admin/mail/test {to} → {accepted, answer}.
Response send_test_mail(RequestContext& ctx);
/// GET /api/v1/admin/mail/templates.
Response list_mail_templates(RequestContext& ctx);
/// PUT /api/v1/admin/mail/templates/{kind}/{locale}.
Response put_mail_template(RequestContext& ctx);
/// DELETE /api/v1/admin/mail/templates/{kind}/{locale} → 204.
Response reset_mail_template(RequestContext& ctx);
/// POST /api/v1/admin/mail/templates/{kind}/{locale}/preview → {subject, text, html}.
Response preview_mail_template(RequestContext& ctx);

}  // namespace gongdan::http
