// What a ticket's search document costs to build: every submission builds one (on the writer's
// thread, inside its batch) and `gongdan bench-load` builds a million. Run from `make bench` or
// build/<dir>/benchmarks/gongdan_domain_benchmarks.
#include <benchmark/benchmark.h>

#include <string>

#include "domain/search/search_tokens.hpp"

namespace gongdan::domain {
namespace {

// The texts of one ticket of about 1 KB, as the benchmark's submissions send it: mostly Chinese
// with English words, an email address and a version number.
constexpr std::string_view kName = "王小明 Wang Xiaoming";
constexpr std::string_view kEmail = "wang.xiaoming@example.com";
constexpr std::string_view kNumber = "261206-Q24TV3";
constexpr std::string_view kSubject = "更新到 5.3.0 以后打开群聊就闪退 / App crashes when opening a group chat";
constexpr std::string_view kDescription =
    "从昨天更新到新版本以后，只要打开家人群就闪退，其他聊天正常。已经重启手机、清除缓存，也重新安装过应用，"
    "问题还是一样。群里有三百多人，最近有人发了很多视频和表情包。After updating to 5.3.0 the app crashes "
    "every time I open my family group; other chats work fine. I already restarted the phone, cleared the "
    "cache and reinstalled the app. 手机型号是 Xiaomi 14，系统 Android 14，网络是 Wi-Fi 和 5G 都试过。"
    "附上截图，请看一下是什么原因，谢谢！Screenshots attached, thanks for your help.";

void BM_SearchDocument_Ticket(benchmark::State& state) {
  std::size_t tokens = 0;
  for (auto _ : state) {
    SearchDocument document;
    for (const std::string_view text : {kName, kEmail, kNumber, kSubject, kDescription}) document.add(text);
    tokens = document.size();
    benchmark::DoNotOptimize(document.text().data());
  }
  state.counters["tokens"] = static_cast<double>(tokens);
}
BENCHMARK(BM_SearchDocument_Ticket);

}  // namespace
}  // namespace gongdan::domain
