#include "storage/migrations/migration_texts.hpp"

namespace gongdan::storage::migrations {

// The categories and help-center articles a fresh installation starts with, for an
// instant-messaging app. Admins edit them later; this migration only seeds. Rows never name
// their ids so that PostgreSQL's identity sequences stay in step (see sql/dialect.hpp).
std::string_view seed_catalog() {
  return R"sql(
INSERT INTO categories (name_zh, name_en, position, active) VALUES
  ('账号与登录', 'Account & sign-in', 1, 1),
  ('消息与通话', 'Messages & calls', 2, 1),
  ('群组与频道', 'Groups & channels', 3, 1),
  ('支付与会员', 'Payments & membership', 4, 1),
  ('崩溃与故障', 'Crashes & errors', 5, 1),
  ('隐私与安全', 'Privacy & security', 6, 1),
  ('其他', 'Other', 7, 1);

INSERT INTO articles (slug, locale, title, body_markdown, category, position) VALUES
('cannot-sign-in', 'zh-CN', '无法登录或收不到验证码',
'登录失败或一直收不到短信验证码时，请按顺序检查：

1. **手机号与国家/地区代码**：中国大陆号码选择 +86，号码前不要多输 0。
2. **稍等再重新获取**：验证码可能延迟一两分钟；短时间内反复获取会被暂时限制，请等待 60 秒后再试。
3. **短信拦截**：查看手机的“骚扰拦截”或“垃圾短信”，部分安全软件会拦截验证码短信。
4. **号码状态**：确认手机能正常接收其他短信，号码没有停机或欠费。
5. **语音验证码**：在验证码页面点击“收不到验证码？”，改用语音电话接收。
6. **设备时间**：系统时间不准会导致登录校验失败，请开启“自动设置日期和时间”。

仍然无法登录，请提交工单，分类选择“账号与登录”，写明手机号后四位、看到的错误提示和发生时间。

> 请不要在工单中填写验证码或密码，客服人员不会向你索要它们。',
'账号与登录', 1),
('cannot-sign-in', 'en', 'Cannot sign in, or the verification code never arrives',
'If signing in fails or the SMS verification code does not arrive, check these in order:

1. **Phone number and country code**: pick the right country code (+86 for mainland China) and do not add a leading 0.
2. **Wait, then request again**: codes can take a minute or two. Requesting many codes in a short time is temporarily blocked, so wait 60 seconds between requests.
3. **SMS filters**: look in your phone''s spam or blocked messages; some security apps filter verification codes.
4. **Your number**: make sure the phone receives other SMS and the line is active.
5. **Voice code**: on the code screen tap "Didn''t get a code?" and choose a voice call instead.
6. **Device time**: a wrong system clock makes sign-in checks fail; turn on automatic date and time.

Still stuck? Submit a ticket in the category "Account & sign-in" with the last four digits of your phone number, the error message you see and when it happened.

> Never put a verification code or password into a ticket. Our support staff will never ask for them.',
'Account & sign-in', 1),

('messages-not-delivered', 'zh-CN', '消息发送失败或对方收不到',
'消息旁出现红色感叹号，或者一直显示“发送中”，通常与网络有关：

- **切换网络**：在 Wi-Fi 与移动数据之间切换一次，或打开再关闭飞行模式。
- **检查后台权限**：在系统设置中允许应用后台运行和使用移动数据；省电模式可能会断开连接。
- **重新发送**：点击红色感叹号，选择“重新发送”。
- **对方的设置**：如果对方已将你删除或拉黑，消息无法送达；群聊中可能开启了全员禁言。
- **更新应用**：旧版本可能无法收发新的消息类型（例如某些表情或文件）。

收不到别人发来的消息或通知时，请检查系统通知权限、勿扰模式，以及应用内“新消息通知”的开关。

如果问题持续超过 30 分钟，请提交工单，写明对方的账号（或群名称）、发送时间和网络类型，并附上截图。',
'消息与通话', 2),
('messages-not-delivered', 'en', 'Messages fail to send or never arrive',
'A red exclamation mark next to a message, or a message stuck on "Sending", is usually a network problem:

- **Switch networks**: move between Wi-Fi and mobile data once, or turn airplane mode on and off.
- **Background permissions**: allow the app to run in the background and to use mobile data; battery savers can cut the connection.
- **Resend**: tap the red exclamation mark and choose "Resend".
- **The other side**: if the person removed or blocked you, messages cannot be delivered; a group may have muted all members.
- **Update the app**: old versions may not send or receive newer message types, such as some stickers or files.

If you do not receive messages or notifications, check the system notification permission, Do Not Disturb, and the "New message notifications" switch in the app.

If the problem lasts more than 30 minutes, submit a ticket with the contact or group name, the time you sent the message and your network type, plus a screenshot.',
'Messages & calls', 2),

('app-crashes-on-start', 'zh-CN', '应用启动时闪退',
'打开应用后立即退出，可以依次尝试：

1. **重启手机**，再打开应用。
2. **更新到最新版本**：在应用商店检查更新，很多闪退已在新版本中修复。
3. **检查存储空间**：手机剩余空间少于 500 MB 时，应用可能无法启动。
4. **清除缓存**（Android：设置 → 应用 → 存储 → 清除缓存）。不要选择“清除数据”，否则未备份的聊天记录可能丢失。
5. **检查系统版本**：过旧的系统版本可能不再受支持。

以上都无效时，请提交工单，分类选择“崩溃与故障”，紧急程度选择“紧急”，并填写：手机型号、系统版本、应用版本号，以及闪退开始的大致时间。能附上录屏或崩溃日志会更快定位问题。

闪退和数据丢失属于紧急问题，我们会在 1–2 小时内回复。',
'崩溃与故障', 3),
('app-crashes-on-start', 'en', 'The app crashes on start',
'If the app closes right after you open it, try these in order:

1. **Restart your phone**, then open the app again.
2. **Update to the latest version** from your app store; many crashes are fixed in newer releases.
3. **Free up storage**: with less than 500 MB free, the app may fail to start.
4. **Clear the cache** (Android: Settings → Apps → Storage → Clear cache). Do not choose "Clear data": chat history that is not backed up could be lost.
5. **Check your system version**: very old versions may no longer be supported.

If nothing helps, submit a ticket in the category "Crashes & errors" with urgency "Urgent", and include your phone model, system version, app version and roughly when the crashes started. A screen recording or crash log helps us find the cause faster.

Crashes and data loss are urgent problems: we answer within 1–2 hours.',
'Crashes & errors', 3),

('restore-chat-history', 'zh-CN', '如何找回聊天记录',
'聊天记录默认保存在你的手机上。能否找回，取决于之前是否做过备份：

- **开启过聊天备份**：在新手机上登录同一账号，进入“设置 → 聊天 → 聊天备份”，选择“从备份恢复”。恢复期间请保持网络连接和应用在前台。
- **换机时**：在旧手机上使用“迁移聊天记录到另一台设备”，两台手机需连接同一 Wi-Fi。
- **没有备份**：卸载应用或清除数据后，本地聊天记录无法恢复。服务器不会长期保存消息内容，客服也无法替你导出。

为避免再次丢失，建议开启自动备份，并定期检查最近一次备份的时间。

如果恢复过程中报错或中断，请提交工单，写明错误提示、备份大小和两台设备的型号。',
'消息与通话', 4),
('restore-chat-history', 'en', 'Recovering your chat history',
'Chat history is stored on your phone. Whether it can be recovered depends on whether you had a backup:

- **Chat backup was on**: sign in with the same account on the new phone, open Settings → Chats → Chat backup and choose "Restore from backup". Keep the app open and online while it restores.
- **Changing phones**: on the old phone, use "Transfer chat history to another device"; both phones must be on the same Wi-Fi.
- **No backup**: after the app is uninstalled or its data cleared, local chat history cannot be recovered. Our servers do not keep message contents, and support cannot export them for you.

To be safe next time, turn on automatic backup and check the time of your latest backup now and then.

If restoring fails or stops with an error, submit a ticket with the error message, the backup size and the models of both devices.',
'Messages & calls', 4),

('report-spam-abuse', 'zh-CN', '举报垃圾信息、诈骗或骚扰',
'遇到垃圾广告、诈骗或骚扰时：

1. **在聊天中举报**：长按对方的消息，选择“举报”，并选择原因。举报会附带相关消息，便于核实。
2. **拉黑对方**：进入对方资料页，选择“加入黑名单”，对方将无法再给你发消息。
3. **群组中的骚扰**：可以举报具体消息，也可以在群资料页举报整个群。
4. **不要转账**：任何自称客服、要求你转账、提供验证码或点击陌生链接的人都可能是诈骗。官方客服只通过工单与你联系。

如果已经造成财产损失，请尽快向当地公安机关报案，并提交工单（分类“隐私与安全”），附上对方账号和聊天截图，我们会配合调查。',
'隐私与安全', 5),
('report-spam-abuse', 'en', 'Reporting spam, scams or harassment',
'If you receive spam, a scam or harassment:

1. **Report it in the chat**: long-press the message, choose "Report" and pick a reason. The report includes the messages involved so that we can check them.
2. **Block the sender**: open their profile and choose "Block"; they can no longer message you.
3. **Harassment in a group**: report the single message, or report the whole group from its info page.
4. **Never send money**: anyone who claims to be support and asks for a transfer, a verification code or a click on an unknown link is probably a scammer. Official support only contacts you through your ticket.

If you have lost money, report it to the police first, then submit a ticket in "Privacy & security" with the account involved and screenshots of the chat; we will cooperate with the investigation.',
'Privacy & security', 5),

('contact-support', 'zh-CN', '如何联系客服，工单如何处理',
'遇到帮助中心解决不了的问题，请提交工单。无需注册，填写姓名和邮箱即可提交；登录后提交可以在“我的工单”中随时查看。

**提交后会发生什么**

- 你会立即得到一个**工单编号**，形如 `261125-7KQ2MX`：前六位是提交日期，短横线后的五位用于识别工单，最后一位是校验位，输错一个字符时系统能发现。请保存编号，查询进度和联系客服时都会用到。
- 确认邮件会发送到你填写的邮箱，邮件中的链接可以直接查看工单。
- 未登录时，也可以用工单编号加邮箱查询处理状态。

**多久会有回复**

- **紧急问题**（应用闪退、无法使用、数据丢失）：1–2 小时内回复。
- **其他问题**：24 小时内回复。

**让问题更快解决**

- 一个工单只描述一个问题，写清楚发生时间、操作步骤和看到的提示。
- 附上截图或录屏（图片、PDF、文本日志等，每个不超过 20 MB）。
- 需要补充信息时，直接在原工单中回复，不要重复提交新工单。

工单状态依次为：新建 → 处理中 → 等待你的回复 → 已解决 → 已关闭。已解决的工单 14 天内可以重新打开。',
'其他', 6),
('contact-support', 'en', 'How to contact support and how tickets work',
'When the help center does not solve your problem, submit a ticket. You do not need an account: a name and an email address are enough. Signed-in users can follow all their tickets under "My tickets".

**What happens after you submit**

- You get a **ticket number** right away, like `261125-7KQ2MX`: the first six digits are the date, the next five symbols identify the ticket and the last one is a check symbol, so a mistyped number is caught. Keep it: you need it to check progress or to talk to us.
- A confirmation email with a link to the ticket goes to the address you gave.
- Without signing in, you can look up a ticket''s status with its number and your email.

**When you will hear from us**

- **Urgent problems** (the app crashes, cannot be used, or data is lost): an answer within 1–2 hours.
- **Everything else**: an answer within 24 hours.

**Helping us solve it faster**

- One problem per ticket; say when it happened, what you did and what you saw.
- Attach screenshots or screen recordings (images, PDF, text logs; up to 20 MB each).
- To add details, reply on the same ticket instead of opening a new one.

A ticket moves through: New → Open → Waiting for your reply → Resolved → Closed. A resolved ticket can be reopened within 14 days.',
'Other', 6);
)sql";
}

}  // namespace gongdan::storage::migrations
