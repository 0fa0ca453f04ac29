#include "http/context/locale.hpp"

#include <algorithm>

#include "http/request.hpp"
#include "http/text.hpp"

namespace gongdan::http {

namespace {

// The q value of one range's parameters (`;q=0.8`); 1 when absent, 0 when malformed.
double quality(std::string_view params) {
  while (!params.empty()) {
    const auto semi = params.find(';');
    const std::string_view param = trim_spaces(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (param.size() < 2 || (param[0] != 'q' && param[0] != 'Q') || param[1] != '=') continue;
    const std::string_view number = param.substr(2);
    // q is 0..1 with at most three decimals (RFC 9110 12.4.2): read it by hand, locale-free.
    if (number.empty() || (number[0] != '0' && number[0] != '1')) return 0;
    double value = number[0] - '0';
    double scale = 0.1;
    for (std::size_t i = 2; i < number.size() && i < 5; ++i) {
      if (number[1] != '.' || number[i] < '0' || number[i] > '9') return 0;
      value += (number[i] - '0') * scale;
      scale /= 10;
    }
    return value > 1 ? 1 : value;
  }
  return 1;
}

// Whether a language range such as `zh-TW` belongs to the primary language `lang`.
bool matches(std::string_view range, std::string_view lang) {
  return iequals(range, lang) || (istarts_with(range, lang) && range.size() > lang.size() && range[lang.size()] == '-');
}

}  // namespace

domain::Locale locale_from_accept_language(std::string_view header) {
  header = trim_spaces(header);
  if (header.empty()) return domain::Locale::kZhCn;
  double zh = 0;
  double en = 0;
  double any = 0;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view item = trim_spaces(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto semi = item.find(';');
    const std::string_view range = trim_spaces(item.substr(0, semi));
    const double q = semi == std::string_view::npos ? 1.0 : quality(item.substr(semi + 1));
    if (matches(range, "zh")) {
      zh = std::max(zh, q);
    } else if (matches(range, "en")) {
      en = std::max(en, q);
    } else if (range == "*") {
      any = std::max(any, q);
    }
  }
  if (zh == 0 && en == 0) return any > 0 ? domain::Locale::kZhCn : domain::Locale::kEn;
  return zh >= en ? domain::Locale::kZhCn : domain::Locale::kEn;
}

domain::Locale choose_locale(const domain::Actor& actor, std::string_view accept_language) {
  if (actor.user) return actor.user->locale;
  return locale_from_accept_language(accept_language);
}

}  // namespace gongdan::http
