#include "app/demo_data.hpp"

#include <array>

#include "domain/catalog/catalog_admin_service.hpp"

namespace gongdan::app {
namespace {

struct DemoUser {
  const char* email;
  const char* password;
  const char* name;
  const char* role;
  const char* locale;
};

constexpr std::array<DemoUser, 4> kUsers{{
    {"admin@example.com", "gongdan-admin", "管理员 Admin", "admin", "zh-CN"},
    {"agent@example.com", "gongdan-agent", "李娜 Li Na", "agent", "zh-CN"},
    {"customer@example.com", "gongdan-customer", "王小明", "customer", "zh-CN"},
    {"alice@example.com", "gongdan-customer", "Alice Chen", "customer", "en"},
}};

struct DemoTicket {
  std::size_t customer;  // index into kUsers
  const char* subject;
  const char* description;
  const char* urgency;
  const char* platform;
  const char* os;
  const char* reply;   // an agent's public reply, or nullptr
  const char* status;  // the status the agent sets afterwards, or nullptr
};

constexpr std::array<DemoTicket, 5> kTickets{{
    {2, "收不到短信验证码，无法登录",
     "换了新手机以后登录，一直收不到短信验证码，已经等了半个小时。手机号是 +86 138****5678。", "normal", "android",
     "Android 14", "您好，我们已经为您的号码重新开通了验证码通道，请再试一次。", "pending"},
    {2, "打开群聊就闪退", "从昨天更新到 5.2.0 以后，只要打开“家人群”就闪退，其他聊天正常。", "urgent", "ios",
     "iOS 18.1", nullptr, nullptr},
    {3, "Voice messages fail to send",
     "Since this morning every voice message shows a red exclamation mark and never sends.", "normal", "web",
     "Windows 11", "Thanks for the report! We have fixed a relay issue; please try again.", "resolved"},
    {3, "Chat history lost after reinstall",
     "I reinstalled the app and all my chats from last year are gone. I had backup on.", "urgent", "android",
     "Android 13", nullptr, nullptr},
    {2, "会员扣费两次", "11 月 20 日开通年度会员，银行卡被扣了两次 ¥198。", "normal", "ios", "iOS 17.6",
     "已核实重复扣费，退款将在 3-5 个工作日内原路退回。", "open"},
}};

// Canned replies: a shared one in Chinese (kept by the admin) and the demo agent's own in English.
struct DemoMacro {
  std::size_t author;  // index into kUsers
  const char* scope;
  const char* title;
  const char* body;
  const char* status;
  const char* priority;  // or nullptr
  const char* tag;
};

constexpr std::array<DemoMacro, 2> kMacros{{
    {0, "shared", "请提供日志",
     "{{customer.name}}您好：\n\n为了尽快定位问题，请在 App「我的 → 设置 → 帮助与反馈」中导出日志，"
     "并直接回复工单 {{ticket.number}}。\n\n{{agent.name}}",
     "pending", nullptr, "需要日志"},
    {1, "personal", "Fixed - please try again",
     "Hi {{customer.name}},\n\nWe have fixed the problem in ticket {{ticket.number}} ({{ticket.subject}}). "
     "Please try again and reply here if anything is still wrong.\n\nBest regards,\n{{agent.name}}",
     "resolved", "normal", "fixed"},
}};

// An example of custom fields: what support asks first about a sign-in problem.
void add_demo_fields(Composition& app, const domain::Actor& admin, core::CategoryId account) {
  domain::CatalogAdminService catalog(app.catalog());
  domain::FieldDraft method;
  method.key = "sign_in_method";
  method.type = "dropdown";
  method.label_zh = "登录方式";
  method.label_en = "Sign-in method";
  method.required = true;
  method.options = {{"sms_code", "短信验证码", "SMS code"},
                    {"password", "密码", "Password"},
                    {"wechat", "微信", "WeChat"},
                    {"qr_code", "扫码登录", "QR code"}};
  (void)catalog.create_field(admin, account, method);
  domain::FieldDraft phone;
  phone.key = "phone";
  phone.type = "text";
  phone.label_zh = "手机号";
  phone.label_en = "Phone";
  (void)catalog.create_field(admin, account, phone);
}

}  // namespace

void load_demo_data(Composition& app, std::ostream& out) {
  bool fresh = false;
  for (const auto& user : kUsers) {
    auto created = app.staff().add_account({user.email, user.password, user.name, user.role, std::string(user.locale)});
    fresh = fresh || created.ok();
  }
  if (fresh) {
    auto agent = app.auth().login(kUsers[1].email, kUsers[1].password);
    const auto categories = app.catalog().categories();
    auto admin = app.auth().login(kUsers[0].email, kUsers[0].password);
    if (admin && !categories.empty()) add_demo_fields(app, {admin->user, std::nullopt}, categories.front().id);
    for (std::size_t i = 0; i < kTickets.size() && agent && !categories.empty(); ++i) {
      const auto& demo = kTickets[i];
      auto customer = app.auth().login(kUsers[demo.customer].email, kUsers[demo.customer].password);
      if (!customer) continue;
      domain::TicketSubmission submission;
      submission.category_id = categories[i % categories.size()].id.value;
      submission.subject = demo.subject;
      submission.description = demo.description;
      submission.urgency = demo.urgency;
      submission.environment = {demo.platform, demo.os, "5.2.0", ""};
      if (i == 0) {
        submission.fields = {{"sign_in_method", domain::FieldInput::of(std::string("sms_code"))},
                             {"phone", domain::FieldInput::of(std::string("+86 138****5678"))}};
      }
      auto ticket = app.tickets().submit(domain::Actor{customer->user, std::nullopt}, submission);
      if (!ticket) continue;
      const domain::Actor staff{agent->user, std::nullopt};
      if (demo.reply) (void)app.tickets().agent_reply(staff, ticket->number.str(), {demo.reply, false, {}});
      if (demo.status)
        (void)app.tickets().agent_update(staff, ticket->number.str(), {std::string(demo.status), std::nullopt});
    }
  }
  for (const auto& demo : kMacros) {
    if (!fresh) break;
    auto author = app.auth().login(kUsers[demo.author].email, kUsers[demo.author].password);
    if (!author) continue;
    domain::MacroDraft draft;
    draft.title = demo.title;
    draft.body = demo.body;
    draft.scope = demo.scope;
    draft.status = demo.status;
    if (demo.priority) draft.priority = demo.priority;
    draft.add_tags = {demo.tag};
    (void)app.macros().create(domain::Actor{author->user, std::nullopt}, draft);
  }
  out << "Demo logins (password after the slash):\n";
  for (const auto& user : kUsers) out << "  " << user.role << "\t" << user.email << " / " << user.password << "\n";
}

}  // namespace gongdan::app
