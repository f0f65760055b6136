#include "indexer/parse/dates.h"

#include <cstdio>

#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

enum class Sep { kNone, kDot, kDash, kSlash, kKorean, kHan };

bool IsDigit(char ch) { return ch >= '0' && ch <= '9'; }

bool Consume(std::string_view s, size_t* i, std::string_view token) {
  if (s.substr(*i).starts_with(token)) {
    *i += token.size();
    return true;
  }
  return false;
}

void SkipSpaces(std::string_view s, size_t* i) {
  while (*i < s.size() && s[*i] == ' ') ++*i;
}

// Reads min..max digits that are not followed by a further digit.
bool ReadNumber(std::string_view s, size_t* i, size_t min_digits, size_t max_digits, int* out) {
  size_t j = *i;
  int value = 0;
  while (j < s.size() && IsDigit(s[j]) && j - *i < max_digits) value = value * 10 + (s[j++] - '0');
  if (j - *i < min_digits || (j < s.size() && IsDigit(s[j]))) return false;
  *i = j;
  *out = value;
  return true;
}

// The separator after the year ("." "-" "/" "년" "年"), blanks around it allowed.
Sep ReadYearSep(std::string_view s, size_t* i) {
  size_t j = *i;
  SkipSpaces(s, &j);
  Sep sep = Sep::kNone;
  if (j < s.size() && s[j] == '.')
    sep = Sep::kDot, ++j;
  else if (j < s.size() && s[j] == '-')
    sep = Sep::kDash, ++j;
  else if (j < s.size() && s[j] == '/')
    sep = Sep::kSlash, ++j;
  else if (Consume(s, &j, "년"))
    sep = Sep::kKorean;
  else if (Consume(s, &j, "年"))
    sep = Sep::kHan;
  if (sep == Sep::kNone) return sep;
  SkipSpaces(s, &j);
  *i = j;
  return sep;
}

// The separator after the month must match the one after the year ("년" pairs with "월").
bool ReadMonthSep(std::string_view s, size_t* i, Sep sep) {
  size_t j = *i;
  SkipSpaces(s, &j);
  bool ok = false;
  switch (sep) {
    case Sep::kDot:
      ok = Consume(s, &j, ".");
      break;
    case Sep::kDash:
      ok = Consume(s, &j, "-");
      break;
    case Sep::kSlash:
      ok = Consume(s, &j, "/");
      break;
    case Sep::kKorean:
      ok = Consume(s, &j, "월");
      break;
    case Sep::kHan:
      ok = Consume(s, &j, "月");
      break;
    case Sep::kNone:
      break;
  }
  if (!ok) return false;
  SkipSpaces(s, &j);
  *i = j;
  return true;
}

// A year at s[*i]: four digits, or an apostrophe and two digits ("'24" = 2024).
bool ReadYear(std::string_view s, size_t* i, int* year) {
  if (*i > 0 && (IsDigit(s[*i - 1]) || s[*i - 1] == '.')) return false;  // inside a number
  size_t j = *i;
  if (Consume(s, &j, "'") || Consume(s, &j, "\u2019") || Consume(s, &j, "\u2018")) {
    if (!ReadNumber(s, &j, 2, 2, year)) return false;
    *year += 2000;
  } else if (!ReadNumber(s, &j, 4, 4, year)) {
    return false;
  }
  *i = j;
  return true;
}

// Tries to read a whole date starting at s[start]; sets *end past it.
std::optional<CivilDate> DateAt(std::string_view s, size_t start, size_t* end) {
  size_t i = start;
  CivilDate d;
  if (!ReadYear(s, &i, &d.year)) return std::nullopt;
  const Sep sep = ReadYearSep(s, &i);
  if (sep == Sep::kNone || !ReadNumber(s, &i, 1, 2, &d.month)) return std::nullopt;
  if (!ReadMonthSep(s, &i, sep) || !ReadNumber(s, &i, 1, 2, &d.day)) return std::nullopt;
  if (sep == Sep::kKorean) Consume(s, &i, "일");
  if (sep == Sep::kHan) Consume(s, &i, "日");
  if (!IsValidCivilDate(d.year, d.month, d.day)) return std::nullopt;
  *end = i;
  return d;
}

// "2 0 2 2 . 0 7 . 2 7": a letter-spaced line (one blank after every character) loses the blanks.
std::string CollapseLetterSpacing(std::string_view s) {
  if (s.size() < 9) return std::string(s);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i % 2 == 1) {
      if (s[i] != ' ') return std::string(s);
    } else {
      if (s[i] == ' ' || static_cast<unsigned char>(s[i]) >= 0x80) return std::string(s);
      out.push_back(s[i]);
    }
  }
  return out;
}

// What may follow a date on a date-only line: "(화)", "15:00", blanks and dots.
bool OnlyDecoration(std::string_view rest) {
  int depth = 0;
  for (size_t i = 0; i < rest.size();) {
    const char32_t c = NextCodePoint(rest, &i);
    if (c == '(')
      ++depth;
    else if (c == ')')
      depth = depth > 0 ? depth - 1 : 0;
    else if (depth > 0 || IsBlankCodePoint(c) || c == ':' || c == '.' || (c >= '0' && c <= '9'))
      continue;
    else
      return false;
  }
  return true;
}

}  // namespace

bool IsValidCivilDate(int year, int month, int day) {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int limit = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= limit;
}

std::string FormatDate(const CivilDate& date) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

std::optional<CivilDate> FindDate(std::string_view text, bool date_only) {
  const std::string s = CollapseLetterSpacing(std::string(Trim(FoldWidth(text))));
  for (size_t i = 0; i < s.size(); ++i) {
    const bool starts = IsDigit(s[i]) || s[i] == '\'' || s.substr(i).starts_with("\u2019") ||
                        s.substr(i).starts_with("\u2018");
    if (!starts) continue;
    size_t end = 0;
    const std::optional<CivilDate> d = DateAt(s, i, &end);
    if (!d) continue;
    if (date_only && (i != 0 || !OnlyDecoration(std::string_view(s).substr(end)))) {
      return std::nullopt;
    }
    return d;
  }
  return std::nullopt;
}

std::optional<CivilDate> DateFromFileName(std::string_view file_name) {
  const size_t slash = file_name.find_last_of('/');
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  std::string name(file_name);
  for (char& ch : name) {
    if (ch == '_') ch = ' ';
  }
  if (std::optional<CivilDate> d = FindDate(name)) return d;
  // A compact "20240110" between non-digits.
  for (size_t i = 0; i + 8 <= name.size(); ++i) {
    if (i > 0 && IsDigit(name[i - 1])) continue;
    size_t j = i;
    int value = 0;
    if (!ReadNumber(name, &j, 8, 8, &value)) continue;
    const CivilDate d{value / 10000, value / 100 % 100, value % 100};
    if (IsValidCivilDate(d.year, d.month, d.day)) return d;
  }
  return std::nullopt;
}

}  // namespace briefsearch::parse::internal
