// Paragraph assembly, line rejoining, link extraction and inline Markdown cleanup.
#include "indexer/parse/body_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

using ::testing::ElementsAre;

std::string Joined(std::string first, bool trailing_blank, std::string_view next) {
  AppendWrapped(&first, trailing_blank, next);
  return first;
}

struct WrapCase {
  std::string prev;
  bool trailing_blank;
  std::string next;
  std::string expected;
};

class AppendWrappedTest : public ::testing::TestWithParam<WrapCase> {};

TEST_P(AppendWrappedTest, Joins) {
  const WrapCase& c = GetParam();
  EXPECT_EQ(Joined(c.prev, c.trailing_blank, c.next), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, AppendWrappedTest,
    ::testing::Values(
        // Mid-word: no blank at the break, Hangul on both sides.
        WrapCase{"한·중 협력”을 주제", false, "로 국제세미나를",
                 "한·중 협력”을 주제로 국제세미나를"},
        WrapCase{"발생할 가", false, "능성이 높다", "발생할 가능성이 높다"},
        // The extractor kept the blank at a word end.
        WrapCase{"서울 웨스틴", true, "조선호텔에서", "서울 웨스틴 조선호텔에서"},
        // Interpunct: "한·\n중".
        WrapCase{"한·", false, "중 양국", "한·중 양국"},
        // Han characters wrap without blanks too.
        WrapCase{"国家集成电路", false, "产业投资基金", "国家集成电路产业投资基金"},
        // Latin, digits and punctuation never glue.
        WrapCase{"Transition", false, "Transformation", "Transition Transformation"},
        WrapCase{"운영기술", false, "(intelligent data)", "운영기술 (intelligent data)"},
        WrapCase{"강조했다.", false, "이어 양쥔은", "강조했다. 이어 양쥔은"},
        WrapCase{"규모는 2,041", false, "억 위안", "규모는 2,041 억 위안"},
        WrapCase{"", false, "  첫 줄  ", "첫 줄"}));

TEST(BuildBodyTest, JoinsWrappedLinesAndKeepsParagraphs) {
  const std::vector<std::string_view> lines = {"  대외경제정책연구원은 서울 웨스틴 ",
                                               "조선호텔에서 세미나를 개",
                                               "최하였다.",
                                               "",
                                               "  둘째 문단의 첫 줄이",
                                               "다."};
  EXPECT_EQ(BuildBody(lines, {.indent_starts_paragraph = true}).text,
            "대외경제정책연구원은 서울 웨스틴 조선호텔에서 세미나를 개최하였다.\n\n둘째 문단의 첫 "
            "줄이다.");
}

TEST(BuildBodyTest, IndentOpensParagraphWithoutBlankLine) {
  const std::vector<std::string_view> lines = {"  첫 문단.", "  둘째 문단 ", " 이어지는 줄"};
  EXPECT_EQ(BuildBody(lines, {.indent_starts_paragraph = true}).text,
            "첫 문단.\n\n둘째 문단 이어지는 줄");
  // Without the option, an indent is just a continuation.
  EXPECT_EQ(BuildBody(lines, {}).text, "첫 문단. 둘째 문단 이어지는 줄");
}

TEST(BuildBodyTest, ListItemsAndTableRowsStayOnTheirLines) {
  const std::vector<std::string_view> lines = {"■ 부제목",     "- 첫 항목",     " - 하위 항목",
                                               "1) 번호 항목", "① 원문자 항목", "구분\t내용",
                                               "1\t첫 행",     "* 주석",        "※ 참고"};
  EXPECT_EQ(BuildBody(lines, {}).text,
            "■ 부제목\n- 첫 항목\n- 하위 항목\n1) 번호 항목\n① 원문자 항목\n구분\t내용\n1\t첫 "
            "행\n* 주석\n※ 참고");
}

TEST(BuildBodyTest, MovesReferenceUrlsToLinks) {
  const std::vector<std::string_view> lines = {
      "본문 문장.",
      "",
      "* 출처: https://mp.example.qq.com/s/abc",
      "* 출처: <https://example.cn/a_(b)>",
      "출처: 과기부 (05.26)",
      "",
      "https://www.example.gov.cn/x.html",
      "- ☑ 参考文章标题",
      "<https://www.163.com/dy/article/X.html>",
      "☞ 원문: 과학망 https://news.example.cn/1.shtm.",
      "",
      "참고자료",
      "",
      "본문 안의 https://inline.example.com/page 주소는 그대로 둔다.",
      "https://www.example.gov.cn/x.html",
  };
  const Body body = BuildBody(lines, {});
  EXPECT_THAT(body.links, ElementsAre("https://mp.example.qq.com/s/abc", "https://example.cn/a_(b)",
                                      "https://www.example.gov.cn/x.html",
                                      "https://www.163.com/dy/article/X.html",
                                      "https://news.example.cn/1.shtm"));
  EXPECT_EQ(
      body.text,
      "본문 문장.\n\n출처: 과기부 (05.26)\n\n- ☑ 参考文章标题\n☞ 원문: 과학망 .\n\n참고자료\n\n"
      "본문 안의 https://inline.example.com/page 주소는 그대로 둔다.");
}

TEST(BuildBodyTest, MarkdownHeadingsBecomeParagraphs) {
  const std::vector<std::string_view> lines = {"— 중국일보(中国日报)", "",
                                               "첫 문단입니다.",       "### 1) 소제목",
                                               "#### ① 세부 항목",     "둘째 **강조** 문단 \\*주석",
                                               "시간: 14:00  ",        "장소: 베이징"};
  EXPECT_EQ(BuildBody(lines, {.markdown = true}).text,
            "— 중국일보(中国日报)\n\n첫 문단입니다.\n\n1) 소제목\n\n① 세부 항목\n\n둘째 강조 문단 "
            "*주석 시간: 14:00\n장소: 베이징");
}

TEST(CleanInlineMarkdownTest, StripsMarkupButNotKoreanBrackets) {
  std::vector<std::string> urls;
  EXPECT_EQ(CleanInlineMarkdown("메일: [info@example.org](mailto:info@example.org)", &urls),
            "메일: info@example.org");
  EXPECT_THAT(urls, ElementsAre("mailto:info@example.org"));
  EXPECT_EQ(CleanInlineMarkdown("<2021 중국 과학기술 성과전환 보고서>를 통해"),
            "<2021 중국 과학기술 성과전환 보고서>를 통해");
  EXPECT_EQ(CleanInlineMarkdown("<ul><li>▶ 행정기구가 아님</li></ul> <b>특정 산업</b>"),
            "▶ 행정기구가 아님 특정 산업");
  EXPECT_EQ(CleanInlineMarkdown("<https://example.com/a> \\*출처 __밑줄__ ![사진](x.png)"),
            "https://example.com/a *출처 밑줄 사진");
}

TEST(FindUrlsTest, TrimsTrailingPunctuation) {
  const std::string s = "see https://a.example.com/x?y=1, and (www.example.org/p).";
  const auto urls = FindUrls(s);
  ASSERT_EQ(urls.size(), 2u);
  EXPECT_EQ(s.substr(urls[0].first, urls[0].second - urls[0].first), "https://a.example.com/x?y=1");
  EXPECT_EQ(s.substr(urls[1].first, urls[1].second - urls[1].first), "www.example.org/p");
  EXPECT_TRUE(FindUrls("baidu.com 百度百科").empty());
}

TEST(TextUtilTest, TrimsEveryKindOfBlank) {
  EXPECT_EQ(Trim("\u3000 \u00A0본문\u3000\t"), "본문");
  EXPECT_TRUE(IsBlank(" \u00A0\u3000 "));
  EXPECT_EQ(CueForm("주/간/동/향 ＫＩＣ 중국"), "주간동향kic중국");
  EXPECT_EQ(LeadingIndent("\u3000x"), 2);
  std::string_view text;
  EXPECT_EQ(MarkdownHeadingLevel("### 1) 소제목 ##", &text), 3);
  EXPECT_EQ(text, "1) 소제목");
  EXPECT_EQ(MarkdownHeadingLevel("#해시태그", &text), 0);
}

}  // namespace
}  // namespace briefsearch::parse::internal
