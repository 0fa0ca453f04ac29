#pragma once

#include <filesystem>
#include <memory>

#include "core/clock.hpp"
#include "domain/tickets/ticket_service.hpp"
#include "domain/users/auth_service.hpp"

namespace gongdan::app {

/// Everything a command needs, wired once: the only place that knows the concrete classes.
class Composition {
 public:
  /// Opens (and migrates) the SQLite database in `data_dir`, creating the folder if needed.
  static std::unique_ptr<Composition> open(const std::filesystem::path& data_dir, domain::TicketSettings settings = {});
  ~Composition();
  Composition(const Composition&) = delete;
  Composition& operator=(const Composition&) = delete;

  domain::AuthService& auth();
  domain::TicketService& tickets();
  domain::CatalogRepository& catalog();
  const core::Clock& clock() const;

 private:
  struct Parts;
  explicit Composition(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace gongdan::app
