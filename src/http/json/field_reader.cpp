#include "http/json/field_reader.hpp"

namespace gongdan::http {

FieldReader::FieldReader(const nlohmann::json& object, std::string path, std::vector<core::FieldError>& errors)
    : object_(object), path_(std::move(path)), errors_(errors) {}

std::string FieldReader::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const nlohmann::json* FieldReader::find(std::string_view key) const {
  const auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

void FieldReader::wrong_type(std::string_view key, std::string_view expected) {
  errors_.push_back({path_of(key), "invalid_type", "Expected " + std::string(expected) + "."});
}

void FieldReader::missing(std::string_view key) { errors_.push_back({path_of(key), "required", "Required."}); }

std::string FieldReader::required_string(std::string_view key) {
  const bool present = find(key) != nullptr;
  std::optional<std::string> value = string(key);
  if (!present || (value && value->empty())) missing(key);
  return value.value_or("");
}

std::optional<std::int64_t> FieldReader::required_integer(std::string_view key) {
  if (find(key) == nullptr) {
    missing(key);
    return std::nullopt;
  }
  return integer(key);
}

std::optional<std::string> FieldReader::string(std::string_view key) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    wrong_type(key, "a string");
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<std::int64_t> FieldReader::integer(std::string_view key) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (value->is_number_integer() && !(value->is_number_unsigned() && value->get<std::uint64_t>() > INT64_MAX)) {
    return value->get<std::int64_t>();
  }
  wrong_type(key, "an integer");
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(std::string_view key) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    wrong_type(key, "true or false");
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<FieldReader> FieldReader::object(std::string_view key) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_object()) {
    wrong_type(key, "an object");
    return std::nullopt;
  }
  return FieldReader(*value, path_of(key), errors_);
}

bool FieldReader::is_null(std::string_view key) const {
  const auto it = object_.find(key);
  return it != object_.end() && it->is_null();
}

namespace {

// Reads an array whose items `take` accepts; the first bad item or an overlong array is one error.
template <typename T, typename Take>
std::vector<T> read_array(const nlohmann::json* value, std::size_t max_items, const std::string& path,
                          std::vector<core::FieldError>& errors, std::string_view expected, Take take) {
  std::vector<T> out;
  if (value == nullptr) return out;
  if (!value->is_array()) {
    errors.push_back({path, "invalid_type", "Expected " + std::string(expected) + "."});
    return out;
  }
  if (value->size() > max_items) {
    errors.push_back({path, "too_many", "At most " + std::to_string(max_items) + " items."});
    return out;
  }
  for (const auto& item : *value) {
    auto taken = take(item);
    if (!taken) {
      errors.push_back({path, "invalid_type", "Expected " + std::string(expected) + "."});
      return {};
    }
    out.push_back(std::move(*taken));
  }
  return out;
}

}  // namespace

std::vector<std::string> FieldReader::strings(std::string_view key, std::size_t max_items) {
  return read_array<std::string>(find(key), max_items, path_of(key), errors_, "an array of strings",
                                 [](const nlohmann::json& item) -> std::optional<std::string> {
                                   if (!item.is_string()) return std::nullopt;
                                   return item.get<std::string>();
                                 });
}

std::vector<std::int64_t> FieldReader::integers(std::string_view key, std::size_t max_items) {
  return read_array<std::int64_t>(
      find(key), max_items, path_of(key), errors_, "an array of integers",
      [](const nlohmann::json& item) -> std::optional<std::int64_t> {
        if (!item.is_number_integer() || (item.is_number_unsigned() && item.get<std::uint64_t>() > INT64_MAX))
          return std::nullopt;
        return item.get<std::int64_t>();
      });
}

}  // namespace gongdan::http
