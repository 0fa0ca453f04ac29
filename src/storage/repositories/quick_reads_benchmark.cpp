// What the database alone costs the two quick reads of `make bench` (docs/performance.md, "What a
// request costs"): a customer's first page of My tickets (20 of their 50 tickets, with the reply
// facts of every item) and a status lookup (the ticket by number, with its reply facts), each in
// one read snapshot as the server runs them on SQLite (ADR 0004), and that snapshot alone.
// Without HTTP, sign-in and JSON these are a floor under the server's time per request. Run from
// `make bench` or build/<dir>/benchmarks/gongdan_storage_benchmarks.
#include <benchmark/benchmark.h>

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/repositories/sql_sla_repository.hpp"
#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

constexpr int kCustomerTickets = 50;  // as `make bench`'s customer
constexpr std::int64_t kFirstTicketAt = 1'764'000'000'000;

// About 1 KB of mixed Chinese and English, as bench/submit.lua's ticket.
const std::string kDescription =
    "从昨天更新到 5.2.0 以后，只要打开“家人群”就闪退，其他聊天正常。重启手机、清除缓存都试过了，还是一样。"
    "Since updating to 5.2.0 yesterday the app crashes every time I open the family group; other chats work. "
    "群里大概有两百个人，经常发语音和视频，闪退之前会先卡住两三秒，然后直接回到桌面，没有任何提示。"
    "I have restarted the phone and cleared the cache, and reinstalling did not help either. "
    "我的手机是 Pixel 8，系统 Android 14，网络是家里的 Wi-Fi，换成 5G 也一样。"
    "Please tell me whether my chat history is safe; there are photos in that group I cannot lose.";

// A database with one customer who has kCustomerTickets tickets.
struct CustomerTickets {
  CustomerTickets() {
    const domain::User customer = test.add_user("fifty@example.com", domain::Role::kCustomer, "五十 Fifty");
    for (int n = 0; n < kCustomerTickets; ++n) {
      auto draft = test.draft(static_cast<std::uint32_t>(n), kFirstTicketAt + n * 60'000, customer);
      draft.ticket.subject = "打开群聊就闪退 App crashes when opening a group chat #" + std::to_string(n);
      draft.ticket.description = kDescription;
      draft.first_message.body = kDescription;
      auto created = test.db->tickets().create(draft);
      if (!created) throw std::runtime_error("create: " + created.error().message);
      numbers.push_back(created->number);
    }
    query.customer = customer.id;
    query.order = domain::TicketQuery::Order::kRecentActivity;
    query.limit = 20;
  }

  testing::TestDatabase test;
  domain::TicketQuery query;
  std::vector<domain::TicketNumber> numbers;
};

void BM_QuickRead_EmptySnapshot(benchmark::State& state) {
  CustomerTickets data;
  for (auto _ : state) data.test.db->in_one_snapshot([] {});
}
BENCHMARK(BM_QuickRead_EmptySnapshot);

void BM_QuickRead_MyTicketsFirstPage(benchmark::State& state) {
  CustomerTickets data;
  SqlSlaRepository sla(data.test.db->store());
  for (auto _ : state) {
    data.test.db->in_one_snapshot([&] {
      auto page = data.test.db->tickets().list(data.query);
      if (!page || page->items.size() != 20) throw std::runtime_error("the page is not 20 tickets");
      std::vector<const domain::Ticket*> items;
      for (const auto& ticket : page->items) items.push_back(&ticket);
      benchmark::DoNotOptimize(sla.reply_facts(items, data.test.clock.now()));
    });
  }
}
BENCHMARK(BM_QuickRead_MyTicketsFirstPage);

// A status lookup: the ticket by its number, then its reply facts (the answer's reply_by).
void BM_QuickRead_Lookup(benchmark::State& state) {
  CustomerTickets data;
  SqlSlaRepository sla(data.test.db->store());
  std::size_t next = 0;
  for (auto _ : state) {
    data.test.db->in_one_snapshot([&] {
      const auto ticket = data.test.db->tickets().find_by_number(data.numbers[next++ % data.numbers.size()]);
      if (!ticket) throw std::runtime_error("no such ticket");
      const std::array<const domain::Ticket*, 1> items{&*ticket};
      benchmark::DoNotOptimize(sla.reply_facts(items, data.test.clock.now()));
    });
  }
}
BENCHMARK(BM_QuickRead_Lookup);

}  // namespace
}  // namespace gongdan::storage
