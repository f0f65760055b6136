// Issue-level metadata that every layout writes the same way: the issue number and the date.
// Internal to indexer/parse.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace briefsearch::parse::internal {

// Digits of "제 289 호", "제289호", "No. 12", "第12期" in the head or tail of the issue, without
// leading zeros; "" when there is none. "제 2 회" (an event count) is no issue number.
std::string FindIssueNumber(const std::vector<std::string_view>& lines);

// The issue number in one line, or "".
std::string IssueNumberInLine(std::string_view line);

// The publication date as YYYY-MM-DD, by trust:
//   1. a labelled date anywhere ("발행일", "| 발 행 일 |", "배포일시", "작성일", "Date:" ...);
//   2. a line that is only a date, in the head or tail ("2 0 2 2 . 0 7 . 2 7");
//   3. any date in the first lines of the text;
//   4. a date in the file name.
// Dates deep in article prose are never used. "" when nothing qualifies.
std::string FindPublishedDate(const std::vector<std::string_view>& lines,
                              std::string_view file_name);

}  // namespace briefsearch::parse::internal
