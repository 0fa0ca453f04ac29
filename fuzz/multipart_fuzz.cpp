// Multipart bodies arrive from anyone who can reach the server: the parser must never crash,
// and every part it returns must point inside the body it was given.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/multipart/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto parts = gongdan::http::parse_multipart(body, "multipart/form-data; boundary=XyZ");
  if (parts) {
    for (const auto& part : *parts) {
      if (part.body.data() < body.data() || part.body.data() + part.body.size() > body.data() + body.size()) std::abort();
    }
  }
  return 0;
}
