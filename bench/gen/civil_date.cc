#include "bench/gen/civil_date.h"

#include "absl/strings/str_format.h"

namespace briefsearch::gen {

int64_t DaysFromCivil(Civil c) {
  const int64_t y = c.month <= 2 ? c.year - 1 : c.year;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (c.month + (c.month > 2 ? -3 : 9)) + 2) / 5 + c.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = int(doy - (153 * mp + 2) / 5 + 1);
  const int m = int(mp < 10 ? mp + 3 : mp - 9);
  return {int(yoe + era * 400 + (m <= 2 ? 1 : 0)), m, d};
}

int Weekday(int64_t days) { return int(days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6); }

std::string IsoDate(int64_t days) {
  const Civil c = CivilFromDays(days);
  return absl::StrFormat("%04d-%02d-%02d", c.year, c.month, c.day);
}

}  // namespace briefsearch::gen
