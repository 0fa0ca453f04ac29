#include "storage/files/directory_blob_store.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "security/sodium_crypto.hpp"
#include "storage/testing/temp_dir.hpp"

namespace gongdan::storage {
namespace {

class DirectoryBlobStoreTest : public ::testing::Test {
 protected:
  std::filesystem::path root() const { return dir_.path() / "attachments"; }

  testing::TempDir dir_;
  security::SodiumCrypto crypto_;
  DirectoryBlobStore store_{root(), crypto_};
};

TEST_F(DirectoryBlobStoreTest, StoresBytesUnderTheirSha256) {
  const std::string bytes("截图\0binary\xff", 15);
  const auto key = store_.put(bytes);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(*key, crypto_.digest(bytes));
  EXPECT_TRUE(DirectoryBlobStore::valid_key(*key));
  EXPECT_TRUE(std::filesystem::is_regular_file(root() / key->substr(0, 2) / key->substr(2)));
  const auto read = store_.get(*key);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(*read, bytes);
}

TEST_F(DirectoryBlobStoreTest, KnownSha256AndEmptyFiles) {
  const auto key = store_.put("");
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(*key, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(store_.get(*key), std::optional<std::string>(""));
}

TEST_F(DirectoryBlobStoreTest, TheSameBytesShareOneFileAndNoTempFileRemains) {
  const auto first = store_.put("same bytes");
  const auto second = store_.put("same bytes");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, *second);
  EXPECT_TRUE(std::filesystem::is_empty(root() / "tmp"));
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root())) files += entry.is_regular_file();
  EXPECT_EQ(files, 1u);
}

TEST_F(DirectoryBlobStoreTest, AnUnknownKeyIsAbsent) { EXPECT_FALSE(store_.get(std::string(64, '0')).has_value()); }

TEST_F(DirectoryBlobStoreTest, HostileKeysNeverReachTheFileSystem) {
  // A file outside the store that a traversal would reach.
  std::ofstream(dir_.path() / "secret") << "do not serve";
  const auto key = store_.put("x");
  ASSERT_TRUE(key.ok());
  std::string upper = *key;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::vector<std::string> hostile{
      "",
      "../secret",
      "../../secret",
      "/etc/passwd",
      key->substr(0, 2) + "/" + key->substr(2),
      key->substr(0, 63),
      *key + "0",
      upper,
      std::string("..") + std::string(62, 'a'),
      key->substr(0, 63) + std::string(1, '\0'),
      "tmp/" + std::string(60, 'a'),
  };
  for (const auto& bad : hostile) {
    EXPECT_FALSE(DirectoryBlobStore::valid_key(bad)) << bad;
    EXPECT_FALSE(store_.get(bad).has_value()) << bad;
  }
}

TEST_F(DirectoryBlobStoreTest, ConcurrentPutsOfTheSameBytesAgree) {
  std::vector<std::thread> threads;
  std::vector<std::string> keys(8);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    threads.emplace_back([&, i] { keys[i] = store_.put(std::string(100'000, 'z')).value(); });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& key : keys) EXPECT_EQ(key, keys.front());
  EXPECT_EQ(store_.get(keys.front())->size(), 100'000u);
}

}  // namespace
}  // namespace gongdan::storage
