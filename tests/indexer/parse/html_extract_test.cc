// HTML through libxml2: what is kept, what is dropped, charsets, and hostile nesting.
#include "indexer/parse/html_extract.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <string>

#include "indexer/parse/html_charset.h"
#include "indexer/parse/parser.h"
#include "tests/indexer/parse/sample_docs.h"

namespace briefsearch::parse {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

using testing::Encode;  // tests/indexer/parse/sample_docs.h

absl::StatusOr<ExtractedText> Html(const std::string& html) {
  return ExtractHtml(html, ExtractLimits());
}

TEST(HtmlTest, KeepsContentDropsChrome) {
  const absl::StatusOr<ExtractedText> t = Html(testing::KicLikeHtml());
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->format, "html");
  EXPECT_EQ(t->title, "주간 중국 창업 제290호 | KIC 중국");
  EXPECT_TRUE(t->page_starts.empty());
  EXPECT_EQ(
      t->text,
      "# 주간 중국 창업 제290호\n\n2 0 2 2 . 0 8 . 0 3\n\n발행처: 글로벌혁신센터(KIC 중국)\n\n"
      "## WEEKLY 뉴스\n\n### 1. 선전시, 드론 배송 시범 구역 확대\n\n— 선전상보(深圳商报)\n\n"
      "선전시가 드론 배송 시범 구역을 열 곳으로 늘린다. 배송 거리는 최대 10 km이며 R&D "
      "비용의 30%를 지원한다.\n\n- 주거 단지 배송 허용\n- 야간 비행 시범 운영\n\n"
      "### 2. 항저우시, 스타트업 임대료 지원\n\n"
      "항저우시는 창업 3년 이내 기업의 사무실 임대료를 지원한다.\n신청은 9월까지 받는다.\n\n"
      "구분\t지원율\n임대료\t50%\n\n## CHINA 창업\n\n"
      "### 1. 【기업분석】 중국 로봇 청소기 스타트업의 해외 진출\n\n"
      "중국 로봇 청소기 스타트업들이 유럽 시장에서 점유율을 넓히고 있다.");
}

TEST(HtmlTest, KicLikePageParsesExactly) {
  const absl::StatusOr<ParsedIssue> issue = ParseIssueFile(testing::KicLikeHtml(), "kic.html");
  ASSERT_TRUE(issue.ok()) << issue.status();
  EXPECT_EQ(issue->format, "html");
  EXPECT_EQ(issue->publisher, Publisher::kKic);
  EXPECT_EQ(issue->issue_number, "290");
  EXPECT_EQ(issue->published, "2022-08-03");
  EXPECT_EQ(issue->title, "주간 중국 창업 제290호");
  ASSERT_EQ(issue->articles.size(), 3u);
  EXPECT_EQ(issue->articles[0].section, "WEEKLY 뉴스");
  EXPECT_EQ(issue->articles[0].title, "선전시, 드론 배송 시범 구역 확대");
  EXPECT_EQ(issue->articles[1].section, "WEEKLY 뉴스");
  EXPECT_EQ(issue->articles[1].title, "항저우시, 스타트업 임대료 지원");
  EXPECT_EQ(issue->articles[2].section, "CHINA 창업");
  EXPECT_EQ(issue->articles[2].title, "【기업분석】중국 로봇 청소기 스타트업의 해외 진출");
  for (const ParsedArticle& a : issue->articles) {
    EXPECT_EQ(a.page_start, 0);
    EXPECT_THAT(a.body, Not(HasSubstr("스크립트")));
    EXPECT_THAT(a.body, Not(HasSubstr("구독")));
  }
}

TEST(HtmlTest, GenericPageSplitsOnHeadings) {
  const absl::StatusOr<ParsedIssue> issue = ParseIssueFile(
      "<html><body><h1>협력 소식</h1><h2>첫 소식</h2><p>첫 본문.</p>"
      "<h2>둘째 소식</h2><p>둘째 본문.</p></body></html>",
      "page.txt");
  ASSERT_TRUE(issue.ok()) << issue.status();
  EXPECT_EQ(issue->format, "html");
  EXPECT_EQ(issue->publisher, Publisher::kOther);
  EXPECT_EQ(issue->title, "협력 소식");
  ASSERT_EQ(issue->articles.size(), 2u);
  EXPECT_EQ(issue->articles[0].title, "첫 소식");
  EXPECT_EQ(issue->articles[0].body, "첫 본문.");
  EXPECT_EQ(issue->articles[1].title, "둘째 소식");
}

TEST(HtmlTest, TitleFallsBackToFirstHeading) {
  const absl::StatusOr<ExtractedText> t =
      Html("<html><body><h1>제목 &lt;1&gt;</h1>본문</body></html>");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->title, "제목 <1>");
  EXPECT_EQ(t->text, "# 제목 <1>\n\n본문");
}

TEST(HtmlTest, PreformattedTextKeepsItsLines) {
  const absl::StatusOr<ExtractedText> t =
      Html("<html><body><pre>가  나\n다</pre><p>끝</p></body></html>");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->text, "가  나\n다\n\n끝");
}

TEST(HtmlTest, DeclaredEucKrIsReadAsCp949) {
  const std::string page =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=euc-kr\"><title>한글 제목</title></head><body><p>똠방각하 "
      "본문</p></body></html>";
  const std::string encoded = Encode(page, "windows-949-2000");
  EXPECT_EQ(internal::DeclaredHtmlCharset(encoded), "euc-kr");
  const absl::StatusOr<ExtractedText> t = Html(encoded);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->title, "한글 제목");
  EXPECT_EQ(t->text, "똠방각하 본문");
}

TEST(HtmlTest, MetaCharsetAttributeAndUndeclaredCp949) {
  const std::string body = "<p>중국 과학기술 정책 동향을 정리한 자료입니다.</p>";
  EXPECT_EQ(internal::DeclaredHtmlCharset("<meta charset='KS_C_5601-1987'>"), "ks_c_5601-1987");
  const absl::StatusOr<ExtractedText> t =
      Html(Encode("<!doctype html><html><body>" + body + "</body></html>", "windows-949-2000"));
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->text, "중국 과학기술 정책 동향을 정리한 자료입니다.");
}

TEST(HtmlTest, Utf16WithBom) {
  const std::string html =
      "\xFF\xFE" + Encode("<html><body><p>유니코드 본문</p></body></html>", "UTF-16LE");
  const absl::StatusOr<ExtractedText> t = Html(html);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->text, "유니코드 본문");
}

TEST(HtmlTest, UndecodableBytesAreRejected) {
  const absl::Status s = Html("<html><body>\xFF\xFE\xFD broken \x80</body></html>").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("not UTF-8"));
  const absl::Status bad_label =
      Html("<html><head><meta charset=\"x-no-such\"></head><body>a</body></html>").status();
  EXPECT_EQ(bad_label.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_label.message(),
            "HTML declares charset \"x-no-such\": unknown charset \"x-no-such\"");
}

TEST(HtmlTest, DeepNestingIsRefusedQuickly) {
  std::string deep = "<html><body>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "바닥";
  for (int i = 0; i < 100000; ++i) deep += "</div>";
  const absl::Status s = Html(deep).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(s.message(), HasSubstr("nests elements deeper than 256 levels"));

  std::string shallow = "<html><body>";
  for (int i = 0; i < 30; ++i) shallow += "<div>";
  shallow += "얕은 글";
  ExtractLimits limits;
  limits.max_nesting = 20;
  const absl::Status limited = ExtractHtml(shallow, limits).status();
  EXPECT_EQ(limited.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(limited.message(), "HTML nests elements deeper than 20 levels");
  EXPECT_TRUE(ExtractHtml(shallow, ExtractLimits()).ok());
}

TEST(HtmlTest, EmptyPagesAndLimits) {
  EXPECT_EQ(Html("<html><body><script>x()</script></body></html>").status().message(),
            "HTML page has no text");
  ExtractLimits limits;
  limits.max_output_bytes = 10;
  EXPECT_EQ(
      ExtractHtml("<html><body><p>열 바이트를 넘는 글</p></body></html>", limits).status().code(),
      absl::StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace briefsearch::parse
