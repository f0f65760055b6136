// The PDF geometry steps on hand-placed words: lines, blocks, rejoining marks, page furniture,
// page numbers, and the page ranges of articles.
#include "indexer/parse/pdf_layout.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "indexer/parse/page_map.h"
#include "indexer/parse/pdf_furniture.h"
#include "indexer/parse/pdf_reading_order.h"

namespace briefsearch::parse::internal {
namespace {

using ::testing::ElementsAre;

// One word per call; 10 pt text is about 11.5 pt tall and a Hangul syllable 9.4 pt wide.
PdfWord Word(std::string text, double x, double baseline, bool space_after = true,
             double height = 11.5) {
  const double width = 9.4 * static_cast<double>(text.size()) / 3;
  return PdfWord{std::move(text), x, baseline - height, x + width, baseline, space_after};
}

PdfLine Line(std::string text, double x0, double baseline, double x1, double height = 11.5) {
  return PdfLine{std::move(text), x0, baseline - height, x1, baseline};
}

TEST(GroupLinesTest, SplitsOnBaselineAndColumnJumps) {
  const std::vector<PdfLine> lines = GroupLines({
      Word("가나", 60, 100), Word("다라", 82, 100, false),  // one line
      Word("마바", 60, 114, false),                         // next baseline
      Word("사아", 320, 114, false),                        // same baseline, next column
      Word("자", 340, 114 - 3, false, 6),                   // a superscript stays on its line
  });
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "가나 다라");
  EXPECT_EQ(lines[1].text, "마바");
  EXPECT_EQ(lines[2].text, "사아자");
}

TEST(GroupLinesTest, GapWithoutBlankFlagStillSeparatesWords) {
  const std::vector<PdfLine> lines =
      GroupLines({Word("KOSTEC", 60, 100, false), Word("의", 60 + 18.8, 100, false),
                  Word("보고서", 60 + 18.8 + 9.4 + 5, 100, false)});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "KOSTEC의 보고서");
}

TEST(GroupLinesTest, IgnoresBoxesOffTheNumberLine) {
  PdfWord nan = Word("숨은", 60, 100);
  nan.x0 = std::nan("");
  PdfWord inf = Word("무한", 80, 100);
  inf.y1 = std::numeric_limits<double>::infinity();
  const std::vector<PdfLine> lines = GroupLines({nan, inf, Word("보임", 60, 120)});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "보임");
}

TEST(LayOutPageTest, MarksLinesThatEndedEarlyAndIndents) {
  PdfPageLines page;
  page.height = 842;
  page.lines = {Line("첫 줄은 단어 끝에서", 60, 100, 200),  // ends 100 pt early
                Line("둘째 줄은 오른쪽 끝까지 이어지는 주", 60, 114, 300),
                Line("요 내용이다.", 60, 128, 150), Line("들여 쓴 새 문단", 80, 142, 300),
                Line("끝.", 60, 156, 80)};
  const PageLayout layout = LayOutPage(page);
  EXPECT_EQ(layout.text,
            "첫 줄은 단어 끝에서 \n둘째 줄은 오른쪽 끝까지 이어지는 주\n요 내용이다. \n"
            "  들여 쓴 새 문단\n끝. ");
  EXPECT_FALSE(layout.ends_mid_paragraph);
}

TEST(LayOutPageTest, BlankLineBetweenBlocksAndHeadings) {
  PdfPageLines page;
  page.height = 842;
  page.lines = {Line("큰 제목", 60, 80, 150, 16),  // larger font: its own block
                Line("본문 첫 줄", 60, 100, 300),   Line("본문 둘째 줄", 60, 114, 300),
                Line("본문 셋째 줄", 60, 128, 300), Line("본문 넷째 줄", 60, 142, 300),
                Line("새 문단", 60, 170, 300),      // a blank line's worth of space above
                Line("오른쪽 단", 320, 100, 500)};  // back up the page: next column
  EXPECT_EQ(LayOutPage(page).text,
            "큰 제목\n\n본문 첫 줄\n본문 둘째 줄\n본문 셋째 줄\n본문 넷째 줄\n\n새 문단\n\n"
            "오른쪽 단");
}

TEST(LayOutPageTest, RejoinsHyphenatedLatinWords) {
  PdfPageLines page;
  page.height = 842;
  page.lines = {Line("quantum tech-", 60, 100, 300), Line("nology is here", 60, 114, 200)};
  EXPECT_EQ(LayOutPage(page).text, "quantum technology \nis here ");
}

TEST(LayOutPageTest, FullLastLineContinuesOnTheNextPage) {
  PdfPageLines page;
  page.height = 842;
  page.lines = {Line("문단 첫 줄", 60, 700, 300),
                Line("다음 쪽으로 이어지는 산업 생", 60, 714, 300)};
  EXPECT_TRUE(LayOutPage(page).ends_mid_paragraph);
  page.lines[1].text = "여기서 끝난다.";
  EXPECT_FALSE(LayOutPage(page).ends_mid_paragraph);
}

TEST(JoinPagesTest, RecordsPageStarts) {
  std::vector<PdfPageLines> pages(3);
  pages[0].lines = {Line("첫 쪽.", 60, 100, 100)};
  pages[2].lines = {Line("셋째 쪽.", 60, 100, 100)};  // page 2 has no text
  std::vector<size_t> starts;
  const std::string text = JoinPages(pages, &starts);
  EXPECT_EQ(text, "첫 쪽.\n\n셋째 쪽.");
  EXPECT_THAT(starts, ElementsAre(0u, 8u, 10u));
}

std::vector<std::string> Order(std::vector<PdfLine> lines) {
  SortReadingOrder(&lines);
  std::vector<std::string> out;
  for (const PdfLine& line : lines) out.push_back(line.text);
  return out;
}

TEST(ReadingOrderTest, ColumnsOneAfterTheOtherEvenWhenParagraphsBreakLevel) {
  // poppler lists these row by row; the paragraphs of both columns end at y=128.
  EXPECT_THAT(
      Order({Line("제목", 200, 60, 400, 16), Line("왼1", 60, 100, 280), Line("오1", 310, 100, 540),
             Line("왼2", 60, 114, 280), Line("오2", 310, 114, 540), Line("왼3", 60, 150, 280),
             Line("오3", 310, 150, 540), Line("쪽", 290, 815, 300)}),
      ElementsAre("제목", "왼1", "왼2", "왼3", "오1", "오2", "오3", "쪽"));
}

TEST(ReadingOrderTest, SingleColumnGoesByBaseline) {
  EXPECT_THAT(Order({Line("둘", 60, 114, 500), Line("하나", 60, 100, 500), Line("셋", 60, 128, 200),
                     Line("날짜", 400, 60, 500), Line("제목", 60, 60, 120)}),
              ElementsAre("제목", "날짜", "하나", "둘", "셋"));
}

TEST(PageNumberTest, ReadsCommonForms) {
  EXPECT_EQ(ParsePageNumber("12")->value, 12);
  EXPECT_FALSE(ParsePageNumber("12")->decorated);
  EXPECT_EQ(ParsePageNumber("- 3 -")->value, 3);
  EXPECT_TRUE(ParsePageNumber("- 3 -")->decorated);
  EXPECT_TRUE(ParsePageNumber("– 4 –")->decorated);
  EXPECT_EQ(ParsePageNumber("3 / 12")->value, 3);
  EXPECT_EQ(ParsePageNumber("Page 7")->value, 7);
  EXPECT_EQ(ParsePageNumber("p. 8")->value, 8);
  EXPECT_EQ(ParsePageNumber("iv")->value, 4);
  EXPECT_FALSE(ParsePageNumber("I"));  // a KOSTEC part marker
  EXPECT_EQ(ParsePageNumber("1024")->value, 1024);
  EXPECT_FALSE(ParsePageNumber("12345"));
  EXPECT_FALSE(ParsePageNumber("3 / x"));
  EXPECT_FALSE(ParsePageNumber("제3호"));
}

PdfPageLines FurniturePage(int number, bool header, const std::string& top_line) {
  PdfPageLines page;
  page.height = 842;
  if (header) {
    page.lines.push_back(
        Line("한중 기술협력 브리프 제" + std::to_string(number) + "호", 60, 40, 200));
  }
  if (!top_line.empty()) page.lines.push_back(Line(top_line, 60, 90, 100));
  page.lines.push_back(Line("본문 " + std::to_string(number), 60, 300, 200));
  page.lines.push_back(Line(std::to_string(number), 290, 815, 300));
  return page;
}

std::vector<std::string> Texts(const PdfPageLines& page) {
  std::vector<std::string> out;
  for (const PdfLine& line : page.lines) out.push_back(line.text);
  return out;
}

TEST(FurnitureTest, RemovesRunningHeadersAndPageNumbers) {
  std::vector<PdfPageLines> pages = {FurniturePage(1, true, ""), FurniturePage(2, true, "머리"),
                                     FurniturePage(3, true, "")};
  RemovePageFurniture(&pages);
  EXPECT_THAT(Texts(pages[0]), ElementsAre("본문 1"));
  EXPECT_THAT(Texts(pages[1]), ElementsAre("머리", "본문 2"));  // on one page only: content
  EXPECT_THAT(Texts(pages[2]), ElementsAre("본문 3"));
}

TEST(FurnitureTest, KeepsAnArticleNumberAtThePageTop) {
  std::vector<PdfPageLines> pages = {FurniturePage(1, false, "앞머리"),
                                     FurniturePage(2, false, "01"),
                                     FurniturePage(3, false, "뒷머리")};
  RemovePageFurniture(&pages);
  EXPECT_THAT(Texts(pages[1]), ElementsAre("01", "본문 2"));
  EXPECT_THAT(Texts(pages[2]), ElementsAre("뒷머리", "본문 3"));
}

TEST(FurnitureTest, KeepsNumbersThatDoNotCountAlong) {
  std::vector<PdfPageLines> pages(3);
  for (int p = 0; p < 3; ++p) {
    pages[p].height = 842;
    pages[p].lines = {Line("본문", 60, 300, 200), Line(p == 1 ? "7" : "본문 끝", 60, 815, 100)};
  }
  RemovePageFurniture(&pages);
  EXPECT_EQ(pages[1].lines.size(), 2u);  // one stray number: no page numbering to follow
}

ParsedArticle Article(std::string title, std::string body) {
  ParsedArticle a;
  a.title = std::move(title);
  a.body = std::move(body);
  return a;
}

TEST(PageMapTest, FindsArticlesPastTheTableOfContents) {
  const std::string text =
      "목차\n가 제목\n나 제목\n\n가 제목\n가 본문은 여기서\n시작해 다음 쪽까지\n\n"
      "이어진다.\n\n나 제목\n나 본문.";
  const size_t page2 = text.find("가 제목\n가 본문");
  const size_t page3 = text.find("이어진다");
  std::vector<ParsedArticle> articles = {
      Article("가 제목", "가 본문은 여기서 시작해 다음 쪽까지\n\n이어진다."),
      Article("나 제목", "나 본문."), Article("없는 제목", "없는 본문")};
  AssignPages(text, {0, page2, page3}, &articles);
  EXPECT_EQ(articles[0].page_start, 2);
  EXPECT_EQ(articles[0].page_end, 3);
  EXPECT_EQ(articles[1].page_start, 3);
  EXPECT_EQ(articles[1].page_end, 3);
  EXPECT_EQ(articles[2].page_start, 0);  // not in the text: unknown
  EXPECT_EQ(articles[2].page_end, 0);
}

TEST(PageMapTest, NoPagesNoRanges) {
  std::vector<ParsedArticle> articles = {Article("제목", "본문")};
  AssignPages("제목\n본문", {}, &articles);
  EXPECT_EQ(articles[0].page_start, 0);
}

}  // namespace
}  // namespace briefsearch::parse::internal
