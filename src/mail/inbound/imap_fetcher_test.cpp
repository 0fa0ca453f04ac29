#include "mail/inbound/imap_fetcher.hpp"

#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "mail/inbound/inbound_filter.hpp"

extern char** environ;

namespace gongdan::mail {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDovecot = "/usr/sbin/dovecot";

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

bool accepts_connections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

/// A throw-away Dovecot for one test: static password, one maildir user, plain IMAP on a free
/// loopback port, everything in a temporary folder, run in the foreground as a child process.
class Dovecot {
 public:
  explicit Dovecot(const std::vector<std::string>& messages)
      : dir_(fs::temp_directory_path() / ("gongdan-dovecot-" + std::to_string(::getpid()))), port_(free_port()) {
    fs::remove_all(dir_);
    const fs::path maildir = dir_ / "mail/tester";
    for (const char* sub : {"new", "cur", "tmp"}) fs::create_directories(maildir / sub);
    fs::create_directories(dir_ / "home/tester");
    for (std::size_t i = 0; i < messages.size(); ++i) {
      std::ofstream(maildir / "new" / ("17640000" + std::to_string(i) + ".M1P1.gongdan"), std::ios::binary)
          << messages[i];
    }
    write_config();
    const std::string config = (dir_ / "dovecot.conf").string();
    const char* argv[] = {kDovecot, "-F", "-c", config.c_str(), nullptr};
    if (::posix_spawn(&pid_, kDovecot, nullptr, nullptr, const_cast<char**>(argv), environ) != 0) pid_ = 0;
    for (int i = 0; pid_ != 0 && i < 200 && !accepts_connections(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~Dovecot() {
    if (pid_ != 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  Dovecot(const Dovecot&) = delete;
  Dovecot& operator=(const Dovecot&) = delete;

  bool running() const { return pid_ != 0 && accepts_connections(port_); }
  std::string url() const { return "imap://127.0.0.1:" + std::to_string(port_) + "/INBOX"; }
  std::string log() const {
    std::ifstream in(dir_ / "dovecot.log");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

 private:
  // Dovecot never gives mail processes uid 0: as root, mail belongs to the package's dovecot user;
  // otherwise everything runs as the current user.
  void write_config() {
    const bool root = ::geteuid() == 0;
    const passwd* mail_user = root ? ::getpwnam("dovecot") : ::getpwuid(::getuid());
    const std::string uid = std::to_string(mail_user != nullptr ? mail_user->pw_uid : ::getuid());
    const std::string gid = std::to_string(mail_user != nullptr ? mail_user->pw_gid : ::getgid());
    fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
    if (root && mail_user != nullptr) {
      for (const fs::path& top : {dir_ / "mail", dir_ / "home"}) {
        ::chown(top.c_str(), mail_user->pw_uid, mail_user->pw_gid);
        for (const auto& entry : fs::recursive_directory_iterator(top)) {
          ::chown(entry.path().c_str(), mail_user->pw_uid, mail_user->pw_gid);
        }
      }
    }
    std::ofstream config(dir_ / "dovecot.conf");
    config << "base_dir = " << (dir_ / "run").string() << "\nstate_dir = " << (dir_ / "state").string()
           << "\nlog_path = " << (dir_ / "dovecot.log").string()
           << "\nprotocols = imap\nlisten = 127.0.0.1\nssl = no\ndisable_plaintext_auth = no\n"
              "auth_mechanisms = plain login\nfirst_valid_uid = 1\n"
           << "mail_location = maildir:" << (dir_ / "mail/%u").string() << "\n"
           << "passdb {\n  driver = static\n  args = password=secret\n}\n"
           << "userdb {\n  driver = static\n  args = uid=" << uid << " gid=" << gid
           << " home=" << (dir_ / "home/%u").string() << "\n}\n"
           << "service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = " << port_
           << "\n  }\n  inet_listener imaps {\n    port = 0\n  }\n  chroot =\n}\n"
           // Only root may chroot: the login and anvil processes run unconfined in a test.
           << "service anvil {\n  chroot =\n}\n";
    if (!root && mail_user != nullptr) {
      const group* mail_group = ::getgrgid(::getgid());
      config << "default_internal_user = " << mail_user->pw_name << "\ndefault_login_user = " << mail_user->pw_name
             << "\ndefault_internal_group = " << (mail_group != nullptr ? mail_group->gr_name : "") << "\n";
    }
  }

  fs::path dir_;
  int port_;
  pid_t pid_ = 0;
};

const std::string kFirst =
    "From: a@example.cn\r\nSubject: =?utf-8?B?5bel5Y2V?=\r\nMessage-ID: <1@example.cn>\r\n\r\none\r\n";
const std::string kSecond = "From: b@example.cn\r\nSubject: two\r\nMessage-ID: <2@example.cn>\r\n\r\ntwo\r\n";

class ImapFetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kDovecot)) GTEST_SKIP() << "dovecot-imapd is not installed";
    server_ = std::make_unique<Dovecot>(std::vector<std::string>{kFirst, kSecond});
    ASSERT_TRUE(server_->running()) << server_->log();
  }
  domain::ImapSettings settings(std::string password = "secret") const {
    return {server_->url(), "tester", std::move(password), 60};
  }
  std::unique_ptr<Dovecot> server_;
};

using Uids = std::vector<std::uint32_t>;

TEST_F(ImapFetcherTest, ListsFetchesAndFlagsUnseenMessages) {
  ImapFetcher fetcher(settings());
  auto unseen = fetcher.unseen_uids();
  ASSERT_TRUE(unseen.ok()) << unseen.error().message;
  EXPECT_EQ(*unseen, (Uids{1, 2}));

  auto first = fetcher.fetch(1);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(*first, kFirst);
  EXPECT_TRUE(fetcher.mark_seen(1).ok());
  auto mail = read_inbound_mail(*first);
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(mail->subject, "工单");

  // A message that could not be handled goes back to unseen for the next poll.
  ASSERT_TRUE(fetcher.fetch(2).ok());
  EXPECT_TRUE(fetcher.mark_unseen(2).ok());
  EXPECT_EQ(*fetcher.unseen_uids(), (Uids{2}));
}

TEST_F(ImapFetcherTest, AMailboxUrlWithoutAFolderMeansInbox) {
  auto plain = settings();
  plain.url = plain.url.substr(0, plain.url.size() - std::string("/INBOX").size());
  ImapFetcher fetcher(plain);
  EXPECT_EQ(*fetcher.unseen_uids(), (Uids{1, 2}));
}

TEST_F(ImapFetcherTest, AWrongPasswordIsUnavailableAndNeverEchoed) {
  ImapFetcher fetcher(settings("s3cret-wrong-password"));
  auto unseen = fetcher.unseen_uids();
  ASSERT_FALSE(unseen.ok());
  EXPECT_EQ(unseen.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(unseen.error().message.find("s3cret-wrong-password"), std::string::npos);
}

TEST(ImapFetcher, NoServerIsUnavailable) {
  ImapFetcher fetcher({"imap://127.0.0.1:" + std::to_string(free_port()) + "/INBOX", "u", "p", 60});
  auto unseen = fetcher.unseen_uids();
  ASSERT_FALSE(unseen.ok());
  EXPECT_EQ(unseen.error().code, core::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace gongdan::mail
