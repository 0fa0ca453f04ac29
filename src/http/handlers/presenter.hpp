#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/sla/sla_service.hpp"
#include "domain/tickets/ticket_service.hpp"
#include "http/context/request_context.hpp"
#include "http/json/encode.hpp"

namespace gongdan::http {

/// Turns tickets into JSON for one request: category names in its locale (loaded once), and the
/// reopen deadline of resolved tickets from the service's settings.
class TicketPresenter {
 public:
  /// Who reads: staff get the workspace members (group, assignee, tags) and the customer panel.
  enum class Audience { kCustomer, kStaff };
  explicit TicketPresenter(const RequestContext& ctx, Audience audience = Audience::kCustomer);

  nlohmann::json ticket(const domain::Ticket& ticket, TicketText text = TicketText::kDescription);
  /// {items: [ticket], next_cursor} as JSON text, written without a tree.
  std::string page_text(const domain::Page<domain::Ticket>& page);
  /// {ticket (with custom_fields), messages, events}
  nlohmann::json view(const domain::TicketView& view);

 private:
  using KnownReplyBy = std::optional<domain::sla::ReplyBy>;
  std::string category_name(core::CategoryId id);
  std::optional<core::Timestamp> reopen_until(const domain::Ticket& ticket) const;
  /// Calls write(TicketReader) with what this audience reads of `ticket` beyond the common
  /// members: customers `reply_by` (read now unless given: a page reads all of its rows' at
  /// once), staff the workspace and service level (docs/sla.md: `sla` with its targets outside
  /// lists).
  template <typename Write>
  void as_read(const domain::Ticket& ticket, bool in_list, const KnownReplyBy* reply_by, Write&& write);
  /// The view's custom field answers on the ticket, and the field named on each field_changed event.
  void add_custom_fields(const domain::TicketView& view, nlohmann::json& ticket_body, nlohmann::json& events);

  Audience audience_;
  domain::CatalogRepository& catalog_;
  domain::sla::SlaService* sla_ = nullptr;
  domain::Locale locale_;
  std::chrono::hours reopen_window_;
  std::optional<std::vector<domain::Category>> categories_;
};

}  // namespace gongdan::http
