#include "http/context/request_context.hpp"

namespace gongdan::http {

Credential find_credential(std::string_view authorization, const Cookies& cookies) {
  if (istarts_with(authorization, "Bearer ")) {
    std::string_view token = authorization.substr(7);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    if (!token.empty()) return {AuthMethod::kBearer, std::string(token)};
  }
  if (const auto session = cookies.get(kSessionCookie); session && !session->empty()) {
    return {AuthMethod::kCookie, std::string(*session)};
  }
  return {};
}

}  // namespace gongdan::http
