// Dates as the briefs write them, normalised to YYYY-MM-DD. Internal to indexer/parse.
//
// Recognised (full-width digits too): "2023. 6. 21", "2023.06.21", "2 0 2 2 . 0 7 . 2 7",
// "2018년 10월 30일(화)", "2024年3月13日", "'24.11.5", "’24.11.5", "2024-03-13", "2024/3/13".
// Only complete dates count; "6.13", "'22년" or "2024년 3월" alone are no date.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace briefsearch::parse::internal {

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

// True for a real calendar day between 1900-01-01 and 2099-12-31 (leap years included).
bool IsValidCivilDate(int year, int month, int day);

// "2024-03-13".
std::string FormatDate(const CivilDate& date);

// The first date in `text`. With `date_only`, the date must be all there is, apart from a weekday
// in parentheses, a time and blanks: "2018년 10월 30일(화) 15:00" qualifies, "제출: 2024-03-13"
// not.
std::optional<CivilDate> FindDate(std::string_view text, bool date_only = false);

// A date in a file name: "kostec_weekly_2024-03-13.txt", "memo_20240110.txt".
std::optional<CivilDate> DateFromFileName(std::string_view file_name);

}  // namespace briefsearch::parse::internal
