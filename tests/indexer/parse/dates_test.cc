// Date forms the briefs use, normalised to YYYY-MM-DD, and calendar validation.
#include "indexer/parse/dates.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "indexer/parse/issue_meta.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

std::string Find(std::string_view text, bool date_only = false) {
  const std::optional<CivilDate> d = FindDate(text, date_only);
  return d ? FormatDate(*d) : "";
}

struct DateCase {
  std::string text;
  std::string expected;  // "" when no date may be found
};

class FindDateTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(FindDateTest, Normalises) { EXPECT_EQ(Find(GetParam().text), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Forms, FindDateTest,
    ::testing::Values(
        DateCase{"2023. 6. 21", "2023-06-21"},               // KOSTEC colophon
        DateCase{"| 발 행 일 | 2023. 6. 21", "2023-06-21"},  // with its label
        DateCase{"2023.06.21", "2023-06-21"}, DateCase{"2023 . 6 . 21", "2023-06-21"},
        DateCase{"2 0 2 2 . 0 7 . 2 7", "2022-07-27"},         // KIC, letter-spaced
        DateCase{"2018년 10월 30일(화) 15:00", "2018-10-30"},  // KIEP
        DateCase{"2018년10월30일", "2018-10-30"}, DateCase{"2024年3月13日", "2024-03-13"},
        DateCase{"'24.11.5", "2024-11-05"},
        DateCase{"\u201924.11.5", "2024-11-05"},  // typographic apostrophe
        DateCase{"2024-03-13", "2024-03-13"}, DateCase{"2024/3/13", "2024-03-13"},
        DateCase{"\uFF12\uFF10\uFF12\uFF14\uFF0E\uFF13\uFF0E\uFF11\uFF13",
                 "2024-03-13"},  // full width
        DateCase{"발표일은 2021년 9월 8일(수)이다", "2021-09-08"},
        DateCase{"2024-02-29", "2024-02-29"},  // leap year
        DateCase{"2000.2.29", "2000-02-29"},   // 400-year leap
        // Not dates, or not real days.
        DateCase{"2023-02-29", ""}, DateCase{"1900.2.29", ""}, DateCase{"2023.13.01", ""},
        DateCase{"2023.04.31", ""}, DateCase{"2023.0.10", ""}, DateCase{"6.13", ""},
        DateCase{"'22년 기준", ""}, DateCase{"2024년 3월", ""}, DateCase{"1998~2017년간", ""},
        DateCase{"2023.6-21", ""},                                 // mixed separators
        DateCase{"2023년 6.21", ""}, DateCase{"12023.06.21", ""},  // part of a longer number
        DateCase{"2023.06.211", ""}, DateCase{"v1.2023.06.21", ""}, DateCase{"", ""}));

TEST(FindDateTest, DateOnlyAcceptsWeekdayAndTime) {
  EXPECT_EQ(Find("2 0 2 2 . 0 7 . 2 7", true), "2022-07-27");
  EXPECT_EQ(Find("  2018년 10월 30일(화) 15:00 ", true), "2018-10-30");
  EXPECT_EQ(Find("2024. 3. 13.", true), "2024-03-13");
  EXPECT_EQ(Find("제출: 2024-03-13", true), "");
  EXPECT_EQ(Find("2024-03-13 회의 결과", true), "");
}

TEST(CivilDateTest, Validates) {
  EXPECT_TRUE(IsValidCivilDate(2024, 2, 29));
  EXPECT_FALSE(IsValidCivilDate(2100, 2, 29));
  EXPECT_FALSE(IsValidCivilDate(2023, 2, 29));
  EXPECT_TRUE(IsValidCivilDate(2023, 12, 31));
  EXPECT_FALSE(IsValidCivilDate(2023, 6, 31));
  EXPECT_FALSE(IsValidCivilDate(2023, 0, 1));
  EXPECT_FALSE(IsValidCivilDate(2023, 1, 0));
  EXPECT_FALSE(IsValidCivilDate(1899, 12, 31));
}

TEST(DateFromFileNameTest, ReadsCommonNamings) {
  auto name = [](std::string_view n) {
    const std::optional<CivilDate> d = DateFromFileName(n);
    return d ? FormatDate(*d) : "";
  };
  EXPECT_EQ(name("kostec_weekly_2024-03-13.txt"), "2024-03-13");
  EXPECT_EQ(name("kic_weekly_301_2022-10-19.md"), "2022-10-19");
  EXPECT_EQ(name("/drop/in/memo_20240110.txt"), "2024-01-10");
  EXPECT_EQ(name("brief 2024.1.5.txt"), "2024-01-05");
  EXPECT_EQ(name("memo_20241340.txt"), "");
  EXPECT_EQ(name("notes.txt"), "");
}

std::vector<std::string_view> Lines(const std::string& text) { return SplitLines(text); }

TEST(FindPublishedDateTest, PrefersLabelledDates) {
  const std::string text =
      "보고서\n\n2022년 6월 27일 시행되는 정책을 다룬다\n\n| 발 행 일 | 2023. 6. 21\n";
  EXPECT_EQ(FindPublishedDate(Lines(text), "x_2020-01-01.txt"), "2023-06-21");
}

TEST(FindPublishedDateTest, UsesDateOnlyLineInHead) {
  const std::string text = "# 주간 중국 창업 제 289 호\n\n2 0 2 2 . 0 7 . 2 7\n\n본문\n";
  EXPECT_EQ(FindPublishedDate(Lines(text), ""), "2022-07-27");
}

TEST(FindPublishedDateTest, FallsBackToFileNameButNotToDeepProse) {
  std::string text = "메모\n";
  for (int i = 0; i < 40; ++i) text += "본문 줄입니다.\n";
  text += "이 정책은 2022년 6월 27일부터 시행된다.\n";
  for (int i = 0; i < 40; ++i) text += "본문 줄입니다.\n";
  EXPECT_EQ(FindPublishedDate(Lines(text), "other_memo_2024-01-10.txt"), "2024-01-10");
  EXPECT_EQ(FindPublishedDate(Lines(text), "memo.txt"), "");
}

TEST(IssueNumberTest, ReadsForms) {
  EXPECT_EQ(IssueNumberInLine("# 주간 중국 창업 제 289 호"), "289");
  EXPECT_EQ(IssueNumberInLine("제289호"), "289");
  EXPECT_EQ(IssueNumberInLine("No. 12"), "12");
  EXPECT_EQ(IssueNumberInLine("Weekly Brief NO.007"), "7");
  EXPECT_EQ(IssueNumberInLine("第 45 期"), "45");
  EXPECT_EQ(IssueNumberInLine("제 2 회 포럼"), "");
  EXPECT_EQ(IssueNumberInLine("경제 3호기 가동"), "");
  EXPECT_EQ(IssueNumberInLine("Innovation 2024"), "");
}

TEST(IssueNumberTest, IgnoresNumberedNamesInArticleTitles) {
  std::string text = "중국 과학기술 정책 주간동향\n";
  for (int i = 0; i < 10; ++i) text += "본문 줄입니다.\n";
  text += "06 장삼각 제1호 양자 슈퍼 협동 혁신센터 구축\n";
  EXPECT_EQ(FindIssueNumber(Lines(text)), "");
  EXPECT_EQ(FindIssueNumber(Lines(text + "| 발 행 호 | 제 412 호\n")), "412");
}

}  // namespace
}  // namespace briefsearch::parse::internal
