// Every API answer goes through http::write_json, which must write exactly what nlohmann's dump
// (error_handler_t::replace) writes: for any bytes as a string, a key and an array item, and for
// any document the bytes parse to.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "http/json/json_writer.hpp"

namespace {

void expect_same(const nlohmann::json& value) {
  if (gongdan::http::write_json(value) != value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  expect_same({{"text", input}, {input, nlohmann::json::array({input, 1, nullptr})}});
  const auto parsed = nlohmann::json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_discarded()) expect_same(parsed);
  return 0;
}
