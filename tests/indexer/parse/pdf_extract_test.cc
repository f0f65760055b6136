// PDF through poppler on PDFs rendered at test time (sample_docs.h), and hostile PDFs: every one
// returns, with a one-line reason when it cannot be read.
#include "indexer/parse/pdf_extract.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "indexer/parse/parser.h"
#include "tests/indexer/parse/pdf_fixture.h"
#include "tests/indexer/parse/sample_docs.h"

namespace briefsearch::parse {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class PdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(testing::HaveKoreanFont())
        << testing::kKoreanFont << " is missing: run deploy/install-deps.sh (fonts-nanum)";
  }
};

void ExpectOneLine(const absl::Status& s) {
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(s.message().empty());
  EXPECT_EQ(std::string(s.message()).find('\n'), std::string::npos) << s;
}

TEST_F(PdfTest, TwoPagesWithoutHeaderAndPageNumbers) {
  const absl::StatusOr<ExtractedText> t = ExtractPdf(testing::TwoPagePdf(), ExtractLimits());
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->format, "pdf");
  EXPECT_EQ(t->text,
            "협력 동향 요약\n\n양국 연구기관은 올해 공동 연구 과제를 스무 건으로 늘리기로 "
            "합의하였다.\n\n다음 회의는 가을에 서울에서 열린다.");
  EXPECT_THAT(t->page_starts, ElementsAre(0u, t->text.find("다음 회의")));
  EXPECT_EQ(t->title, "");
}

TEST_F(PdfTest, ReadsColumnsOneAfterTheOther) {
  const absl::StatusOr<ExtractedText> t = ExtractPdf(testing::TwoColumnPdf(), ExtractLimits());
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->text,
            "왼쪽 단의 첫 문단은 두 줄로\n이루어진다. \n\n"
            "왼쪽 단의 둘째 문단이다.\n\n오른쪽 단의 첫 문단이다.\n\n"
            "오른쪽 단의 둘째 문단은\n두 줄이다. ");
}

TEST_F(PdfTest, KostecLikeIssueParsesExactly) {
  const absl::StatusOr<ParsedIssue> issue = ParseIssueFile(testing::KostecLikePdf(), "brief.bin");
  ASSERT_TRUE(issue.ok()) << issue.status();
  EXPECT_EQ(issue->format, "pdf");
  EXPECT_EQ(issue->publisher, Publisher::kKostec);
  EXPECT_EQ(issue->issue_number, "");
  EXPECT_EQ(issue->published, "2023-06-21");
  EXPECT_EQ(issue->title, "중국 과학기술 정책 주간동향");
  ASSERT_EQ(issue->articles.size(), 3u);
  const ParsedArticle& a = issue->articles[0];
  EXPECT_EQ(a.section, "정책동향");
  EXPECT_EQ(a.title, "베이징시, 인공지능 산업 육성 방안 발표");
  EXPECT_EQ(a.body,
            "■ 인공지능 핵심 산업 규모를 2025년까지 3천억 위안으로 확대(6.12)\n\n"
            "- 베이징시 경제정보화국은 인공지능 산업의 고품질 발전을 위한 실행 방안을 발표하고 "
            "주요 기업과 연구기관이 참여하는 혁신 연합체를 구성하여 기술 개발을 공동으로 "
            "추진하기로 하였다.\n\n"
            "중앙 정부와 지방 정부는 공동으로 새로운 펀드를 조성하고 민간 자본의 참여를 유도할 "
            "방침이며 지방 정부는 세부 계획을 마련할 예정이다.");
  EXPECT_EQ(a.page_start, 3);
  EXPECT_EQ(a.page_end, 3);
  const ParsedArticle& b = issue->articles[1];
  EXPECT_EQ(b.section, "정책동향");
  EXPECT_EQ(b.title, "상하이시, 양자 컴퓨팅 협력 센터 설립");
  EXPECT_EQ(b.page_start, 4);
  EXPECT_EQ(b.page_end, 4);
  const ParsedArticle& c = issue->articles[2];
  EXPECT_EQ(c.section, "단신동향");
  EXPECT_EQ(c.title, "선전시, 로봇 산업 클러스터 조성");
  EXPECT_EQ(c.body,
            "- 선전시는 로봇 산업 클러스터를 조성하기 위해 향후 3년간 100억 위안을 투입하고 "
            "핵심 부품 기업을 유치할 계획이며 서비스 로봇과 산업용 로봇의 시범 응용을 확대하여 "
            "산업 생태계를 완성할 예정이다.\n\n출처: 과학기술일보 (06.16)");
  EXPECT_THAT(c.links, ElementsAre("https://www.stdaily.com/index/kejixinwen/202306/a1.shtml"));
  EXPECT_EQ(c.page_start, 4);
  EXPECT_EQ(c.page_end, 5);
  for (const ParsedArticle& article : issue->articles) {
    EXPECT_THAT(article.body, ::testing::Not(HasSubstr("주간동향")));  // running header gone
  }
}

TEST_F(PdfTest, MetadataTitleIsKeptForTheIssueWhenTheTextHasNone) {
  const absl::StatusOr<ExtractedText> t = ExtractPdf(testing::KostecLikePdf(), ExtractLimits());
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->title, "주간동향 2023-06-21");
  EXPECT_EQ(t->page_starts.size(), 5u);
}

TEST_F(PdfTest, PageAndSizeLimits) {
  const std::string pdf = testing::KostecLikePdf();
  ExtractLimits limits;
  limits.max_pages = 3;
  absl::Status s = ExtractPdf(pdf, limits).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(s.message(), "PDF has 5 pages, over the limit of 3");
  limits = ExtractLimits();
  limits.max_output_bytes = 200;
  s = ExtractPdf(pdf, limits).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  ExpectOneLine(s);
  limits = ExtractLimits();
  limits.max_input_bytes = 100;
  EXPECT_EQ(ParseIssueFile(pdf, "x.pdf", limits).status().code(),
            absl::StatusCode::kResourceExhausted);
}

TEST(PdfHostileTest, ZeroBytesAndNoHeader) {
  EXPECT_EQ(ExtractPdf("", ExtractLimits()).status().message(), "not a PDF (no %PDF- header)");
  EXPECT_EQ(ParseIssueFile("", "empty.pdf").status().message(), "empty file");
}

TEST_F(PdfTest, Truncated) {
  const std::string pdf = testing::KostecLikePdf();
  for (size_t keep : {size_t{5}, size_t{9}, pdf.size() / 3, pdf.size() / 2, pdf.size() - 10}) {
    const absl::Status s = ExtractPdf(pdf.substr(0, keep), ExtractLimits()).status();
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << keep;
    EXPECT_EQ(s.message(), "truncated PDF (no %%EOF in its last 1 KiB)") << keep;
  }
  // Cut in the middle but with an end marker pasted on: poppler must not crash or hang.
  const absl::StatusOr<ExtractedText> patched =
      ExtractPdf(pdf.substr(0, pdf.size() / 2) + "\n%%EOF\n", ExtractLimits());
  if (!patched.ok()) ExpectOneLine(patched.status());
}

TEST(PdfHostileTest, EncryptedNeedsAPassword) {
  const std::string pdf = testing::HandMadePdf(
      {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
       "<< /Filter /Standard /V 1 /R 2 /P -44 "
       "/O <0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF> "
       "/U <FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210> >>"},
      "/Encrypt 4 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]");
  const absl::Status s = ExtractPdf(pdf, ExtractLimits()).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "encrypted PDF (a password is needed to read it)");
}

TEST(PdfHostileTest, ClaimsHundredThousandPages) {
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Count 100000 /Kids [3 0 R] >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"};
  // With as many objects claimed as pages, the count stands and the limit refuses it.
  const absl::Status claimed =
      ExtractPdf(testing::HandMadePdf(objects, "", 200000), ExtractLimits()).status();
  EXPECT_EQ(claimed.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(claimed.message(), "PDF has 100000 pages, over the limit of 2000");
  // Fewer objects than pages: poppler itself distrusts the count.
  const absl::Status plain =
      ExtractPdf(testing::HandMadePdf(objects, ""), ExtractLimits()).status();
  EXPECT_EQ(plain.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(plain.message(), "PDF has no pages");
}

TEST(PdfHostileTest, PageWithoutText) {
  const std::string pdf = testing::HandMadePdf(
      {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"},
      "");
  const absl::Status s = ExtractPdf(pdf, ExtractLimits()).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "PDF has no extractable text (scanned pages?)");
}

TEST(PdfHostileTest, GarbageAfterTheHeader) {
  std::string junk = "%PDF-1.7\n";
  uint32_t x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 1103515245 + 12345;
    junk.push_back(static_cast<char>(x >> 24));
  }
  junk += "\n%%EOF\n";
  const absl::Status s = ExtractPdf(junk, ExtractLimits()).status();
  ExpectOneLine(s);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
}

}  // namespace
}  // namespace briefsearch::parse
