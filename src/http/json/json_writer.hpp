#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace gongdan::http {

/// The compact text of `value`, byte for byte what `value.dump(-1, ' ', false,
/// error_handler_t::replace)` writes (json_writer_test.cpp compares them), in less than half the
/// time (json_writer_benchmark.cpp: 12.9 against 28.8 µs for a My tickets page): nlohmann's
/// serializer runs every byte of a string through a UTF-8 state machine, and API answers are
/// mostly Chinese text. Valid UTF-8 is copied in runs; a string that is not valid UTF-8, and
/// floating-point numbers, are left to nlohmann.
std::string write_json(const nlohmann::json& value);

/// JSON text written as it is produced, for answers whose tree costs more to build than to write
/// (a page of My tickets: json_writer_benchmark.cpp, BM_MyTicketsPage_*). Strings and trees are
/// written exactly as write_json writes them; keys come in the order the caller writes them (a
/// tree sorts them), and the caller keeps objects and arrays balanced.
///   JsonStream json;
///   json.begin_object().key("items").begin_array().string("a").end_array().end_object();
///   std::string text = std::move(json).take();  // {"items":["a"]}
class JsonStream {
 public:
  JsonStream& begin_object();
  JsonStream& end_object();
  JsonStream& begin_array();
  JsonStream& end_array();
  JsonStream& key(std::string_view name);
  JsonStream& string(std::string_view value);
  JsonStream& integer(std::int64_t value);
  JsonStream& boolean(bool value);
  JsonStream& null();
  /// A value that is already a tree.
  JsonStream& value(const nlohmann::json& value);
  /// Room for `bytes` of text, for a writer that knows roughly how long its answer gets.
  void reserve(std::size_t bytes);
  std::string take() && { return std::move(out_); }

 private:
  // Every value and key but the first of its object or array starts with a comma.
  JsonStream& open(char bracket);
  JsonStream& close(char bracket);
  template <typename Write>
  JsonStream& scalar(Write write);

  std::string out_;
  bool need_comma_ = false;
};

}  // namespace gongdan::http
