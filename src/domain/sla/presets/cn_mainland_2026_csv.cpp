// The shipped copy of presets/cn-mainland-2026.csv, compiled in so the binary needs no data file.
// Keep the two identical: presets_test compares them byte for byte.
#include "domain/sla/presets.hpp"

namespace gongdan::domain::sla {

std::string_view cn_mainland_2026_csv() {
  static constexpr std::string_view kCsv =
      R"csv(# Official 2026 mainland China public holidays and make-up workdays (调休上班),
# from the State Council General Office notice of 2025-11-04 (国务院办公厅关于2026年部分节假日安排的通知).
# kind: holiday = day off; workday = a Saturday or Sunday that is a working day.
date,kind,name
2026-01-01,holiday,元旦 New Year's Day
2026-01-02,holiday,元旦 New Year's Day
2026-01-03,holiday,元旦 New Year's Day
2026-01-04,workday,元旦 New Year's Day
2026-02-14,workday,春节 Spring Festival
2026-02-15,holiday,春节 Spring Festival
2026-02-16,holiday,春节 Spring Festival
2026-02-17,holiday,春节 Spring Festival
2026-02-18,holiday,春节 Spring Festival
2026-02-19,holiday,春节 Spring Festival
2026-02-20,holiday,春节 Spring Festival
2026-02-21,holiday,春节 Spring Festival
2026-02-22,holiday,春节 Spring Festival
2026-02-23,holiday,春节 Spring Festival
2026-02-28,workday,春节 Spring Festival
2026-04-04,holiday,清明节 Qingming Festival
2026-04-05,holiday,清明节 Qingming Festival
2026-04-06,holiday,清明节 Qingming Festival
2026-05-01,holiday,劳动节 Labour Day
2026-05-02,holiday,劳动节 Labour Day
2026-05-03,holiday,劳动节 Labour Day
2026-05-04,holiday,劳动节 Labour Day
2026-05-05,holiday,劳动节 Labour Day
2026-05-09,workday,劳动节 Labour Day
2026-06-19,holiday,端午节 Dragon Boat Festival
2026-06-20,holiday,端午节 Dragon Boat Festival
2026-06-21,holiday,端午节 Dragon Boat Festival
2026-09-20,workday,国庆节 National Day
2026-09-25,holiday,中秋节 Mid-Autumn Festival
2026-09-26,holiday,中秋节 Mid-Autumn Festival
2026-09-27,holiday,中秋节 Mid-Autumn Festival
2026-10-01,holiday,国庆节 National Day
2026-10-02,holiday,国庆节 National Day
2026-10-03,holiday,国庆节 National Day
2026-10-04,holiday,国庆节 National Day
2026-10-05,holiday,国庆节 National Day
2026-10-06,holiday,国庆节 National Day
2026-10-07,holiday,国庆节 National Day
2026-10-10,workday,国庆节 National Day
)csv";
  return kCsv;
}

}  // namespace gongdan::domain::sla
