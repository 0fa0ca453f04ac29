#include "http/json/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace gongdan::http {
namespace {

std::string nlohmann_dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(JsonWriter, WritesWhatNlohmannWritesForEveryKindOfValue) {
  const nlohmann::json value = {
      {"null", nullptr},
      {"yes", true},
      {"no", false},
      {"int", -42},
      {"big", std::numeric_limits<std::int64_t>::min()},
      {"unsigned", std::numeric_limits<std::uint64_t>::max()},
      {"float", 1.5},
      {"whole float", 2.0},
      {"tiny", 1e-300},
      {"text", "打开群聊就闪退 App crashes"},
      {"escapes", "quote \" backslash \\ slash / \b\f\n\r\t \x01\x1f\x7f end"},
      {"nested", {{"empty array", nlohmann::json::array()}, {"empty object", nlohmann::json::object()}}},
      {"array", {1, "二", nullptr, {{"k", "v"}}, nlohmann::json::array({nlohmann::json::array()})}},
      {"emoji 😀 key \n", "𝄞 four bytes"},
  };
  EXPECT_EQ(write_json(value), nlohmann_dump(value));
}

TEST(JsonWriter, ReplacesMalformedUtf8AsNlohmannDoes) {
  for (const std::string& bad :
       {std::string("\xff"), std::string("abc\xc3"), std::string("\xe9\x97"), std::string("\xed\xa0\x80 surrogate"),
        std::string("\xc0\xaf overlong"), std::string("\xf4\x90\x80\x80 past U+10FFFF"), std::string("ok \x80 ok")}) {
    const nlohmann::json value = {{"v", bad}, {bad, 1}};
    EXPECT_EQ(write_json(value), nlohmann_dump(value)) << bad;
  }
}

// Every byte value, anywhere in a run of plain ASCII, is escaped, copied or refused as nlohmann
// does: the byte table must classify each one as nlohmann's lexer would.
TEST(JsonWriter, SeesEveryByteValueAtEveryPlaceOfAnAsciiRun) {
  for (int value = 0; value < 256; ++value) {
    for (std::size_t at = 0; at < 19; ++at) {
      std::string text(19, 'a');
      text[at] = static_cast<char>(value);
      const nlohmann::json tree = text;
      ASSERT_EQ(write_json(tree), nlohmann_dump(tree)) << "byte " << value << " at " << at;
    }
  }
}

// Every lead byte with every second byte, then continuation bytes: the boundaries of table 3-7
// (E0 A0, ED 9F, F0 90, F4 8F) and every malformed form are judged as nlohmann judges them.
TEST(JsonWriter, JudgesEveryLeadAndSecondByteAsNlohmannDoes) {
  for (int lead = 0x80; lead < 0x100; ++lead) {
    for (int second = 0; second < 0x100; ++second) {
      for (const std::size_t tail : {0U, 1U, 2U}) {
        std::string text{static_cast<char>(lead), static_cast<char>(second)};
        text.append(tail, '\x80');
        const nlohmann::json tree = text;
        ASSERT_EQ(write_json(tree), nlohmann_dump(tree)) << lead << " " << second << " +" << tail;
      }
    }
  }
}

// Random trees of random strings, many of them not UTF-8 at all: the two writers agree on all.
TEST(JsonWriter, AgreesWithNlohmannOnRandomValues) {
  std::mt19937 random(20261205);
  const auto random_string = [&] {
    std::string s;
    // Up to 40 pieces: long runs of ASCII meet every other kind of byte.
    const int length = static_cast<int>(random() % 40);
    for (int i = 0; i < length; ++i) {
      switch (random() % 5) {
        case 0: s.push_back(static_cast<char>(random() % 0x80)); break;         // ASCII and controls
        case 1: s += "中文"; break;                                             // valid 3-byte text
        case 2: s.push_back(static_cast<char>(0x80 + random() % 0x80)); break;  // a stray byte
        case 4: s += "plain ascii"; break;                                      // a run to step over
        default: s.push_back("\"\\/\n"[random() % 4]);
      }
    }
    return s;
  };
  std::function<nlohmann::json(int)> random_value = [&](int depth) -> nlohmann::json {
    switch (depth > 3 ? random() % 5 : random() % 7) {
      case 0: return nullptr;
      case 1: return random() % 2 == 0;
      case 2: return static_cast<std::int64_t>(random()) - (1LL << 31);
      case 3: return static_cast<double>(random()) / 7.0;
      case 4: return random_string();
      case 5: {
        nlohmann::json array = nlohmann::json::array();
        for (std::uint32_t i = random() % 4; i > 0; --i) array.push_back(random_value(depth + 1));
        return array;
      }
      default: {
        nlohmann::json object = nlohmann::json::object();
        for (std::uint32_t i = random() % 4; i > 0; --i) object[random_string()] = random_value(depth + 1);
        return object;
      }
    }
  };
  for (int i = 0; i < 3000; ++i) {
    const nlohmann::json value = random_value(0);
    ASSERT_EQ(write_json(value), nlohmann_dump(value)) << i;
  }
}

// A streamed value is the text write_json makes of the same tree, commas and escapes included.
TEST(JsonStream, WritesWhatWriteJsonWritesForTheSameTree) {
  const nlohmann::json tree = {{"a", nlohmann::json::array()},
                               {"b", {1, "二", nullptr, true, false, {{"k", "v"}}}},
                               {"c", {{"empty", nlohmann::json::object()}, {"text", "quote \" \n \x01 ok"}}},
                               {"d", "bad \xff byte"},
                               {"e", -9'007'199'254'740'993}};
  JsonStream json;
  json.begin_object();
  json.key("a").begin_array().end_array();
  json.key("b").begin_array().integer(1).string("二").null().boolean(true).boolean(false);
  json.begin_object().key("k").string("v").end_object().end_array();
  json.key("c").begin_object().key("empty").begin_object().end_object();
  json.key("text").string("quote \" \n \x01 ok").end_object();
  json.key("d").string("bad \xff byte");
  json.key("e").value(tree["e"]);
  json.end_object();
  EXPECT_EQ(std::move(json).take(), write_json(tree));
}

// Keys take a shortcut when they are printable ASCII; any other key is escaped as a value is.
TEST(JsonStream, WritesEveryKindOfKeyAsATreeDoes) {
  const std::vector<std::string> keys = {"",      "plain_key", "with space", "quote\"",       "back\\slash",
                                         "tab\t", "\x01",      "自定义字段", "bad \xff byte", "~"};
  nlohmann::json tree = nlohmann::json::object();
  JsonStream json;
  json.begin_object();
  for (const auto& key : keys) {
    tree[key] = 1;
  }
  for (const auto& [key, value] : tree.items()) json.key(key).integer(1);  // the tree's key order
  json.end_object();
  EXPECT_EQ(std::move(json).take(), write_json(tree));
}

}  // namespace
}  // namespace gongdan::http
