// Proleptic Gregorian dates as day numbers (days since 1970-01-01), for spreading issues over the
// years and for date-filter windows. Howard Hinnant's civil-from-days algorithms.
#pragma once

#include <cstdint>
#include <string>

namespace briefsearch::gen {

struct Civil {
  int year, month, day;
};

int64_t DaysFromCivil(Civil c);
Civil CivilFromDays(int64_t days);
// 0 = Sunday .. 6 = Saturday.
int Weekday(int64_t days);
// "2024-04-12".
std::string IsoDate(int64_t days);

}  // namespace briefsearch::gen
