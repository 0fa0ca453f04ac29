#include "mail/outbound/smtp_transport.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "mail/outbound/mustache_template_engine.hpp"
#include "mail/outbound/outbox_mail_composer.hpp"
#include "mail/outbound/testing/parsed_mail.hpp"

namespace gongdan::mail {
namespace {

namespace fs = std::filesystem;

// Debian's interpreter: another python3 earlier on PATH may lack aiosmtpd (DESIGN.md, traps).
constexpr const char* kPython = "/usr/bin/python3";

// A Mailbox (maildir) sink that refuses some recipients, to see each class of SMTP answer.
constexpr std::string_view kSinkModule = R"(from aiosmtpd.handlers import Mailbox

class Sink(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject@"):
            return "550 5.1.1 No such user here"
        if address.startswith("busy@"):
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"
)";

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

// aiosmtpd on a free port, writing what it accepts into a maildir; stopped with the suite.
class SmtpSink {
 public:
  SmtpSink() {
    std::string pattern = (fs::temp_directory_path() / "gongdan-smtp-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
    // No maildir yet: Python's Maildir creates cur/, new/ and tmp/ only for a new directory.
    std::ofstream(dir_ / "gongdan_sink.py") << kSinkModule;
    port_ = free_port();
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    const std::string maildir = (dir_ / "maildir").string();
    const std::string python_path = "PYTHONPATH=" + dir_.string();
    pid_ = ::fork();
    if (pid_ == 0) {
      std::freopen("/dev/null", "w", stdout);
      std::freopen("/dev/null", "w", stderr);
      const char* argv[] = {kPython,         "-m",   "aiosmtpd", "-n", "-l", listen.c_str(), "-c", "gongdan_sink.Sink",
                            maildir.c_str(), nullptr};
      const char* envp[] = {python_path.c_str(), "PATH=/usr/bin:/bin", "LANG=C.UTF-8", nullptr};
      ::execve(kPython, const_cast<char* const*>(argv), const_cast<char* const*>(envp));
      ::_exit(127);
    }
    for (int i = 0; i < 100 && !accepts_connections(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ready_ = accepts_connections(port_);
  }
  ~SmtpSink() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  bool ready() const { return ready_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> messages() const {
    std::vector<std::string> result;
    for (const auto& file : fs::directory_iterator(dir_ / "maildir" / "new")) {
      std::ostringstream bytes;
      bytes << std::ifstream(file.path(), std::ios::binary).rdbuf();
      result.push_back(bytes.str());
    }
    return result;
  }

 private:
  fs::path dir_;
  int port_ = 0;
  pid_t pid_ = -1;
  bool ready_ = false;
};

class SmtpTransportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { sink_ = new SmtpSink(); }
  static void TearDownTestSuite() {
    delete sink_;
    sink_ = nullptr;
  }
  void SetUp() override {
    if (!sink_->ready()) GTEST_SKIP() << "aiosmtpd did not start (python3-aiosmtpd missing?)";
  }

  domain::SmtpSettings settings() const {
    domain::SmtpSettings smtp;
    smtp.url = sink_->url();
    smtp.from_email = "support@example.com";
    smtp.from_name = "某某科技客服中心";
    return smtp;
  }

  domain::WireMessage chinese_mail(const std::string& to) const {
    domain::OutboxEntry entry;
    entry.id = domain::OutboxId{7};
    entry.created_at = core::from_epoch_ms(1764107201000);
    entry.mail.kind = domain::MailKind::kTicketConfirmation;
    entry.mail.to_email = to;
    entry.mail.to_name = "王小明";
    entry.mail.ticket_number = "261125-7QK3MX";
    entry.mail.values.values = {{"ticket.number", "261125-7QK3MX"},
                                {"ticket.subject", "登录后消息列表一直转圈，重新安装应用以后仍然无法收到新的群聊消息"},
                                {"ticket.summary", "从昨天开始，登录后消息列表一直转圈。"},
                                {"link", "http://127.0.0.1:8080/tickets/261125-7QK3MX#link=tok"}};
    return composer_.compose(entry, domain::default_template(entry.mail.kind, domain::Locale::kZhCn), settings());
  }

  static SmtpSink* sink_;
  MustacheTemplateEngine engine_;
  OutboxMailComposer composer_{engine_, "http://127.0.0.1:8080"};
  SmtpTransport transport_{SmtpTimeouts{std::chrono::seconds{5}, std::chrono::seconds{20}}};
};

SmtpSink* SmtpTransportTest::sink_ = nullptr;

TEST_F(SmtpTransportTest, DeliversAChineseMailThatReadsBack) {
  const domain::DeliveryResult result = transport_.send(settings(), chinese_mail("xiaoming@example.cn"));
  ASSERT_TRUE(result.accepted) << result.answer;
  EXPECT_EQ(result.answer.rfind("250", 0), 0u) << result.answer;
  const auto stored = sink_->messages();
  ASSERT_EQ(stored.size(), 1u);
  const auto parsed = testing::parse_mail(stored[0]);
  ASSERT_TRUE(parsed.ok);
  EXPECT_EQ(parsed.subject,
            "[#261125-7QK3MX] 我们已收到您的工单：登录后消息列表一直转圈，重新安装应用以后仍然无法收到新的群聊消息");
  EXPECT_EQ(parsed.message_id, "o7.1764107201000@127.0.0.1");
  EXPECT_EQ(parsed.from_name, "某某科技客服中心");
  EXPECT_NE(parsed.text.find("从昨天开始，登录后消息列表一直转圈。"), std::string::npos) << parsed.text;
  EXPECT_NE(parsed.html.find("查看工单"), std::string::npos);
  // The sink records the envelope it was given.
  EXPECT_NE(stored[0].find("X-RcptTo: xiaoming@example.cn"), std::string::npos);
}

TEST_F(SmtpTransportTest, RefusedRecipientIsPermanentAndBusyIsTransient) {
  const auto rejected = transport_.send(settings(), chinese_mail("reject@example.cn"));
  EXPECT_FALSE(rejected.accepted);
  EXPECT_EQ(rejected.failure, domain::DeliveryFailure::kPermanent);
  EXPECT_NE(rejected.answer.find("550"), std::string::npos) << rejected.answer;
  const auto busy = transport_.send(settings(), chinese_mail("busy@example.cn"));
  EXPECT_FALSE(busy.accepted);
  EXPECT_EQ(busy.failure, domain::DeliveryFailure::kTransient);
  EXPECT_NE(busy.answer.find("451"), std::string::npos) << busy.answer;
}

TEST_F(SmtpTransportTest, RequiredTlsThatIsNotOfferedIsTransient) {
  domain::SmtpSettings smtp = settings();
  smtp.require_tls = true;
  const auto result = transport_.send(smtp, chinese_mail("xiaoming@example.cn"));
  EXPECT_FALSE(result.accepted);
  EXPECT_EQ(result.failure, domain::DeliveryFailure::kTransient) << result.answer;
}

TEST_F(SmtpTransportTest, ThePasswordNeverAppearsInTheAnswer) {
  domain::SmtpSettings smtp = settings();
  smtp.username = "support";
  smtp.password = "s3cret-Pa55word";
  const auto result = transport_.send(smtp, chinese_mail("xiaoming@example.cn"));
  EXPECT_EQ(result.answer.find("s3cret-Pa55word"), std::string::npos) << result.answer;
  EXPECT_EQ(result.answer.find("czNjcmV0"), std::string::npos) << "nor its base64";
}

TEST(SmtpTransport, NothingListeningIsTransient) {
  SmtpTransport transport{SmtpTimeouts{std::chrono::seconds{5}, std::chrono::seconds{10}}};
  domain::SmtpSettings smtp;
  smtp.url = "smtp://127.0.0.1:" + std::to_string(free_port());
  const auto result = transport.send(smtp, {"support@example.com", "a@example.com", "Subject: x\r\n\r\nx\r\n"});
  EXPECT_FALSE(result.accepted);
  EXPECT_EQ(result.failure, domain::DeliveryFailure::kTransient);
  EXPECT_FALSE(result.answer.empty());
}

TEST(SmtpTransport, RefusesBeforeConnectingWhenTheMailCannotGo) {
  SmtpTransport transport;
  domain::SmtpSettings smtp;
  const domain::WireMessage message{"support@example.com", "a@example.com", "x"};
  EXPECT_EQ(transport.send(smtp, message).failure, domain::DeliveryFailure::kTransient) << "no server configured";
  smtp.url = "smtp://127.0.0.1:1";
  const auto bad_recipient = transport.send(smtp, {"support@example.com", "a@b\r\nRCPT TO:<x@y>", "x"});
  EXPECT_FALSE(bad_recipient.accepted);
  EXPECT_EQ(bad_recipient.failure, domain::DeliveryFailure::kPermanent);
  // Only mail protocols: an admin-set URL cannot make the server read a file or a web page.
  smtp.url = "file:///etc/passwd";
  const auto file = transport.send(smtp, message);
  EXPECT_FALSE(file.accepted);
  EXPECT_EQ(file.answer.find("root"), std::string::npos);
}

}  // namespace
}  // namespace gongdan::mail
