#pragma once

#include <utility>
#include <variant>

#include "http/response.hpp"

namespace gongdan::http {

/// A decoded value, or the response that refuses the request (415, 400, ...).
template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}             // NOLINT(google-explicit-constructor)
  Expected(Response refusal) : state_(std::move(refusal)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& operator*() { return std::get<0>(state_); }
  T* operator->() { return &std::get<0>(state_); }
  Response take_refusal() { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, Response> state_;
};

}  // namespace gongdan::http
