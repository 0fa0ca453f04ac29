#include "app/bench_load.hpp"

#include <malloc.h>
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <optional>
#include <random>
#include <string_view>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "storage/database.hpp"
#include "storage/sqlite/bulk_ticket_writer.hpp"

namespace gongdan::app {
namespace {

using Clock = std::chrono::steady_clock;

// Customers are created through the repository, this many at once, so the writer commits them in
// groups. Tickets go in batches of kBatch rows per commit, with at most kBatchesAhead generated
// and waiting.
constexpr int kInFlight = 64;
constexpr std::int64_t kBatch = 5000;
constexpr std::size_t kBatchesAhead = 3;
constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kSpanDays = 365;  // the tickets' creation times cover the year before now

constexpr std::array<std::string_view, 24> kZhSubjects{
    "打开群聊就闪退", "收不到短信验证码", "无法登录",         "语音消息发送失败",   "会员扣费两次",
    "聊天记录丢失",   "视频通话卡顿",     "头像上传失败",     "账号被冻结",         "朋友圈图片加载不出来",
    "消息通知延迟",   "更新后应用闪退",   "换手机后无法登录", "文件下载失败",       "红包领取异常",
    "群成员无法邀请", "表情包显示不全",   "夜间模式失效",     "绑定邮箱收不到邮件", "实名认证失败",
    "扫码登录没反应", "转账一直处理中",   "小程序打不开",     "发送图片很慢"};
constexpr std::array<std::string_view, 16> kEnSubjects{"App crashes on startup",
                                                       "Cannot log in after update",
                                                       "Voice messages fail to send",
                                                       "Chat history lost after reinstall",
                                                       "Charged twice for membership",
                                                       "Video call keeps dropping",
                                                       "Notifications arrive late",
                                                       "Cannot upload profile picture",
                                                       "Account locked",
                                                       "File download stuck at 99%",
                                                       "Group invite link not working",
                                                       "Dark mode resets itself",
                                                       "Verification email never arrives",
                                                       "Stickers not loading",
                                                       "Login code expired",
                                                       "Payment pending for hours"};
constexpr std::array<std::string_view, 32> kZhSentences{"从昨天更新到新版本以后，只要打开家人群就闪退，其他聊天正常。",
                                                        "换了新手机以后一直收不到短信验证码，已经等了半个小时。",
                                                        "输入密码后提示网络错误，但是其他应用都能正常上网。",
                                                        "语音消息一直转圈，最后显示红色感叹号，发不出去。",
                                                        "开通年度会员时银行卡被扣了两次，请帮忙退款。",
                                                        "重装应用后去年的聊天记录全部不见了，之前开了备份。",
                                                        "视频通话几秒钟就断开，网络是五G信号满格。",
                                                        "上传头像时提示图片格式不支持，换了几张都不行。",
                                                        "账号突然被冻结，提示存在异常行为，我没有做过违规的事情。",
                                                        "朋友圈的图片一直是灰色的，刷新也没有用。",
                                                        "消息通知经常延迟十几分钟才收到，已经打开了后台权限。",
                                                        "扫码登录电脑版时手机上没有任何反应。",
                                                        "转账显示处理中已经两天了，对方还没有收到。",
                                                        "小程序打开后白屏，清除缓存后还是一样。",
                                                        "发送高清图片特别慢，普通图片没问题。",
                                                        "群里的新成员收不到邀请链接，提示链接已失效。",
                                                        "表情包只显示一半，另一半是空白。",
                                                        "夜间模式每次重启以后都会自动关闭。",
                                                        "绑定邮箱的验证邮件一直没有收到，垃圾箱也没有。",
                                                        "实名认证上传身份证以后一直审核失败。",
                                                        "红包领取后余额没有变化。",
                                                        "文件下载到百分之九十九就卡住不动了。",
                                                        "应用在后台运行一会儿就被系统关掉，导致收不到消息。",
                                                        "登录时提示账号或密码错误，但是密码没有改过。",
                                                        "升级系统以后应用启动就闪退，重装也没用。",
                                                        "希望尽快处理，这个问题影响了我的工作。",
                                                        "手机型号是华为 Mate 60，系统是鸿蒙四。",
                                                        "已经尝试过重启手机和重新登录，问题依旧。",
                                                        "附上截图，请看一下是什么原因。",
                                                        "同事用同样的版本没有这个问题。",
                                                        "问题从上周开始出现，每天都会发生好几次。",
                                                        "客服电话打不通，只能在这里提交工单。"};
constexpr std::array<std::string_view, 24> kEnSentences{
    "Since this morning every voice message shows a red exclamation mark and never sends.",
    "I reinstalled the app and all my chats from last year are gone, although backup was on.",
    "The app crashes as soon as I open the family group; other chats work fine.",
    "After the latest update I cannot log in: it says the password is wrong, but I never changed it.",
    "I was charged twice for the yearly membership, please refund one payment.",
    "Video calls drop after a few seconds even on a strong wifi connection.",
    "Notifications arrive ten minutes late although background refresh is enabled.",
    "Uploading a profile picture fails with an unsupported format error.",
    "My account was locked for unusual activity, but I did nothing unusual.",
    "Downloads stop at 99 percent and never finish.",
    "The verification email never arrives, not even in the spam folder.",
    "Scanning the QR code to log in on the desktop does nothing on my phone.",
    "Stickers only show half of the image.",
    "Dark mode switches itself off after every restart.",
    "The payment has been pending for two days.",
    "Please help, this blocks my work every day.",
    "I already tried restarting the phone and logging in again.",
    "My phone is a Pixel 8 running Android 14.",
    "It happens on the web version too, in Chrome and Firefox.",
    "A colleague with the same version does not have this problem.",
    "Screenshots attached; let me know if you need logs.",
    "The problem started last week and happens several times a day.",
    "I cannot reach support by phone, so I am filing this ticket.",
    "Thanks in advance for looking into it."};
constexpr std::array<std::string_view, 10> kReplies{
    "您好，我们已经为您的号码重新开通了验证码通道，请再试一次。",
    "已核实重复扣费，退款将在三到五个工作日内原路退回。",
    "请在设置里清除缓存后重新登录，如果仍然闪退请告诉我们系统版本。",
    "内部备注：疑似网关故障，已转交后端排查。",
    "内部备注：同类问题本周已有多起，关联到版本 5.2.0 的崩溃。",
    "Thanks for the report! We fixed a relay issue; please try again.",
    "Could you send us the exact app version and a screenshot of the error?",
    "Internal note: reproduced on Android 14, escalated to the mobile team.",
    "我们已经恢复了您的聊天记录备份，请重新登录查看。",
    "Your account has been unlocked; please change your password."};
constexpr std::array<std::string_view, 12> kGivenNames{"伟",    "芳",  "娜",   "敏",     "静",   "磊",
                                                       "Alice", "Bob", "Chen", "Daniel", "Emma", "Li"};
constexpr std::array<std::string_view, 8> kFamilyNames{"王", "李", "张", "刘", "陈", "杨", "Zhao", "Smith"};

template <std::size_t N>
std::string_view pick(std::mt19937_64& rng, const std::array<std::string_view, N>& list) {
  return list[rng() % N];
}

// The calendar date at `ms` in China Standard Time (no daylight saving), as ticket numbers show it.
core::CivilDate china_date(std::int64_t ms) {
  using namespace std::chrono;
  const auto day = floor<days>(sys_time<milliseconds>{milliseconds{ms + std::int64_t{8} * 3'600'000}});
  const year_month_day ymd{day};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
}

// Tickets keep coming in; most older ones are solved, the last days' are still being worked.
domain::Status status_for(std::mt19937_64& rng, std::int64_t age_days) {
  using domain::Status;
  const int roll = static_cast<int>(rng() % 100);
  if (age_days < 3)
    return roll < 40 ? Status::kNew : roll < 75 ? Status::kOpen : roll < 95 ? Status::kPending : Status::kResolved;
  if (age_days < 30) {
    return roll < 5    ? Status::kNew
           : roll < 25 ? Status::kOpen
           : roll < 40 ? Status::kPending
           : roll < 70 ? Status::kResolved
                       : Status::kClosed;
  }
  return roll < 2 ? Status::kOpen : roll < 3 ? Status::kPending : roll < 10 ? Status::kResolved : Status::kClosed;
}

domain::Priority priority_for(std::mt19937_64& rng) {
  const int roll = static_cast<int>(rng() % 100);
  return roll < 15   ? domain::Priority::kLow
         : roll < 75 ? domain::Priority::kNormal
         : roll < 93 ? domain::Priority::kHigh
                     : domain::Priority::kUrgent;
}

std::string description_for(std::mt19937_64& rng, bool chinese, bool english) {
  const std::size_t target = 100 + rng() % 301;  // characters, roughly: bytes / 3 for Chinese
  std::string text;
  std::size_t chars = 0;
  while (chars < target) {
    const bool zh = chinese && (!english || rng() % 2 == 0);
    const std::string_view sentence = zh ? pick(rng, kZhSentences) : pick(rng, kEnSentences);
    if (!text.empty()) text += zh ? "" : " ";
    text += sentence;
    chars += zh ? sentence.size() / 3 : sentence.size();
  }
  return text;
}

// Runs work(i) for i in [0, count) on kInFlight threads, so that the writer always has a full group.
template <typename Work>
void in_parallel(std::int64_t count, std::uint64_t seed, Work work) {
  std::atomic<std::int64_t> next{0};
  std::vector<std::thread> threads;
  threads.reserve(kInFlight);
  for (int t = 0; t < kInFlight; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(seed + static_cast<std::uint64_t>(t) * 7919);
      for (std::int64_t i = next++; i < count; i = next++) work(i, rng);
    });
  }
  for (auto& thread : threads) thread.join();
}

// Unique ticket numbers without a lookup: the five random characters of ticket i are i times an
// odd constant modulo 32^5, a bijection, so no two tickets of the load share them on any day.
domain::TicketNumber number_for(std::int64_t i, std::int64_t created_ms) {
  constexpr std::uint64_t kSpace = 1u << 25;  // 32^5
  const std::uint64_t scrambled = (static_cast<std::uint64_t>(i) * 0x9E3779B1u) % kSpace;
  std::array<std::uint8_t, 5> values{};
  for (std::size_t k = 0; k < values.size(); ++k) values[k] = static_cast<std::uint8_t>((scrambled >> (5 * k)) & 31u);
  return domain::TicketNumber::make(china_date(created_ms), values);
}

// One line of progress with the time since the load started: "tickets: 100000 (5.2 s)".
void progress(std::ostream& out, std::string_view what, Clock::time_point started) {
  out << what << " (" << std::fixed << std::setprecision(1)
      << std::chrono::duration<double>(Clock::now() - started).count() << " s)\n"
      << std::flush;
}

struct LoadContext {
  const BenchLoadOptions& options;
  domain::AuthorRef agent;
  const std::vector<domain::User>& customers;
  std::int64_t now_ms;
};

// Ticket i of the load, with its conversation and search document: customers write in Chinese,
// English or both; one ticket in ten has replies or internal notes.
storage::sqlite::BulkTicket make_ticket(const LoadContext& context, std::int64_t i, std::mt19937_64& rng) {
  const std::int64_t created_ms =
      context.now_ms - kSpanDays * kDayMs + i * (kSpanDays * kDayMs / context.options.tickets);
  storage::sqlite::BulkTicket bulk;
  auto& t = bulk.ticket;
  const int language = static_cast<int>(rng() % 100);  // 65 % Chinese, 25 % English, 10 % both
  const bool chinese = language < 65 || language >= 90;
  const bool english = language >= 65;
  t.number = number_for(i, created_ms);
  t.subject = chinese ? std::string(pick(rng, kZhSubjects)) : std::string(pick(rng, kEnSubjects));
  if (chinese && english) t.subject += " / " + std::string(pick(rng, kEnSubjects));
  t.description = description_for(rng, chinese, english);
  t.category_id = core::CategoryId{static_cast<std::int64_t>(1 + rng() % 4)};
  t.environment = {rng() % 2 ? "android" : "ios", rng() % 2 ? "Android 14" : "iOS 18.1", "5.2.0", ""};
  t.priority = priority_for(rng);
  t.urgency = t.priority == domain::Priority::kUrgent ? domain::Urgency::kUrgent : domain::Urgency::kNormal;
  t.status = status_for(rng, (context.now_ms - created_ms) / kDayMs);
  t.created_at = core::from_epoch_ms(created_ms);
  t.updated_at = t.created_at;
  t.last_customer_message_at = t.created_at;
  if (rng() % 5 == 0) {  // a guest
    const std::string n = std::to_string(rng() % 200'000);
    t.customer = {std::nullopt, "访客 Guest " + n, "guest" + n + "@mail.example.org",
                  rng() % 3 == 0 ? domain::Locale::kEn : domain::Locale::kZhCn};
  } else {
    const auto& user = context.customers[rng() % context.customers.size()];
    t.customer = {user.id, user.name, user.email, user.locale};
  }
  bulk.messages.push_back(
      {{{t.customer.user_id, t.customer.name, domain::Role::kCustomer}, t.description, false, {}}, t.created_at});
  for (const auto text :
       {std::string_view(t.customer.name), std::string_view(t.customer.email), std::string_view(t.number.str()),
        std::string_view(t.subject), std::string_view(t.description)}) {
    bulk.search.add(text);
  }
  const int replies = rng() % 10 == 0 ? 1 + static_cast<int>(rng() % 3) : 0;
  for (int r = 0; r < replies; ++r) {
    const std::string_view body = pick(rng, kReplies);
    const bool internal = body.find("内部备注") != std::string_view::npos || body.starts_with("Internal");
    const auto at = core::from_epoch_ms(created_ms + std::int64_t{r + 1} * 3'600'000);
    bulk.messages.push_back({{context.agent, std::string(body), internal, {}}, at});
    bulk.search.add(body);
    t.updated_at = at;
  }
  if (t.status == domain::Status::kResolved || t.status == domain::Status::kClosed) {
    t.resolved_at =
        std::max(t.updated_at, core::from_epoch_ms(created_ms + static_cast<std::int64_t>(rng() % (2 * kDayMs))));
    t.updated_at = *t.resolved_at;
  }
  if (t.status == domain::Status::kClosed) t.closed_at = t.resolved_at;
  return bulk;
}

struct Loaded {
  bool ok = false;
  std::int64_t replies = 0;
};

// Generator threads build batches of tickets (text, tokens) while this thread hands each finished
// batch to the writer as one job: generating and writing overlap, and each batch is one commit.
Loaded load_tickets(const std::filesystem::path& database, const BenchLoadOptions& options, core::UserId agent_id,
                    const std::string& agent_name, const std::vector<domain::User>& customers, std::int64_t now_ms,
                    Clock::time_point started, std::ostream& out) {
  const LoadContext context{options, {agent_id, agent_name, domain::Role::kAgent}, customers, now_ms};
  const std::int64_t batches = (options.tickets + kBatch - 1) / kBatch;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::vector<storage::sqlite::BulkTicket>> ready;
  std::int64_t next_batch = 0;
  bool stopping = false;
  const auto generate = [&](std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    for (;;) {
      std::int64_t batch = 0;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stopping || ready.size() < kBatchesAhead; });
        if (stopping || next_batch == batches) return;
        batch = next_batch++;
      }
      std::vector<storage::sqlite::BulkTicket> tickets;
      tickets.reserve(static_cast<std::size_t>(kBatch));
      const std::int64_t end = std::min(options.tickets, (batch + 1) * kBatch);
      for (std::int64_t i = batch * kBatch; i < end; ++i) tickets.push_back(make_ticket(context, i, rng));
      std::lock_guard lock(mutex);
      ready.push_back(std::move(tickets));
      changed.notify_all();
    }
  };
  const unsigned generators = std::max(1u, std::thread::hardware_concurrency() - 1);
  std::vector<std::thread> threads;
  threads.reserve(generators);
  for (unsigned g = 0; g < generators; ++g) threads.emplace_back(generate, options.seed + 1 + std::uint64_t{g} * 7919);

  Loaded loaded{true, 0};
  std::optional<storage::sqlite::BulkTicketLoader> loader;
  try {
    loader.emplace(database);
  } catch (const std::exception& error) {
    std::cerr << "bench-load: " << error.what() << "\n";
    loaded.ok = false;
  }
  std::int64_t written = 0;
  for (std::int64_t done = 0; loaded.ok && done < batches; ++done) {
    std::vector<storage::sqlite::BulkTicket> tickets;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return !ready.empty(); });
      tickets = std::move(ready.front());
      ready.pop_front();
      changed.notify_all();
    }
    try {
      loader->write(tickets);
    } catch (const std::exception& error) {
      std::cerr << "bench-load: " << error.what() << "\n";
      loaded.ok = false;
      break;
    }
    for (const auto& ticket : tickets) loaded.replies += static_cast<std::int64_t>(ticket.messages.size()) - 1;
    const std::int64_t before = written;
    written += static_cast<std::int64_t>(tickets.size());
    if (written / 100'000 != before / 100'000) {
      progress(out, "tickets: " + std::to_string(written), started);
    }
  }
  {
    std::lock_guard lock(mutex);
    stopping = true;
    changed.notify_all();
  }
  for (auto& thread : threads) thread.join();
  if (!loaded.ok) {
    // Leave what was committed indexed and journaled; the next load builds what this one cannot.
    if (loader) {
      try {
        loader->finish();
      } catch (const std::exception& error) {
        std::cerr << "bench-load: " << error.what() << "\n";
      }
    }
    return loaded;
  }
  // Where the rest of the time goes: one sort per index over all the rows (while the search
  // index, on its own thread, merges its segments), then the search index copied in.
  try {
    loader->build_indexes();
    progress(out, "indexes built", started);
    loader->finish();
    progress(out, "search index copied in", started);
  } catch (const std::exception& error) {
    std::cerr << "bench-load: " << error.what() << "\n";
    loaded.ok = false;
  }
  return loaded;
}

}  // namespace

int run_bench_load(const BenchLoadOptions& options, std::ostream& out) {
  const auto started = Clock::now();
  // Batches of tickets are allocated and freed all the time: keep freed memory in the heap
  // instead of handing it back to the kernel, which would zero it again on the next batch
  // (a fifth of the load's time in clear_page).
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  storage::DatabaseOptions sqlite;
  sqlite.max_batch = kInFlight;
  sqlite.writer_cache_mib = 1024;
  sqlite.data_dir = options.data_dir;
  auto db = storage::Database::open(sqlite);
  // Numbers are made without a lookup (number_for), so only an empty folder can take them.
  if (const auto existing = db->tickets().count({}); existing > 0) {
    std::cerr << "bench-load: " << options.data_dir << " already holds " << existing
              << " tickets; load into an empty data folder\n";
    return EXIT_FAILURE;
  }
  const std::int64_t now_ms = core::to_epoch_ms(core::SystemClock().now());
  std::atomic<bool> failed{false};
  std::mutex report_mutex;
  const auto fail = [&](const std::string& what) {
    std::lock_guard lock(report_mutex);
    if (!failed.exchange(true)) std::cerr << "bench-load: " << what << "\n";
  };

  // Customers: registered accounts without a password, and one agent who answers.
  std::vector<domain::User> customers(static_cast<std::size_t>(options.customers));
  in_parallel(options.customers, options.seed, [&](std::int64_t i, std::mt19937_64& rng) {
    const std::string name = std::string(pick(rng, kFamilyNames)) + std::string(pick(rng, kGivenNames));
    auto user = db->users().create({"customer" + std::to_string(i) + "@bench.example.com", name,
                                    domain::Role::kCustomer, i % 4 == 0 ? domain::Locale::kEn : domain::Locale::kZhCn,
                                    "!", core::from_epoch_ms(now_ms - kSpanDays * kDayMs)});
    if (!user) return fail(user.error().message);
    customers[static_cast<std::size_t>(i)] = std::move(user).value();
  });
  auto agent = db->users().find_by_email("bench-support@bench.example.com");
  if (!agent) {
    auto created = db->users().create({"bench-support@bench.example.com", "支持 Bench Support", domain::Role::kAgent,
                                       domain::Locale::kZhCn, "!", core::from_epoch_ms(now_ms)});
    if (!created) fail(created.error().message);
    if (created) agent = std::move(created).value();
  }
  if (failed) return EXIT_FAILURE;
  progress(out, "customers: " + std::to_string(options.customers), started);

  // The tickets are written on a connection of the loader's own, with nobody else on the file.
  const std::filesystem::path database = db->sqlite()->path();
  const domain::User support = std::move(*agent);
  db.reset();
  const Loaded loaded = load_tickets(database, options, support.id, support.name, customers, now_ms, started, out);
  if (!loaded.ok) return EXIT_FAILURE;
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  out << "loaded " << options.tickets << " tickets, " << loaded.replies << " extra messages and " << options.customers
      << " customers into " << options.data_dir << " in " << std::fixed << std::setprecision(1) << seconds << " s\n";
  return EXIT_SUCCESS;
}

}  // namespace gongdan::app
