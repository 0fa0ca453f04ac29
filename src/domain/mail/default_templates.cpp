// The mail templates Gongdan ships, in Simplified Chinese and English (Mustache, kainjow dialect).
//
// Values a template may use (docs/mail.md, "Template values"); an empty value counts as false, so
// `{{#reply_by}}…{{/reply_by}}` hides a line whose value is missing:
//   customer.name    the recipient's name (may be empty: guests who gave none)
//   ticket.number    YYMMDD-XXXXXC
//   ticket.subject   the ticket's subject
//   ticket.status    the status, as a label in the mail's language
//   ticket.summary   the first ~200 characters of the description
//   reply_by         when the first answer is due, local time in the mail's language (may be empty)
//   reply.body       an agent's public reply, in full
//   reply.author     the agent's display name
//   link             the secure URL (ticket or sign-in link); a secret until the mail is sent
//   link_days        how many days a ticket link stays valid
//   site.name        the help desk's name; site.url its public URL
//   support.email    the support address (the From address)
//   tickets          kTicketList only: rows with number, subject, status, updated, link
//   sla.target       kSlaBreached only: the missed target (首次响应 / first response, ...)
//   sla.due_at       kSlaBreached only: when it was due, Beijing time
//   ticket.priority, ticket.group, ticket.assignee, agent_link: kSlaBreached only (staff mail)
//
// Subjects of ticket mail start with `[#{{ticket.number}}]`: incoming replies are threaded by the
// number in the subject when a mail client drops the References header.
#include <string>
#include <string_view>

#include "domain/mail/mail_template.hpp"

namespace gongdan::domain {
namespace {

struct Texts {
  std::string_view subject;
  std::string_view text;
  std::string_view html_body;  // the content of the layout's main cell, with the shorthand tags below
};

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// Shorthands shared by every text, expanded when the template is built so that admins edit plain
// Mustache. Mail clients ignore <style> blocks, so the HTML carries inline styles only.
void expand_shorthands(std::string& text, Locale locale) {
  const bool zh = locale == Locale::kZhCn;
  replace_all(
      text, "[[greeting]]",
      zh ? "{{#customer.name}}{{customer.name}}，您好：{{/customer.name}}{{^customer.name}}您好：{{/customer.name}}"
         : "{{#customer.name}}Hello {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}");
  replace_all(text, "[[signoff]]", zh ? "{{site.name}} 客服团队" : "The {{site.name}} support team");
  replace_all(text, "<p>", R"(<p style="margin:0 0 16px;">)");
  replace_all(text, "<blockquote>",
              R"(<div style="margin:0 0 16px;padding:12px 16px;background-color:#f7f8fa;)"
              R"(border-left:3px solid #1664ff;white-space:pre-wrap;word-break:break-word;">)");
  replace_all(text, "</blockquote>", "</div>");
  replace_all(text, "<table class=\"facts\">",
              R"(<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;">)");
  replace_all(text, "<th>",
              R"(<td style="padding:4px 16px 4px 0;color:#86909c;white-space:nowrap;vertical-align:top;">)");
  replace_all(text, "</th>", "</td>");
  replace_all(text, "<td>", R"(<td style="padding:4px 0;vertical-align:top;word-break:break-word;">)");
  replace_all(text, "<a class=\"button\" ",
              R"(<a style="display:inline-block;padding:10px 24px;background-color:#1664ff;color:#ffffff;)"
              R"(text-decoration:none;border-radius:4px;font-weight:bold;" )");
  replace_all(text, "<a href=", R"(<a style="color:#1664ff;word-break:break-all;" href=)");
}

constexpr std::string_view kLayout = R"(<!DOCTYPE html>
<html lang="[[lang]]">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{site.name}}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:#ffffff;border:1px solid #e5e6eb;border-radius:6px;font-family:-apple-system,'PingFang SC','Microsoft YaHei','Helvetica Neue',Arial,sans-serif;font-size:15px;line-height:1.7;color:#1f2329;">
<tr><td style="padding:16px 24px;border-bottom:1px solid #e5e6eb;font-size:17px;font-weight:bold;">{{site.name}}</td></tr>
<tr><td style="padding:24px;">
[[body]]
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e5e6eb;font-size:12px;line-height:1.6;color:#86909c;">[[footer]]</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
)";

constexpr std::string_view kFooterZh =
    "此邮件由系统自动发送。如有疑问，请联系 <a href=\"mailto:{{support.email}}\">{{support.email}}</a>。";
constexpr std::string_view kFooterEn =
    "This message was sent automatically. Questions? Write to <a "
    "href=\"mailto:{{support.email}}\">{{support.email}}</a>.";

// ---- zh-CN ----

constexpr Texts kConfirmationZh{"[#{{ticket.number}}] 我们已收到您的工单：{{ticket.subject}}",
                                R"([[greeting]]

感谢您联系{{site.name}}，我们已收到您提交的工单，会尽快为您处理。

工单编号：{{ticket.number}}
标题：{{ticket.subject}}
{{#reply_by}}
预计回复：{{reply_by}} 前
{{/reply_by}}
问题描述：
{{ticket.summary}}
{{#link}}

您可以通过以下链接随时查看处理进度、补充说明：
{{link}}
{{#link_days}}
（链接 {{link_days}} 天内有效，仅供您本人使用，请勿转发给他人。）
{{/link_days}}
{{/link}}

如需补充信息，也可以直接回复本邮件。

[[signoff]]
)",
                                R"(<p>[[greeting]]</p>
<p>感谢您联系{{site.name}}，我们已收到您提交的工单，会尽快为您处理。</p>
<table class="facts">
<tr><th>工单编号</th><td>{{ticket.number}}</td></tr>
<tr><th>标题</th><td>{{ticket.subject}}</td></tr>
{{#reply_by}}
<tr><th>预计回复</th><td>{{reply_by}} 前</td></tr>
{{/reply_by}}
</table>
<blockquote>{{ticket.summary}}</blockquote>
{{#link}}
<p><a class="button" href="{{link}}">查看工单</a></p>
<p>如果按钮无法打开，请将以下链接复制到浏览器中：<br><a href="{{link}}">{{link}}</a></p>
{{#link_days}}
<p>链接 {{link_days}} 天内有效，仅供您本人使用，请勿转发给他人。</p>
{{/link_days}}
{{/link}}
<p>如需补充信息，也可以直接回复本邮件。</p>
<p>[[signoff]]</p>)"};

constexpr Texts kAgentReplyZh{"[#{{ticket.number}}] 您的工单有新回复：{{ticket.subject}}",
                              R"([[greeting]]

您的工单 #{{ticket.number}}（{{ticket.subject}}）有了新的回复：

------------------------------
{{reply.body}}
------------------------------
{{#reply.author}}
—— {{reply.author}}
{{/reply.author}}

如有其他问题，直接回复本邮件即可，您的回复会自动添加到工单中。
{{#link}}

查看完整的处理记录：
{{link}}
{{/link}}

[[signoff]]
)",
                              R"(<p>[[greeting]]</p>
<p>您的工单 #{{ticket.number}}（{{ticket.subject}}）有了新的回复：</p>
<blockquote>{{reply.body}}</blockquote>
{{#reply.author}}
<p>—— {{reply.author}}</p>
{{/reply.author}}
<p>如有其他问题，直接回复本邮件即可，您的回复会自动添加到工单中。</p>
{{#link}}
<p><a class="button" href="{{link}}">查看工单</a></p>
{{/link}}
<p>[[signoff]]</p>)"};

constexpr Texts kStatusChangedZh{"[#{{ticket.number}}] 工单状态已更新为「{{ticket.status}}」",
                                 R"([[greeting]]

您的工单 #{{ticket.number}}（{{ticket.subject}}）的状态已更新为：{{ticket.status}}。

如果我们在等待您的回复，请补充相关信息，以便我们继续处理；如果问题已经解决，无需进行任何操作。问题仍未解决的话，直接回复本邮件，工单会重新打开。
{{#link}}

查看工单：
{{link}}
{{/link}}

[[signoff]]
)",
                                 R"(<p>[[greeting]]</p>
<p>您的工单 #{{ticket.number}}（{{ticket.subject}}）的状态已更新为：<strong>{{ticket.status}}</strong>。</p>
<p>如果我们在等待您的回复，请补充相关信息，以便我们继续处理；如果问题已经解决，无需进行任何操作。问题仍未解决的话，直接回复本邮件，工单会重新打开。</p>
{{#link}}
<p><a class="button" href="{{link}}">查看工单</a></p>
{{/link}}
<p>[[signoff]]</p>)"};

constexpr Texts kTicketLinkZh{"[#{{ticket.number}}] 您的工单查看链接",
                              R"([[greeting]]

您申请获取工单 #{{ticket.number}}（{{ticket.subject}}）的查看链接，请点击以下链接查看：
{{link}}
{{#link_days}}

链接 {{link_days}} 天内有效，仅供您本人使用，请勿转发给他人。
{{/link_days}}

如果这不是您本人的操作，请忽略本邮件，您的工单不会受到任何影响。

[[signoff]]
)",
                              R"(<p>[[greeting]]</p>
<p>您申请获取工单 #{{ticket.number}}（{{ticket.subject}}）的查看链接，请点击下方按钮查看：</p>
<p><a class="button" href="{{link}}">查看工单</a></p>
<p>如果按钮无法打开，请将以下链接复制到浏览器中：<br><a href="{{link}}">{{link}}</a></p>
{{#link_days}}
<p>链接 {{link_days}} 天内有效，仅供您本人使用，请勿转发给他人。</p>
{{/link_days}}
<p>如果这不是您本人的操作，请忽略本邮件，您的工单不会受到任何影响。</p>
<p>[[signoff]]</p>)"};

constexpr Texts kTicketListZh{"您在{{site.name}}提交的工单",
                              R"([[greeting]]

以下是此邮箱地址在{{site.name}}提交的工单：

{{#tickets}}
#{{number}}  {{subject}}
状态：{{status}}　最近更新：{{updated}}
{{link}}

{{/tickets}}
{{#link_days}}
以上链接 {{link_days}} 天内有效，仅供您本人使用，请勿转发给他人。
{{/link_days}}

如果这不是您本人的操作，请忽略本邮件。

[[signoff]]
)",
                              R"(<p>[[greeting]]</p>
<p>以下是此邮箱地址在{{site.name}}提交的工单：</p>
<table class="facts">
{{#tickets}}
<tr><th><a href="{{link}}">#{{number}}</a></th><td>{{subject}}<br><span style="color:#86909c;">{{status}} · 最近更新：{{updated}}</span></td></tr>
{{/tickets}}
</table>
{{#link_days}}
<p>以上链接 {{link_days}} 天内有效，仅供您本人使用，请勿转发给他人。</p>
{{/link_days}}
<p>如果这不是您本人的操作，请忽略本邮件。</p>
<p>[[signoff]]</p>)"};

constexpr Texts kSignInLinkZh{"登录{{site.name}}的链接",
                              R"([[greeting]]

请点击以下链接登录{{site.name}}：
{{link}}

该链接 30 分钟内有效，且只能使用一次。如果这不是您本人的操作，请忽略本邮件，您的账户不会受到任何影响。

[[signoff]]
)",
                              R"(<p>[[greeting]]</p>
<p>请点击下方按钮登录{{site.name}}：</p>
<p><a class="button" href="{{link}}">登录</a></p>
<p>如果按钮无法打开，请将以下链接复制到浏览器中：<br><a href="{{link}}">{{link}}</a></p>
<p>该链接 30 分钟内有效，且只能使用一次。如果这不是您本人的操作，请忽略本邮件，您的账户不会受到任何影响。</p>
<p>[[signoff]]</p>)"};

constexpr Texts kVerificationZh{"请验证您在{{site.name}}的邮箱地址",
                                R"([[greeting]]

感谢您注册{{site.name}}。请点击以下链接验证您的邮箱地址，验证后将自动登录：
{{link}}

该链接 30 分钟内有效，且只能使用一次。如果您没有注册过{{site.name}}，请忽略本邮件。

[[signoff]]
)",
                                R"(<p>[[greeting]]</p>
<p>感谢您注册{{site.name}}。请点击下方按钮验证您的邮箱地址，验证后将自动登录：</p>
<p><a class="button" href="{{link}}">验证邮箱</a></p>
<p>如果按钮无法打开，请将以下链接复制到浏览器中：<br><a href="{{link}}">{{link}}</a></p>
<p>该链接 30 分钟内有效，且只能使用一次。如果您没有注册过{{site.name}}，请忽略本邮件。</p>
<p>[[signoff]]</p>)"};

constexpr Texts kTestMailZh{"{{site.name}} 测试邮件",
                            R"(您好：

这是一封来自{{site.name}}的测试邮件。收到这封邮件，说明发信（SMTP）设置正确。

网站地址：{{site.url}}

[[signoff]]
)",
                            R"(<p>您好：</p>
<p>这是一封来自{{site.name}}的测试邮件。收到这封邮件，说明发信（SMTP）设置正确。</p>
<p>网站地址：<a href="{{site.url}}">{{site.url}}</a></p>
<p>[[signoff]]</p>)"};

// ---- en ----

constexpr Texts kConfirmationEn{"[#{{ticket.number}}] We have received your request: {{ticket.subject}}",
                                R"([[greeting]]

Thank you for contacting {{site.name}}. We have received your request and will get back to you as soon as we can.

Ticket number: {{ticket.number}}
Subject: {{ticket.subject}}
{{#reply_by}}
Expected reply: by {{reply_by}}
{{/reply_by}}
Description:
{{ticket.summary}}
{{#link}}

Follow your ticket or add details at any time:
{{link}}
{{#link_days}}
(This link is valid for {{link_days}} days and is meant for you only; please do not forward it.)
{{/link_days}}
{{/link}}

You can also reply to this email to add information.

[[signoff]]
)",
                                R"(<p>[[greeting]]</p>
<p>Thank you for contacting {{site.name}}. We have received your request and will get back to you as soon as we can.</p>
<table class="facts">
<tr><th>Ticket number</th><td>{{ticket.number}}</td></tr>
<tr><th>Subject</th><td>{{ticket.subject}}</td></tr>
{{#reply_by}}
<tr><th>Expected reply</th><td>by {{reply_by}}</td></tr>
{{/reply_by}}
</table>
<blockquote>{{ticket.summary}}</blockquote>
{{#link}}
<p><a class="button" href="{{link}}">View your ticket</a></p>
<p>If the button does not work, copy this link into your browser:<br><a href="{{link}}">{{link}}</a></p>
{{#link_days}}
<p>This link is valid for {{link_days}} days and is meant for you only; please do not forward it.</p>
{{/link_days}}
{{/link}}
<p>You can also reply to this email to add information.</p>
<p>[[signoff]]</p>)"};

constexpr Texts kAgentReplyEn{"[#{{ticket.number}}] New reply to your ticket: {{ticket.subject}}",
                              R"([[greeting]]

There is a new reply to your ticket #{{ticket.number}} ({{ticket.subject}}):

------------------------------
{{reply.body}}
------------------------------
{{#reply.author}}
-- {{reply.author}}
{{/reply.author}}

Simply reply to this email if you have more questions; your answer is added to the ticket.
{{#link}}

See the whole conversation:
{{link}}
{{/link}}

[[signoff]]
)",
                              R"(<p>[[greeting]]</p>
<p>There is a new reply to your ticket #{{ticket.number}} ({{ticket.subject}}):</p>
<blockquote>{{reply.body}}</blockquote>
{{#reply.author}}
<p>-- {{reply.author}}</p>
{{/reply.author}}
<p>Simply reply to this email if you have more questions; your answer is added to the ticket.</p>
{{#link}}
<p><a class="button" href="{{link}}">View your ticket</a></p>
{{/link}}
<p>[[signoff]]</p>)"};

constexpr Texts kStatusChangedEn{"[#{{ticket.number}}] Your ticket is now {{ticket.status}}",
                                 R"([[greeting]]

The status of your ticket #{{ticket.number}} ({{ticket.subject}}) is now: {{ticket.status}}.

If we are waiting for your answer, please send us the details we asked for. If your problem is solved, there is nothing more to do. If it is not, reply to this email and the ticket reopens.
{{#link}}

View your ticket:
{{link}}
{{/link}}

[[signoff]]
)",
                                 R"(<p>[[greeting]]</p>
<p>The status of your ticket #{{ticket.number}} ({{ticket.subject}}) is now: <strong>{{ticket.status}}</strong>.</p>
<p>If we are waiting for your answer, please send us the details we asked for. If your problem is solved, there is nothing more to do. If it is not, reply to this email and the ticket reopens.</p>
{{#link}}
<p><a class="button" href="{{link}}">View your ticket</a></p>
{{/link}}
<p>[[signoff]]</p>)"};

constexpr Texts kTicketLinkEn{"[#{{ticket.number}}] Your link to ticket #{{ticket.number}}",
                              R"([[greeting]]

You asked for a link to your ticket #{{ticket.number}} ({{ticket.subject}}). Open it here:
{{link}}
{{#link_days}}

This link is valid for {{link_days}} days and is meant for you only; please do not forward it.
{{/link_days}}

If you did not ask for this, you can ignore this email; your ticket is not affected.

[[signoff]]
)",
                              R"(<p>[[greeting]]</p>
<p>You asked for a link to your ticket #{{ticket.number}} ({{ticket.subject}}).</p>
<p><a class="button" href="{{link}}">View your ticket</a></p>
<p>If the button does not work, copy this link into your browser:<br><a href="{{link}}">{{link}}</a></p>
{{#link_days}}
<p>This link is valid for {{link_days}} days and is meant for you only; please do not forward it.</p>
{{/link_days}}
<p>If you did not ask for this, you can ignore this email; your ticket is not affected.</p>
<p>[[signoff]]</p>)"};

constexpr Texts kTicketListEn{"Your tickets at {{site.name}}",
                              R"([[greeting]]

These are the tickets submitted from this email address at {{site.name}}:

{{#tickets}}
#{{number}}  {{subject}}
Status: {{status}}, last updated: {{updated}}
{{link}}

{{/tickets}}
{{#link_days}}
These links are valid for {{link_days}} days and are meant for you only; please do not forward them.
{{/link_days}}

If you did not ask for this, you can ignore this email.

[[signoff]]
)",
                              R"(<p>[[greeting]]</p>
<p>These are the tickets submitted from this email address at {{site.name}}:</p>
<table class="facts">
{{#tickets}}
<tr><th><a href="{{link}}">#{{number}}</a></th><td>{{subject}}<br><span style="color:#86909c;">{{status}} · last updated: {{updated}}</span></td></tr>
{{/tickets}}
</table>
{{#link_days}}
<p>These links are valid for {{link_days}} days and are meant for you only; please do not forward them.</p>
{{/link_days}}
<p>If you did not ask for this, you can ignore this email.</p>
<p>[[signoff]]</p>)"};

constexpr Texts kSignInLinkEn{"Your sign-in link for {{site.name}}",
                              R"([[greeting]]

Use this link to sign in to {{site.name}}:
{{link}}

The link is valid for 30 minutes and works once. If you did not ask for it, you can ignore this email; your account is not affected.

[[signoff]]
)",
                              R"(<p>[[greeting]]</p>
<p>Use the button below to sign in to {{site.name}}:</p>
<p><a class="button" href="{{link}}">Sign in</a></p>
<p>If the button does not work, copy this link into your browser:<br><a href="{{link}}">{{link}}</a></p>
<p>The link is valid for 30 minutes and works once. If you did not ask for it, you can ignore this email; your account is not affected.</p>
<p>[[signoff]]</p>)"};

constexpr Texts kVerificationEn{"Please confirm your email address for {{site.name}}",
                                R"([[greeting]]

Thank you for signing up at {{site.name}}. Please confirm your email address with this link (it signs you in, too):
{{link}}

The link is valid for 30 minutes and works once. If you did not sign up, you can ignore this email.

[[signoff]]
)",
                                R"(<p>[[greeting]]</p>
<p>Thank you for signing up at {{site.name}}. Please confirm your email address (this signs you in, too):</p>
<p><a class="button" href="{{link}}">Confirm email address</a></p>
<p>If the button does not work, copy this link into your browser:<br><a href="{{link}}">{{link}}</a></p>
<p>The link is valid for 30 minutes and works once. If you did not sign up, you can ignore this email.</p>
<p>[[signoff]]</p>)"};

constexpr Texts kTestMailEn{"{{site.name}} test message",
                            R"(Hello,

This is a test message from {{site.name}}. If you can read it, outgoing mail (SMTP) is set up correctly.

Site: {{site.url}}

[[signoff]]
)",
                            R"(<p>Hello,</p>
<p>This is a test message from {{site.name}}. If you can read it, outgoing mail (SMTP) is set up correctly.</p>
<p>Site: <a href="{{site.url}}">{{site.url}}</a></p>
<p>[[signoff]]</p>)"};

constexpr Texts kSlaBreachedZh{"[#{{ticket.number}}] 服务级别超时：{{sla.target}}",
                               R"([[greeting]]

工单 {{ticket.number}}「{{ticket.subject}}」的{{sla.target}}目标已超时（应于 {{sla.due_at}} 前完成）。

优先级：{{ticket.priority}}
处理组：{{ticket.group}}
处理人：{{#ticket.assignee}}{{ticket.assignee}}{{/ticket.assignee}}{{^ticket.assignee}}未分配{{/ticket.assignee}}

查看工单：{{agent_link}}

{{site.name}} 服务级别提醒
)",
                               R"(<p>[[greeting]]</p>
<p>工单 {{ticket.number}}「{{ticket.subject}}」的{{sla.target}}目标已超时（应于 {{sla.due_at}} 前完成）。</p>
<table class="facts">
<tr><th>优先级</th><td>{{ticket.priority}}</td></tr>
<tr><th>处理组</th><td>{{ticket.group}}</td></tr>
<tr><th>处理人</th><td>{{#ticket.assignee}}{{ticket.assignee}}{{/ticket.assignee}}{{^ticket.assignee}}未分配{{/ticket.assignee}}</td></tr>
</table>
<p><a class="button" href="{{agent_link}}">查看工单</a></p>
<p>{{site.name}} 服务级别提醒</p>)"};

constexpr Texts kSlaBreachedEn{"[#{{ticket.number}}] SLA breached: {{sla.target}}",
                               R"([[greeting]]

Ticket {{ticket.number}} "{{ticket.subject}}" missed its {{sla.target}} target (due {{sla.due_at}}).

Priority: {{ticket.priority}}
Group: {{ticket.group}}
Assignee: {{#ticket.assignee}}{{ticket.assignee}}{{/ticket.assignee}}{{^ticket.assignee}}nobody{{/ticket.assignee}}

Open the ticket: {{agent_link}}

{{site.name}} service-level alerts
)",
                               R"(<p>[[greeting]]</p>
<p>Ticket {{ticket.number}} "{{ticket.subject}}" missed its {{sla.target}} target (due {{sla.due_at}}).</p>
<table class="facts">
<tr><th>Priority</th><td>{{ticket.priority}}</td></tr>
<tr><th>Group</th><td>{{ticket.group}}</td></tr>
<tr><th>Assignee</th><td>{{#ticket.assignee}}{{ticket.assignee}}{{/ticket.assignee}}{{^ticket.assignee}}nobody{{/ticket.assignee}}</td></tr>
</table>
<p><a class="button" href="{{agent_link}}">Open the ticket</a></p>
<p>{{site.name}} service-level alerts</p>)"};

const Texts& texts_for(MailKind kind, Locale locale) {
  const bool zh = locale == Locale::kZhCn;
  switch (kind) {
    case MailKind::kTicketConfirmation: return zh ? kConfirmationZh : kConfirmationEn;
    case MailKind::kAgentReply: return zh ? kAgentReplyZh : kAgentReplyEn;
    case MailKind::kStatusChanged: return zh ? kStatusChangedZh : kStatusChangedEn;
    case MailKind::kTicketLink: return zh ? kTicketLinkZh : kTicketLinkEn;
    case MailKind::kTicketList: return zh ? kTicketListZh : kTicketListEn;
    case MailKind::kSignInLink: return zh ? kSignInLinkZh : kSignInLinkEn;
    case MailKind::kEmailVerification: return zh ? kVerificationZh : kVerificationEn;
    case MailKind::kTestMail: return zh ? kTestMailZh : kTestMailEn;
    case MailKind::kSlaBreached: return zh ? kSlaBreachedZh : kSlaBreachedEn;
  }
  return zh ? kTestMailZh : kTestMailEn;
}

}  // namespace

MailTemplate default_template(MailKind kind, Locale locale) {
  const Texts& texts = texts_for(kind, locale);
  MailTemplate result;
  result.kind = kind;
  result.locale = locale;
  result.subject = texts.subject;
  result.text = texts.text;
  result.html = kLayout;
  replace_all(result.html, "[[lang]]", to_string(locale));
  replace_all(result.html, "[[footer]]", locale == Locale::kZhCn ? kFooterZh : kFooterEn);
  replace_all(result.html, "[[body]]", texts.html_body);
  expand_shorthands(result.text, locale);
  expand_shorthands(result.html, locale);
  return result;
}

}  // namespace gongdan::domain
