#include "http/application.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/fake_clock.hpp"
#include "domain/testing/in_memory_macros.hpp"
#include "domain/testing/in_memory_mail_stores.hpp"
#include "domain/testing/in_memory_rules.hpp"
#include "domain/testing/in_memory_stores.hpp"

namespace gongdan::http {
namespace {

using nlohmann::json;
namespace testing_stores = domain::testing;

/// Categories and articles in both languages; `fail` makes every call throw, like a broken disk.
class TestCatalog final : public domain::CatalogRepository {
 public:
  std::vector<domain::Category> categories() override {
    if (fail) throw std::runtime_error("disk on fire");
    return {{core::CategoryId{1}, "账号与登录", "Account & sign-in", 1, true}};
  }
  std::optional<domain::Category> find_category(core::CategoryId id) override {
    if (id.value == 1) return categories().front();
    return std::nullopt;
  }
  core::Result<domain::Category> add_category(const std::string&, const std::string&) override {
    return core::Error::unavailable("read-only");
  }
  std::vector<domain::Article> articles(domain::Locale locale) override {
    if (locale == domain::Locale::kEn)
      return {{1, "reset", locale, "Reset your password", "**Open** <b>settings</b>", "account", 1}};
    return {{2, "reset", locale, "重置密码", "打开**设置**", "", 1}};
  }
  std::vector<domain::Category> all_categories() override { return categories(); }
  core::Result<domain::Category> save_category(const domain::Category&) override {
    return core::Error::unavailable("read-only");
  }
  std::vector<domain::FieldDefinition> field_definitions(core::CategoryId) override { return {}; }
  std::vector<domain::FieldDefinition> active_fields() override { return {}; }
  core::Result<domain::FieldDefinition> save_field(const domain::FieldDefinition&) override {
    return core::Error::unavailable("read-only");
  }
  core::Result<FieldRemoval> remove_field(core::FieldId) override { return core::Error::unavailable("read-only"); }
  bool fail = false;
};

class ApplicationTest : public ::testing::Test {
 protected:
  ApplicationTest() {
    options_.support_email = "help@example.com";
    options_.support_hours = "9-18";
    options_.rate_limits.enabled = false;
    (void)auth_.add_user({"agent@example.com", "agent password", "Agent Wang", "agent", "zh-CN"});
  }

  Response call(std::string method, std::string target, std::vector<Header> headers = {}, std::string body = {}) {
    Request request{std::move(method), std::move(target), std::move(headers), std::move(body), "192.0.2.7"};
    return app_.handle(request);
  }
  Response post_json(std::string target, const json& body, std::vector<Header> headers = {}) {
    headers.push_back({"content-type", "application/json"});
    return call("POST", std::move(target), std::move(headers), body.dump());
  }
  static json body(const Response& r) { return json::parse(r.body); }
  static std::vector<std::string> set_cookies(const Response& r) {
    std::vector<std::string> out;
    for (const Header& h : r.headers) {
      if (h.name == "Set-Cookie") out.push_back(h.value);
    }
    return out;
  }
  static std::string cookie_value(const std::string& set_cookie) {
    const auto eq = set_cookie.find('=');
    return set_cookie.substr(eq + 1, set_cookie.find(';') - eq - 1);
  }
  std::string register_customer(const std::string& email, const std::string& locale = "zh-CN") {
    const Response r =
        post_json("/api/v1/auth/register",
                  {{"email", email}, {"password", "correct horse"}, {"name", "Li Lei"}, {"locale", locale}});
    EXPECT_EQ(r.status, 201) << r.body;
    return body(r)["token"];
  }
  static Header bearer(const std::string& token) { return {"authorization", "Bearer " + token}; }
  static void expect_problem(const Response& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/problem+json") << r.body;
    const json problem = json::parse(r.body);
    EXPECT_EQ(problem["status"], status);
    EXPECT_EQ(problem["code"], code) << r.body;
    EXPECT_FALSE(problem["title"].get<std::string>().empty());
  }

  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};
  testing_stores::FakeCrypto crypto_;
  testing_stores::InMemoryUsers users_;
  testing_stores::InMemoryTickets tickets_;
  testing_stores::InMemoryBlobs blobs_;
  testing_stores::SignatureDetector detector_;
  TestCatalog catalog_;
  domain::AuthService auth_{users_, crypto_, clock_};
  domain::TicketMails mails_{crypto_, clock_, {}};
  domain::TicketService ticket_service_{tickets_, catalog_, users_, blobs_, detector_, crypto_, clock_, mails_};
  testing_stores::InMemoryAccessLinks links_;
  testing_stores::InMemoryOutbox outbox_{links_};
  testing_stores::InMemoryMailTemplates templates_;
  testing_stores::InMemoryMailSettings saved_settings_;
  domain::MailSettingsSource mail_settings_{saved_settings_, {}};
  testing_stores::PlainTemplateEngine engine_;
  testing_stores::SimpleComposer composer_{engine_};
  testing_stores::RecordingTransport transport_;
  domain::MailRequestService mail_requests_{tickets_, users_, outbox_, links_, auth_, mails_, crypto_, clock_};
  domain::MailAdminService mail_admin_{outbox_, templates_, mail_settings_, engine_, composer_, transport_, clock_};
  testing_stores::InMemoryGroups groups_;
  domain::StaffService staff_{users_, groups_, auth_};
  testing_stores::InMemoryMacros macros_;
  domain::MacroService macro_service_{macros_, ticket_service_, clock_};

  testing_stores::InMemoryRules rules_;
  domain::RuleService rule_service_{rules_, catalog_, users_, groups_};
  Services services_{auth_,       ticket_service_, catalog_,       mail_requests_,
                     mail_admin_, staff_,          macro_service_, rule_service_};
  ServerOptions options_;
  Application app_{services_, options_, clock_};
};

// Quick reads may run on the I/O thread (docs/adr/0004); only the engine's choice turns it on.
TEST_F(ApplicationTest, QuickReadsAreTheCustomersFrequentReadsAndOnlyWhenTurnedOn) {
  const auto quick = [this](std::string method, std::string target) {
    Request request;
    request.method = std::move(method);
    request.target = std::move(target);
    return app_.quick(request);
  };
  EXPECT_FALSE(quick("GET", "/api/v1/tickets")) << "off unless the options say so";
  options_.quick_reads_inline = true;
  EXPECT_TRUE(quick("GET", "/api/v1/tickets?limit=20"));
  EXPECT_TRUE(quick("GET", "/api/v1/tickets?limit=25&cursor=x"));
  EXPECT_FALSE(quick("GET", "/api/v1/tickets?limit=100")) << "a long page goes to a worker";
  EXPECT_FALSE(quick("GET", "/api/v1/tickets?limit=x"));
  EXPECT_TRUE(quick("HEAD", "/api/v1/tickets"));
  EXPECT_TRUE(quick("POST", "/api/v1/tickets/lookup"));
  EXPECT_FALSE(quick("GET", "/api/v1/tickets/261125-7K3QZ8")) << "a ticket's messages have no upper bound";
  EXPECT_TRUE(quick("GET", "/healthz"));
  EXPECT_TRUE(quick("GET", "http://example.com/api/v1/me"));
  EXPECT_FALSE(quick("POST", "/api/v1/tickets")) << "a submission waits for the writer";
  EXPECT_FALSE(quick("POST", "/api/v1/auth/login")) << "Argon2id";
  EXPECT_FALSE(quick("GET", "/api/v1/agent/tickets")) << "a queue page may read for tens of ms";
  EXPECT_FALSE(quick("POST", "/api/v1/tickets/261125-7K3QZ8/messages"));
  EXPECT_FALSE(quick("GET", "/api/v1/nothing"));
  EXPECT_FALSE(quick("GET", "/assets/index.js")) << "static files stay on the workers";
}

// A quick read's authentication and handler run inside one read snapshot where the database has
// them (SQLite, sqlite::Store::in_one_snapshot); other routes do not.
TEST_F(ApplicationTest, AQuickReadRunsItsSignInAndHandlerInOneReadSnapshot) {
  const std::string token = register_customer("snap@example.com");
  int snapshots = 0;
  bool inside = false;
  options_.in_one_read_snapshot = [&](const std::function<void()>& work) {
    ++snapshots;
    inside = true;
    work();
    inside = false;
  };
  const Response me = call("GET", "/api/v1/me", {bearer(token)});
  EXPECT_EQ(me.status, 200) << "signed in inside the snapshot";
  EXPECT_EQ(body(me)["user"]["email"], "snap@example.com");
  EXPECT_EQ(snapshots, 1);
  EXPECT_FALSE(inside);
  EXPECT_EQ(call("GET", "/api/v1/categories", {bearer(token)}).status, 200);
  EXPECT_EQ(snapshots, 1) << "not a quick read";
}

TEST_F(ApplicationTest, HealthzIsPlainOk) {
  const Response r = call("GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok");
  EXPECT_EQ(r.header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(call("HEAD", "/healthz").status, 200);
}

TEST_F(ApplicationTest, UnknownRoutesAndWrongMethods) {
  expect_problem(call("GET", "/api/v1/no-such-thing"), 404, "not_found");
  expect_problem(call("GET", "/api/v1/tickets/123456-ABCDEF/nope"), 404, "not_found");
  const Response put = call("PUT", "/api/v1/tickets/261125-7K3QZ8");
  expect_problem(put, 405, "method_not_allowed");
  EXPECT_EQ(put.header("Allow"), "GET");
  EXPECT_EQ(call("PATCH", "/api/v1/tickets/261125-7K3QZ8").header("Allow"), "GET");
  EXPECT_EQ(call("DELETE", "/api/v1/tickets").header("Allow"), "POST, GET");
  EXPECT_EQ(call("GET", "/api/v1/auth/login").header("Allow"), "POST");
  const Response page_post = call("POST", "/some/page");
  expect_problem(page_post, 405, "method_not_allowed");
  EXPECT_EQ(page_post.header("Allow"), "GET, HEAD");
  expect_problem(call("GET", "/"), 404, "not_found");  // no web directory configured
}

TEST_F(ApplicationTest, ConfigComesFromOptionsAndSettings) {
  const Response r = call("GET", "/api/v1/config");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(body(r), (json{{"support_email", "help@example.com"},
                           {"support_hours", "9-18"},
                           {"max_attachments", 5},
                           {"max_attachment_bytes", 20 * 1024 * 1024},
                           {"reopen_days", 14},
                           {"locales", json::array({"zh-CN", "en"})}}));
}

TEST_F(ApplicationTest, CategoriesAndArticlesFollowTheLocale) {
  EXPECT_EQ(body(call("GET", "/api/v1/categories"))["items"][0]["name"], "账号与登录");
  EXPECT_EQ(body(call("GET", "/api/v1/categories", {{"accept-language", "en-US,en;q=0.9"}}))["items"][0]["name"],
            "Account & sign-in");
  const std::string token = register_customer("en@example.com", "en");
  EXPECT_EQ(body(call("GET", "/api/v1/categories", {{"accept-language", "zh-CN"}, bearer(token)}))["items"][0]["name"],
            "Account & sign-in");

  const json en = body(call("GET", "/api/v1/articles?locale=en", {{"accept-language", "zh-CN"}}));
  EXPECT_EQ(en["items"][0]["title"], "Reset your password");
  EXPECT_EQ(en["items"][0]["category"], "account");
  const std::string html = en["items"][0]["body_html"];
  EXPECT_NE(html.find("<strong>Open</strong>"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);  // raw HTML dropped
  EXPECT_EQ(body(call("GET", "/api/v1/articles"))["items"][0]["title"], "重置密码");
  EXPECT_TRUE(body(call("GET", "/api/v1/articles"))["items"][0]["category"].is_null());
  expect_problem(call("GET", "/api/v1/articles?locale=fr"), 400, "validation_failed");
}

TEST_F(ApplicationTest, RegisterSetsBothCookiesAndTheTokenWorksAsBearer) {
  const Response r = post_json("/api/v1/auth/register",
                               {{"email", "Li@Example.com"}, {"password", "correct horse"}, {"name", "Li Lei"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const json j = body(r);
  EXPECT_EQ(j["user"]["email"], "li@example.com");
  EXPECT_EQ(j["user"]["role"], "customer");
  EXPECT_FALSE(j["user"].contains("password_hash"));
  const auto cookies = set_cookies(r);
  ASSERT_EQ(cookies.size(), 2u);
  EXPECT_EQ(cookies[0],
            "gd_session=" + j["token"].get<std::string>() + "; Path=/; Max-Age=2592000; SameSite=Lax; HttpOnly");
  EXPECT_EQ(cookies[1].substr(0, 8), "gd_csrf=");
  EXPECT_EQ(cookies[1].find("HttpOnly"), std::string::npos);
  EXPECT_EQ(body(call("GET", "/api/v1/me", {bearer(j["token"])}))["user"]["email"], "li@example.com");
}

TEST_F(ApplicationTest, RegisterWithoutLocaleTakesTheBrowsersLanguage) {
  const Response r =
      post_json("/api/v1/auth/register", {{"email", "en2@example.com"}, {"password", "correct horse"}, {"name", "N"}},
                {{"accept-language", "en"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(body(r)["user"]["locale"], "en");
}

TEST_F(ApplicationTest, CookieSessionsNeedTheCsrfTokenForUnsafeMethods) {
  const Response login =
      post_json("/api/v1/auth/login", {{"email", "agent@example.com"}, {"password", "agent password"}});
  ASSERT_EQ(login.status, 200) << login.body;
  const auto cookies = set_cookies(login);
  const std::string session = cookie_value(cookies[0]);
  const std::string csrf = cookie_value(cookies[1]);
  const Header cookie{"cookie", "gd_session=" + session + "; gd_csrf=" + csrf};

  EXPECT_EQ(call("GET", "/api/v1/me", {cookie}).status, 200);  // safe methods need no token
  expect_problem(call("POST", "/api/v1/auth/logout", {cookie}), 403, "csrf_failed");
  expect_problem(call("POST", "/api/v1/auth/logout", {cookie, {"x-csrf-token", csrf + "x"}}), 403, "csrf_failed");
  // A bearer request is exempt even when cookies ride along.
  EXPECT_EQ(call("GET", "/api/v1/me", {bearer(session), cookie}).status, 200);

  const Response logout = call("POST", "/api/v1/auth/logout", {cookie, {"x-csrf-token", csrf}});
  EXPECT_EQ(logout.status, 204);
  const auto cleared = set_cookies(logout);
  ASSERT_EQ(cleared.size(), 3u);  // the session, a mailed link's cookie, the CSRF cookie
  EXPECT_NE(cleared[0].find("gd_session=;"), std::string::npos);
  EXPECT_NE(cleared[0].find("Max-Age=0"), std::string::npos);
  EXPECT_NE(cleared[1].find("gd_link=;"), std::string::npos);
  expect_problem(call("GET", "/api/v1/me", {cookie}), 401, "unauthenticated");
  // The stale cookie no longer authenticates, so there is nothing to forge: plain 401.
  expect_problem(call("POST", "/api/v1/auth/logout", {cookie}), 401, "unauthenticated");
}

TEST_F(ApplicationTest, LoginErrors) {
  expect_problem(post_json("/api/v1/auth/login", {{"email", "nobody@example.com"}, {"password", "wrong password"}}),
                 401, "invalid_credentials");
  expect_problem(call("POST", "/api/v1/auth/login", {{"content-type", "application/json"}}, "{\"email\":"), 400,
                 "invalid_json");
  expect_problem(call("POST", "/api/v1/auth/login", {{"content-type", "application/x-www-form-urlencoded"}}, "email=a"),
                 415, "unsupported_media_type");
  const Response wrong_type = post_json("/api/v1/auth/login", {{"email", 5}, {"password", "x"}});
  expect_problem(wrong_type, 400, "validation_failed");
  EXPECT_EQ(body(wrong_type)["errors"][0],
            (json{{"field", "email"}, {"code", "invalid_type"}, {"message", "Expected a string."}}));
  const Response bad_bytes =
      call("POST", "/api/v1/auth/register", {{"content-type", "application/json; charset=utf-8"}},
           "{\"email\": \"a@example.com\", \"name\": \"\xE6\x9D\", \"password\": \"correct horse\"}");
  expect_problem(bad_bytes, 400, "validation_failed");
  EXPECT_EQ(body(bad_bytes)["errors"][0]["field"], "name");
  EXPECT_EQ(body(bad_bytes)["errors"][0]["code"], "invalid_utf8");
}

TEST_F(ApplicationTest, GuestSubmitsAndLooksUpATicket) {
  const Response r = post_json("/api/v1/tickets", {{"category_id", 1},
                                                   {"subject", "闪退"},
                                                   {"description", "The app crashes."},
                                                   {"urgency", "urgent"},
                                                   {"guest", {{"name", "Guest"}, {"email", "guest@example.com"}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  const json ticket = body(r)["ticket"];
  EXPECT_EQ(r.header("Location"), "/api/v1/tickets/" + ticket["number"].get<std::string>());
  EXPECT_EQ(ticket["priority"], "urgent");
  EXPECT_EQ(ticket["category"]["name"], "账号与登录");
  EXPECT_EQ(ticket["customer"]["guest"], true);
  EXPECT_TRUE(ticket["reopen_until"].is_null());

  const Response found =
      post_json("/api/v1/tickets/lookup", {{"number", ticket["number"]}, {"email", "GUEST@example.com"}});
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(body(found)["status"], "new");
  expect_problem(post_json("/api/v1/tickets/lookup", {{"number", "xyz"}, {"email", "a@example.com"}}), 400,
                 "invalid_number");
  expect_problem(post_json("/api/v1/tickets", {{"category_id", 1}, {"subject", "s"}, {"description", "d"}}), 400,
                 "validation_failed");
}

TEST_F(ApplicationTest, AMultipartJsonPartIsHeldToTheJsonBodyLimit) {
  // The upload limit (~101 MiB) must not become the limit of the JSON the parser builds a DOM of.
  std::string ticket = "{\"category_id\": 1, \"subject\": \"s\", \"description\": \"d\", \"pad\": [0";
  while (ticket.size() <= 1024 * 1024) ticket += ",0";
  ticket += "]}";
  const std::string multipart =
      "--B\r\nContent-Disposition: form-data; name=\"ticket\"\r\n\r\n" + ticket + "\r\n--B--\r\n";
  const std::string token = register_customer("bulky@example.com");
  expect_problem(
      call("POST", "/api/v1/tickets", {bearer(token), {"content-type", "multipart/form-data; boundary=B"}}, multipart),
      413, "payload_too_large");
}

TEST_F(ApplicationTest, MultipartSubmissionCarriesFilesToTheDownload) {
  const std::string token = register_customer("owner@example.com");
  const std::string png = "\x89PNG\r\n\x1a\n-pixels-";
  const std::string multipart =
      "--B\r\nContent-Disposition: form-data; name=\"ticket\"\r\n\r\n"
      "{\"category_id\": 1, \"subject\": \"Photos fail\", \"description\": \"See screenshot.\"}\r\n"
      "--B\r\nContent-Disposition: form-data; name=\"files\"; filename=\"截图.png\"\r\nContent-Type: "
      "image/png\r\n\r\n" +
      png + "\r\n--B--\r\n";
  const Response r =
      call("POST", "/api/v1/tickets",
           {bearer(token), {"content-type", "multipart/form-data; boundary=B"}, {"idempotency-key", "k1"}}, multipart);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string number = body(r)["ticket"]["number"];
  // The same Idempotency-Key returns the same ticket.
  const Response again =
      call("POST", "/api/v1/tickets",
           {bearer(token), {"content-type", "multipart/form-data; boundary=B"}, {"idempotency-key", "k1"}}, multipart);
  EXPECT_EQ(body(again)["ticket"]["number"], number);

  const Response view = call("GET", "/api/v1/tickets/" + number, {bearer(token)});
  ASSERT_EQ(view.status, 200) << view.body;
  const json page = body(view);
  ASSERT_EQ(page["messages"].size(), 1u);
  const json attachment = page["messages"][0]["attachments"][0];
  EXPECT_EQ(attachment["filename"], "截图.png");
  EXPECT_EQ(attachment["content_type"], "image/png");

  const Response download = call("GET", attachment["url"], {bearer(token)});
  ASSERT_EQ(download.status, 200) << download.body;
  EXPECT_EQ(download.body, png);
  EXPECT_EQ(download.header("Content-Type"), "image/png");
  EXPECT_EQ(download.header("Content-Disposition"),
            "attachment; filename=\"______.png\"; filename*=UTF-8''%E6%88%AA%E5%9B%BE.png");
  EXPECT_EQ(download.header("X-Content-Type-Options"), "nosniff");

  const std::string other = register_customer("other@example.com");
  expect_problem(call("GET", "/api/v1/tickets/" + number, {bearer(other)}), 404, "not_found");
  expect_problem(call("GET", attachment["url"], {bearer(other)}), 404, "not_found");
  expect_problem(call("GET", "/api/v1/attachments/abc", {bearer(token)}), 404, "not_found");
  expect_problem(call("GET", "/api/v1/attachments/1"), 401, "unauthenticated");
}

TEST_F(ApplicationTest, MultipartErrorsNameTheirParts) {
  const std::string token = register_customer("parts@example.com");
  const Header type{"content-type", "multipart/form-data; boundary=B"};
  const Response missing =
      call("POST", "/api/v1/tickets", {bearer(token), type},
           "--B\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\nx\r\n--B--\r\n");
  expect_problem(missing, 400, "validation_failed");
  EXPECT_EQ(body(missing)["errors"][0]["field"], "ticket");
  const Response truncated = call("POST", "/api/v1/tickets", {bearer(token), type},
                                  "--B\r\nContent-Disposition: form-data; name=\"ticket\"\r\n\r\n{}");
  expect_problem(truncated, 400, "validation_failed");
  EXPECT_EQ(body(truncated)["errors"][0]["field"], "multipart");
  const Response bad_json =
      call("POST", "/api/v1/tickets", {bearer(token), type},
           "--B\r\nContent-Disposition: form-data; name=\"ticket\"\r\n\r\n{\"subject\": \"\xFF\"}\r\n--B--\r\n");
  EXPECT_EQ(body(bad_json)["errors"][0]["field"], "subject");
  EXPECT_EQ(body(bad_json)["errors"][0]["code"], "invalid_utf8");
  expect_problem(call("POST", "/api/v1/tickets", {bearer(token), {"content-type", "text/plain"}}, "hi"), 415,
                 "unsupported_media_type");
}

TEST_F(ApplicationTest, ListsAndQueryErrors) {
  const std::string token = register_customer("lists@example.com");
  expect_problem(call("GET", "/api/v1/tickets"), 401, "unauthenticated");
  const Response empty = call("GET", "/api/v1/tickets?status=new%2Copen&limit=10", {bearer(token)});
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(body(empty), (json{{"items", json::array()}, {"next_cursor", nullptr}}));
  expect_problem(call("GET", "/api/v1/tickets?limit=ten", {bearer(token)}), 400, "validation_failed");
  expect_problem(call("GET", "/api/v1/tickets?limit=1000", {bearer(token)}), 400, "validation_failed");
  expect_problem(call("GET", "/api/v1/tickets?status=%FF", {bearer(token)}), 400, "validation_failed");
  EXPECT_EQ(body(call("GET", "/api/v1/tickets/similar?subject=x"))["items"], json::array());
}

TEST_F(ApplicationTest, AgentRoutesNeedStaff) {
  expect_problem(call("GET", "/api/v1/agent/tickets"), 401, "unauthenticated");
  const std::string customer = register_customer("cust@example.com");
  expect_problem(call("GET", "/api/v1/agent/tickets", {bearer(customer)}), 403, "forbidden");

  const std::string agent =
      body(post_json("/api/v1/auth/login", {{"email", "agent@example.com"}, {"password", "agent password"}}))["token"];
  const std::string number =
      body(post_json("/api/v1/tickets", {{"category_id", 1}, {"subject", "s"}, {"description", "d"}},
                     {bearer(customer)}))["ticket"]["number"];
  const Response note = post_json("/api/v1/agent/tickets/" + number + "/messages",
                                  {{"body", "internal"}, {"internal", true}}, {bearer(agent)});
  ASSERT_EQ(note.status, 201) << note.body;
  EXPECT_EQ(body(note)["message"]["internal"], true);
  EXPECT_EQ(body(call("GET", "/api/v1/agent/tickets/" + number, {bearer(agent)}))["messages"].size(), 2u);
  EXPECT_EQ(body(call("GET", "/api/v1/tickets/" + number, {bearer(customer)}))["messages"].size(), 1u);

  const Response resolved = call("PATCH", "/api/v1/agent/tickets/" + number,
                                 {bearer(agent), {"content-type", "application/json"}}, R"({"status": "resolved"})");
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(body(resolved)["ticket"]["reopen_until"], "2026-12-02T11:06:40.000Z");
  const Response queue = call("GET", "/api/v1/agent/tickets?status=resolved", {bearer(agent)});
  EXPECT_EQ(body(queue)["items"].size(), 1u);
}

TEST_F(ApplicationTest, RateLimitsAnswer429WithRetryAfter) {
  options_.rate_limits.enabled = true;
  options_.rate_limits.login = {10, std::chrono::minutes{1}, 2};
  Application limited(services_, options_, clock_);
  Request login{"POST",
                "/api/v1/auth/login",
                {{"content-type", "application/json"}},
                R"({"email":"a@b.co","password":"x"})",
                "198.51.100.1"};
  EXPECT_EQ(limited.handle(login).status, 401);
  EXPECT_EQ(limited.handle(login).status, 401);
  const Response refused = limited.handle(login);
  expect_problem(refused, 429, "rate_limited");
  EXPECT_EQ(refused.header("Retry-After"), "6");
  login.client_ip = "198.51.100.2";
  EXPECT_EQ(limited.handle(login).status, 401);
}

TEST_F(ApplicationTest, AnUnexpectedExceptionIsOne500) {
  catalog_.fail = true;
  expect_problem(call("GET", "/api/v1/categories"), 500, "internal");
  EXPECT_EQ(body(call("GET", "/api/v1/categories"))["detail"].get<std::string>().find("disk"), std::string::npos);
}

TEST_F(ApplicationTest, AbsoluteFormTargetsAreRouted) {
  EXPECT_EQ(call("GET", "http://localhost:8080/healthz").status, 200);
  expect_problem(call("GET", "*"), 400, "bad_request");
}

}  // namespace
}  // namespace gongdan::http
