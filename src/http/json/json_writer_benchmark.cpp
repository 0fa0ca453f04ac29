// write_json against nlohmann's dump on a My tickets page (20 items of mixed Chinese/English text,
// as `make bench`'s my_tickets scenario answers). Run from `make bench` or
// build/<dir>/benchmarks/gongdan_http_benchmarks.
#include <benchmark/benchmark.h>

#include "http/json/encode.hpp"
#include "http/json/json_writer.hpp"
#include "http/json/sla_codec.hpp"
#include "http/json/ticket_fields.hpp"

namespace gongdan::http {
namespace {

nlohmann::json my_tickets_page() {
  nlohmann::json items = nlohmann::json::array();
  for (int i = 0; i < 20; ++i) {
    items.push_back({{"number", "261205-5M91NH"},
                     {"status", "new"},
                     {"priority", "urgent"},
                     {"urgency", "urgent"},
                     {"subject", "打开群聊就闪退 App crashes when opening a group chat"},
                     {"category", {{"id", 1}, {"name", "账号与登录"}}},
                     {"occurred_at", nullptr},
                     {"environment",
                      {{"platform", "android"}, {"os", "Android 14"}, {"app_version", "5.2.0"}, {"device", "Pixel 8"}}},
                     {"customer", {{"name", "我的 Mine"}, {"email", "mine@example.com"}, {"guest", false}}},
                     {"created_at", "2026-12-05T07:25:02.200Z"},
                     {"updated_at", "2026-12-05T07:25:02.200Z"},
                     {"resolved_at", nullptr},
                     {"closed_at", nullptr},
                     {"reopen_until", nullptr},
                     {"excerpt",
                      "从昨天更新到 5.2.0 以后，只要打开“家人群”就闪退，其他聊天正常。重启手机、清除缓存都试过了，"
                      "还是一样。Since updating to 5.2.0 yesterday the app crashes every time I op…"},
                     {"reply_by", {{"at", "2026-12-05T08:25:02.200Z"}, {"basis", "sla"}, {"holiday", nullptr}}}});
  }
  return {{"items", std::move(items)}, {"next_cursor", "eyJ0IjoxNzY0OTE5NTAyMjAwLCJpIjoxMn0"}};
}

void BM_MyTicketsPage_WriteJson(benchmark::State& state) {
  const auto page = my_tickets_page();
  for (auto _ : state) benchmark::DoNotOptimize(write_json(page));
}
BENCHMARK(BM_MyTicketsPage_WriteJson);

void BM_MyTicketsPage_NlohmannDump(benchmark::State& state) {
  const auto page = my_tickets_page();
  for (auto _ : state) {
    benchmark::DoNotOptimize(page.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}
BENCHMARK(BM_MyTicketsPage_NlohmannDump);

// One item of the page: a ticket of mixed Chinese and English text with a reply-by time.
domain::Ticket page_ticket() {
  domain::Ticket ticket;
  ticket.number = *domain::TicketNumber::parse("261205-5M91NH");
  ticket.subject = "打开群聊就闪退 App crashes when opening a group chat";
  ticket.description =
      "从昨天更新到 5.2.0 以后，只要打开“家人群”就闪退，其他聊天正常。重启手机、清除缓存都试过了，还是一样。"
      "Since updating to 5.2.0 yesterday the app crashes every time I open the family group. Restarting the "
      "phone and clearing the cache did not help. 请尽快处理，谢谢！";
  ticket.environment = {"android", "Android 14", "5.2.0", "Pixel 8"};
  ticket.customer.name = "我的 Mine";
  ticket.customer.email = "mine@example.com";
  ticket.customer.user_id = core::UserId{7};
  ticket.created_at = ticket.updated_at = core::from_epoch_ms(1764919502200);
  return ticket;
}

std::optional<domain::sla::ReplyBy> page_reply_by() {
  return domain::sla::ReplyBy{core::from_epoch_ms(1764923102200), false, std::nullopt};
}

// The tree of a My tickets page from its tickets, as customer pages were built before page_text, and as a
// single ticket still is (ticket_json and reply_by_json per item), without the database.
void BM_MyTicketsPage_BuildTree(benchmark::State& state) {
  const domain::Ticket ticket = page_ticket();
  const std::optional<domain::sla::ReplyBy> reply_by = page_reply_by();
  for (auto _ : state) {
    nlohmann::json items = nlohmann::json::array();
    for (int i = 0; i < 20; ++i) {
      auto item = ticket_json(ticket, "账号与登录", std::nullopt, TicketText::kExcerpt);
      item["reply_by"] = reply_by_json(reply_by);
      items.push_back(std::move(item));
    }
    nlohmann::json page{{"items", std::move(items)}, {"next_cursor", "eyJ0IjoxNzY0OTE5NTAyMjAwLCJpIjoxMn0"}};
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(BM_MyTicketsPage_BuildTree);

// The same page as TicketPresenter::page_text writes it for a customer: no tree, straight to
// text. Compare with BM_MyTicketsPage_BuildTree plus BM_MyTicketsPage_WriteJson.
void BM_MyTicketsPage_Stream(benchmark::State& state) {
  const domain::Ticket ticket = page_ticket();
  const std::optional<domain::sla::ReplyBy> reply_by = page_reply_by();
  for (auto _ : state) {
    JsonStream json;
    StreamFields fields(json);
    json.begin_object().key("items").begin_array();
    for (int i = 0; i < 20; ++i) {
      json.begin_object();
      ticket_fields(fields, ticket, "账号与登录", std::nullopt, TicketText::kExcerpt, TicketReader{&reply_by});
      json.end_object();
    }
    json.end_array().key("next_cursor").string("eyJ0IjoxNzY0OTE5NTAyMjAwLCJpIjoxMn0").end_object();
    benchmark::DoNotOptimize(std::move(json).take());
  }
}
BENCHMARK(BM_MyTicketsPage_Stream);

}  // namespace
}  // namespace gongdan::http
