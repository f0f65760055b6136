// ParseIssueText on small hand-made texts: layout fallbacks, rejoining, odd input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "indexer/parse/parser.h"

namespace briefsearch::parse {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> Titles(const ParsedIssue& issue) {
  std::vector<std::string> out;
  for (const ParsedArticle& a : issue.articles) out.push_back(a.title);
  return out;
}

TEST(PublisherNameTest, SpellsEveryPublisher) {
  EXPECT_STREQ(PublisherName(Publisher::kKostec), "KOSTEC");
  EXPECT_STREQ(PublisherName(Publisher::kKic), "KIC");
  EXPECT_STREQ(PublisherName(Publisher::kKiep), "KIEP");
  EXPECT_STREQ(PublisherName(Publisher::kOther), "OTHER");
  EXPECT_STREQ(PublisherName(static_cast<Publisher>(42)), "OTHER");
}

TEST(GenericLayoutTest, OneArticlePerTopLevelMarkdownHeading) {
  const ParsedIssue issue = ParseIssueText(
      "# 첫째 주제\n\n첫째 본문.\n\n## 세부\n\n세부 본문.\n\n# 둘째 주제\n\n둘째 본문.\n", "n.md");
  EXPECT_EQ(issue.publisher, Publisher::kOther);
  EXPECT_EQ(issue.format, "md");
  EXPECT_EQ(issue.title, "첫째 주제");
  EXPECT_THAT(Titles(issue), ::testing::ElementsAre("첫째 주제", "둘째 주제"));
  EXPECT_EQ(issue.articles[0].body, "첫째 본문.\n\n세부\n\n세부 본문.");
  EXPECT_EQ(issue.articles[1].body, "둘째 본문.");
}

TEST(GenericLayoutTest, LoneTitleHeadingNamesTheIssue) {
  const ParsedIssue issue = ParseIssueText(
      "# 주간 메모\n\n머리말.\n\n## 1. 배경\n\n배경 설명.\n\n## 2. 계획\n\n계획 설명.\n", "m.md");
  EXPECT_EQ(issue.title, "주간 메모");
  EXPECT_THAT(Titles(issue), ::testing::ElementsAre("1. 배경", "2. 계획"));
  // The text before the first heading is not lost.
  EXPECT_EQ(issue.articles[0].body, "머리말.\n\n배경 설명.");
}

TEST(GenericLayoutTest, NumberedHeadingsInPlainText) {
  const ParsedIssue issue = ParseIssueText(
      "협력 검토 메모\n\n작성: 기획팀\n\n1. 개요\n\n개요 내용이다.\n1) 세부 항목\n\n2. 현황\n\n"
      "현황 내용이다.\n\n3. 결론\n\n결론 내용이다.\n",
      "memo.txt");
  EXPECT_EQ(issue.title, "협력 검토 메모");
  EXPECT_EQ(issue.format, "txt");
  EXPECT_THAT(Titles(issue), ::testing::ElementsAre("개요", "현황", "결론"));
  EXPECT_EQ(issue.articles[0].body, "작성: 기획팀\n\n개요 내용이다.\n1) 세부 항목");
  EXPECT_EQ(issue.published, "");
}

TEST(GenericLayoutTest, RomanNumeralHeadings) {
  const ParsedIssue issue =
      ParseIssueText("보고서\n\nⅠ. 서론\n\n내용 하나.\n\nⅡ. 본론\n\n내용 둘.\n", "r.txt");
  EXPECT_THAT(Titles(issue), ::testing::ElementsAre("서론", "본론"));
}

TEST(GenericLayoutTest, SentencesAreNoHeadings) {
  // "1. ...다." reads as a sentence in a list, not a heading; one article results.
  const ParsedIssue issue = ParseIssueText(
      "회의 결과\n\n1. 일정을 다음 주로 미루기로 했다.\n2. 예산은 그대로 유지한다.\n", "x.txt");
  ASSERT_EQ(issue.articles.size(), 1u);
  EXPECT_EQ(issue.articles[0].title, "회의 결과");
  EXPECT_EQ(issue.articles[0].body,
            "1. 일정을 다음 주로 미루기로 했다.\n2. 예산은 그대로 유지한다.");
}

TEST(GenericLayoutTest, SingleLineAndOddInputStillGiveOneArticle) {
  const ParsedIssue one = ParseIssueText("제목만 있는 파일", "t.txt");
  ASSERT_EQ(one.articles.size(), 1u);
  EXPECT_EQ(one.title, "제목만 있는 파일");
  EXPECT_EQ(one.articles[0].title, "제목만 있는 파일");
  EXPECT_EQ(one.articles[0].body, "제목만 있는 파일");

  EXPECT_EQ(ParseIssueText("", "e.txt").articles.size(), 1u);
  EXPECT_EQ(ParseIssueText("\n\n   \n", "e.txt").articles.size(), 1u);
  // Invalid UTF-8 handed to ParseIssueText directly is repaired, not fatal.
  const ParsedIssue bad = ParseIssueText("제목\xFF\n본문", "b.txt");
  ASSERT_EQ(bad.articles.size(), 1u);
  EXPECT_EQ(bad.articles[0].title, "제목\uFFFD");
}

TEST(GenericLayoutTest, NeverFailsOnRandomText) {
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {"# ",
                                           "## ",
                                           "01",
                                           "02 ",
                                           "I\n",
                                           "정책동향\n",
                                           "■ ",
                                           "- ",
                                           "1. ",
                                           "\n",
                                           "\n\n",
                                           "제 3 호",
                                           "2024. 3. 13",
                                           "보도자료",
                                           "배포일시",
                                           "주간 중국 창업",
                                           "KIC 중국",
                                           "KOSTEC",
                                           "목록\n",
                                           "한중과학기술협력센터",
                                           "【기업분석】",
                                           "— 매체",
                                           "https://x.example/a",
                                           "\t",
                                           "가나다",
                                           "  ",
                                           "| 발 행 일 |",
                                           "## WEEKLY 뉴스\n",
                                           "## 1. 제목\n",
                                           "- 항목 P3\n",
                                           "漢字",
                                           "·"};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    const ParsedIssue issue = ParseIssueText(text, "fuzz.txt");
    EXPECT_FALSE(issue.articles.empty()) << text;
    const absl::StatusOr<ParsedIssue> file = ParseIssueFile(text, "fuzz.txt");
    if (file.ok()) {
      EXPECT_FALSE(file->articles.empty()) << text;
    }
  }
}

TEST(KiepLayoutTest, HeadlineAndRejoinedBody) {
  const ParsedIssue issue = ParseIssueText(
      " 보도자료\n\n배포일시 2020년 7월 7일(화) 10:00 매  수 2매\n\n"
      "담 당 자 대외경제정책연구원 중국팀\n홍길동 연구위원 ☎ 044-000-0000\n\n"
      "배포부서 대외경제정책연구원 홍보팀\n\n"
      "중국 디지털 위안화 시범 운영의 \n\n의미와 과제\n\n"
      "- KIEP, 디지털 위안화 시범 도시 4곳의 운영 사례 분석\n\n"
      "  대외경제정책연구원은 중국 인민은행이 선전, 쑤저우, 슝안, 청두에서 디지털 위안화를 시\n"
      "범 운영하고 있으며 소매 결제 중심으로 활용되고 있다고 밝혔다. 보고서는 한·\n"
      "중 간 결제 협력의 과제도 함께 제시했다.\n\n/끝/\n",
      "kiep_press_2020-07-07.txt");
  EXPECT_EQ(issue.publisher, Publisher::kKiep);
  EXPECT_EQ(issue.published, "2020-07-07");
  EXPECT_EQ(issue.title, "중국 디지털 위안화 시범 운영의 의미와 과제");
  ASSERT_EQ(issue.articles.size(), 1u);
  EXPECT_EQ(issue.articles[0].title, issue.title);
  EXPECT_EQ(issue.articles[0].body,
            "- KIEP, 디지털 위안화 시범 도시 4곳의 운영 사례 분석\n\n"
            "대외경제정책연구원은 중국 인민은행이 선전, 쑤저우, 슝안, 청두에서 디지털 위안화를 "
            "시범 운영하고 있으며 소매 결제 중심으로 활용되고 있다고 밝혔다. 보고서는 한·중 간 "
            "결제 협력의 과제도 함께 제시했다.");
}

TEST(KiepLayoutTest, MentionWithoutHeaderFallsBackToGeneric) {
  const ParsedIssue issue = ParseIssueText(
      "보도자료 요약 정리\n\n대외경제정책연구원(KIEP) 발표 내용을 정리했다.\n", "x.txt");
  EXPECT_EQ(issue.publisher, Publisher::kOther);
  ASSERT_EQ(issue.articles.size(), 1u);
  EXPECT_EQ(issue.articles[0].title, "보도자료 요약 정리");
}

TEST(KostecLayoutTest, WithoutPartsFallsBackToGeneric) {
  // KOSTEC by its masthead, but no "I / 정책동향" parts: the generic splitter takes over and the
  // masthead title stays.
  const ParsedIssue issue = ParseIssueText(
      "중국 과학기술 정책 주/간/동/향\n\n한중과학기술협력센터\n\nKOSTEC\n\n본문 한 줄.\n", "k.txt");
  EXPECT_EQ(issue.publisher, Publisher::kKostec);
  EXPECT_EQ(issue.title, "중국 과학기술 정책 주간동향");
  ASSERT_EQ(issue.articles.size(), 1u);
  EXPECT_EQ(issue.articles[0].title, "중국 과학기술 정책 주/간/동/향");
}

TEST(KicLayoutTest, WorksWithoutTableOfContents) {
  const ParsedIssue issue = ParseIssueText(
      "# 주간 중국 창업 제 7 호\n\n발행처: 글로벌혁신센터(KIC 중국)\n\n## WEEKLY 뉴스\n\n"
      "## 1. 첫 기사\n\n— 인민일보(人民日報)\n\n첫 본문.\n\n### 2. 두번째 기사\n\n둘째 본문.\n\n"
      "## CHINA 창업\n\n## 1. 【기업분석】 셋째 기사\n\n셋째 본문.\n",
      "kic.md");
  EXPECT_EQ(issue.publisher, Publisher::kKic);
  EXPECT_EQ(issue.issue_number, "7");
  EXPECT_THAT(Titles(issue),
              ::testing::ElementsAre("첫 기사", "두번째 기사", "【기업분석】셋째 기사"));
  EXPECT_EQ(issue.articles[0].source, "인민일보(人民日報)");
  EXPECT_EQ(issue.articles[2].section, "CHINA 창업");
  EXPECT_EQ(issue.articles[0].page_start, 0);
}

TEST(ParseIssueTextTest, NormalisesToNfc) {
  // "한국" in decomposed jamo (as macOS file systems write it).
  const ParsedIssue issue =
      ParseIssueText("\u1112\u1161\u11AB\u1100\u116E\u11A8 메모\n\n본문\n", "nfd.txt");
  EXPECT_EQ(issue.title, "한국 메모");
}

TEST(ParseIssueTextTest, FormatFromContentNameBreaksTies) {
  EXPECT_EQ(ParseIssueText("# 제목\n\n## 하나\n\n## 둘\n", "a.txt").format, "md");
  EXPECT_EQ(ParseIssueText("제목\n\n본문\n", "a.md").format, "txt");
  EXPECT_EQ(ParseIssueText("# 제목\n\n본문\n", "a.md").format, "md");
  EXPECT_EQ(ParseIssueText("# 제목\n\n본문\n", "a.txt").format, "txt");
}

}  // namespace
}  // namespace briefsearch::parse
