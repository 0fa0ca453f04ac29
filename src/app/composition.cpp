#include "app/composition.hpp"

#include "security/sodium_crypto.hpp"
#include "storage/files/directory_blob_store.hpp"
#include "storage/files/magic_file_type_detector.hpp"
#include "storage/sqlite_database.hpp"

namespace gongdan::app {

// Declaration order is construction order: services are built on the parts above them.
struct Composition::Parts {
  security::SodiumCrypto crypto;
  core::SystemClock clock;
  std::unique_ptr<storage::SqliteDatabase> database;
  std::unique_ptr<storage::DirectoryBlobStore> blobs;
  storage::MagicFileTypeDetector detector;
  std::unique_ptr<domain::AuthService> auth;
  std::unique_ptr<domain::TicketService> tickets;
};

std::unique_ptr<Composition> Composition::open(const std::filesystem::path& data_dir, domain::TicketSettings settings) {
  std::filesystem::create_directories(data_dir);
  auto parts = std::make_unique<Parts>();
  parts->database = storage::SqliteDatabase::open(data_dir);
  parts->blobs = std::make_unique<storage::DirectoryBlobStore>(data_dir / "attachments", parts->crypto);
  parts->auth = std::make_unique<domain::AuthService>(parts->database->users(), parts->crypto, parts->clock);
  parts->tickets = std::make_unique<domain::TicketService>(parts->database->tickets(), parts->database->catalog(),
                                                            *parts->blobs, parts->detector, parts->crypto, parts->clock,
                                                            settings);
  return std::unique_ptr<Composition>(new Composition(std::move(parts)));
}

Composition::Composition(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
Composition::~Composition() = default;

domain::AuthService& Composition::auth() { return *parts_->auth; }
domain::TicketService& Composition::tickets() { return *parts_->tickets; }
domain::CatalogRepository& Composition::catalog() { return parts_->database->catalog(); }
const core::Clock& Composition::clock() const { return parts_->clock; }

}  // namespace gongdan::app
