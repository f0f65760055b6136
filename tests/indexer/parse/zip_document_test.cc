// ExtractZipDocument on DOCX and HWPX files built in the test (office_samples): text, headings,
// tables, text boxes, page starts and titles; the KIEP press release end to end; zip bombs, lying
// sizes, too many entries, deep XML and damaged archives, which must fail with a one-line reason.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "indexer/parse/office_formats.h"
#include "indexer/parse/parser.h"
#include "tests/indexer/parse/office_samples.h"

namespace briefsearch::parse {
namespace {

using testing::DocxDocument;
using testing::DocxParagraph;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::HwpxParagraph;
using testing::HwpxSection;
using testing::MakeZip;
using ::testing::Not;
using testing::ZipEntry;

size_t OffsetOf(const std::string& text, std::string_view needle) {
  const size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return at;
}

std::vector<std::string> Titles(const ParsedIssue& issue) {
  std::vector<std::string> out;
  for (const ParsedArticle& a : issue.articles) out.push_back(a.title);
  return out;
}

std::string BareDocx(std::string_view body_xml) {
  return MakeZip(
      {{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", DocxDocument(body_xml)}});
}

TEST(DocxTest, ExtractsHeadingsTablesTextBoxesAndPages) {
  const absl::StatusOr<ExtractedText> out = ExtractZipDocument(testing::FeatureDocx(), {});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->format, "docx");
  EXPECT_EQ(out->title, "주간 동향 테스트");
  // Title style "# ", Heading 1 (localised id "1") "## ", Heading 2 "### "; deleted text and the
  // text box's VML fallback copy are gone; each table cell is its own paragraph.
  EXPECT_EQ(out->text,
            "# 주간 동향 모음\n\n## 첫째 주제\n\n탭\t다음\n둘째 줄\n\n남은 글\n\n### 세부\n\n"
            "가\n\n나\n\n다\n\n라\n\n본문\n\n상자 글\n\n쪽 끝\n\n## 둘째 주제\n\n둘째 본문 & 끝.");
  // The hard break after "쪽 끝" and Word's rendered break before the heading are one page start.
  EXPECT_THAT(out->page_starts, ElementsAre(0, OffsetOf(out->text, "## 둘째 주제")));
  const ParsedIssue issue = ParseIssueText(out->text, "weekly.docx");
  EXPECT_EQ(issue.title, "주간 동향 모음");
  EXPECT_THAT(Titles(issue), ElementsAre("첫째 주제", "둘째 주제"));
}

TEST(DocxTest, HeadingOneIsTopLevelWithoutTitleStyle) {
  const absl::StatusOr<ExtractedText> out = ExtractZipDocument(
      BareDocx(DocxParagraph("개요", "Heading1") + DocxParagraph("본문") +
               DocxParagraph("세부", "Heading2") +
               "<w:p><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:r><w:t>직접 개요</w:t></w:r>"
               "</w:p>"),
      {});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->text, "# 개요\n\n본문\n\n## 세부\n\n# 직접 개요");
  EXPECT_EQ(out->title, "");
  EXPECT_TRUE(out->page_starts.empty());
}

TEST(DocxTest, KiepPressReleaseEndToEnd) {
  for (const bool table : {false, true}) {
    SCOPED_TRACE(table ? "header in a table" : "header as paragraphs");
    const absl::StatusOr<ExtractedText> out = ExtractZipDocument(testing::KiepDocx(table), {});
    ASSERT_TRUE(out.ok()) << out.status();
    const ParsedIssue issue = ParseIssueText(out->text, "kiep_press.docx");
    EXPECT_EQ(issue.publisher, Publisher::kKiep);
    EXPECT_EQ(issue.published, "2021-05-04");
    EXPECT_EQ(issue.title, "한·중 디지털 무역 협력의 새로운 과제");
    ASSERT_EQ(issue.articles.size(), 1u);
    EXPECT_THAT(issue.articles[0].body, HasSubstr("공동 물류 거점을 마련해야 한다고 제안했다."));
    EXPECT_THAT(issue.articles[0].body, Not(HasSubstr("☎")));
  }
  const absl::StatusOr<ParsedIssue> parsed = ParseIssueFile(testing::KiepDocx(true), "press.bin");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->format, "docx");
  EXPECT_EQ(parsed->publisher, Publisher::kKiep);
  EXPECT_EQ(parsed->published, "2021-05-04");
}

TEST(HwpxTest, ExtractsSectionsTablesBreaksAndPages) {
  const absl::StatusOr<ExtractedText> out = ExtractZipDocument(testing::FeatureHwpx(), {});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->format, "hwpx");
  EXPECT_EQ(out->title, "주간 동향 HWPX");
  // The running header is left out; the table's cells follow their anchor paragraph.
  EXPECT_EQ(
      out->text,
      "첫 문단\t탭 뒤\n둘째 줄\n\n표 앞 글\n\n칸 하나\n\n칸 둘\n\n새 쪽 문단\n\n둘째 구역 문단");
  EXPECT_THAT(out->page_starts, ElementsAre(0, OffsetOf(out->text, "새 쪽 문단"),
                                            OffsetOf(out->text, "둘째 구역 문단")));
}

TEST(HwpxTest, KiepPressReleaseEndToEnd) {
  const absl::StatusOr<ExtractedText> out = ExtractZipDocument(testing::KiepHwpx(), {});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->title, "한·중 디지털 무역 협력의 새로운 과제");
  const ParsedIssue issue = ParseIssueText(out->text, "kiep_press.hwpx");
  EXPECT_EQ(issue.publisher, Publisher::kKiep);
  EXPECT_EQ(issue.published, "2021-05-04");
  EXPECT_EQ(issue.title, "한·중 디지털 무역 협력의 새로운 과제");
  const absl::StatusOr<ParsedIssue> parsed = ParseIssueFile(testing::KiepHwpx(), "press.bin");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->format, "hwpx");
  EXPECT_EQ(parsed->publisher, Publisher::kKiep);
}

TEST(HwpxTest, FollowsTheSpineOrder) {
  const std::string hpf =
      "<opf:package xmlns:opf=\"http://www.idpf.org/2007/opf/\"><opf:manifest>"
      "<opf:item id=\"a\" href=\"Contents/section0.xml\"/><opf:item id=\"b\" "
      "href=\"section1.xml\"/></opf:manifest><opf:spine><opf:itemref idref=\"b\"/>"
      "<opf:itemref idref=\"a\"/></opf:spine></opf:package>";
  const absl::StatusOr<ExtractedText> out =
      ExtractZipDocument(MakeZip({{"mimetype", "application/hwp+zip", true},
                                  {"Contents/section0.xml", HwpxSection(HwpxParagraph("나중"))},
                                  {"Contents/section1.xml", HwpxSection(HwpxParagraph("먼저"))},
                                  {"Contents/content.hpf", hpf}}),
                         {});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->text, "먼저\n\n나중");
}

TEST(HwpxTest, WithoutPackageFileSectionsGoInNumberOrder) {
  const absl::StatusOr<ExtractedText> out =
      ExtractZipDocument(MakeZip({{"Contents/section10.xml", HwpxSection(HwpxParagraph("열"))},
                                  {"Contents/section2.xml", HwpxSection(HwpxParagraph("둘"))},
                                  {"Contents/section0.xml", HwpxSection(HwpxParagraph("영"))}}),
                         {});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->format, "hwpx");
  EXPECT_EQ(out->text, "영\n\n둘\n\n열");
}

TEST(ZipDocumentTest, OtherArchivesAreRefused) {
  const absl::StatusOr<ExtractedText> plain =
      ExtractZipDocument(MakeZip({{"hello.txt", "안녕"}}), {});
  EXPECT_EQ(plain.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(plain.status().message(), HasSubstr("neither a DOCX nor an HWPX"));
  const absl::StatusOr<ExtractedText> odt = ExtractZipDocument(
      MakeZip({{"mimetype", "application/vnd.oasis.opendocument.text\n", true}}), {});
  EXPECT_EQ(odt.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_THAT(odt.status().message(), HasSubstr("application/vnd.oasis.opendocument.text"));
}

TEST(ZipDocumentTest, TruncatedAndEmptyArchivesFailCleanly) {
  EXPECT_EQ(ExtractZipDocument("", {}).status().code(), absl::StatusCode::kInvalidArgument);
  const std::string file = testing::FeatureDocx();
  for (const size_t keep : {size_t{4}, size_t{30}, file.size() / 2, file.size() - 10}) {
    const absl::StatusOr<ExtractedText> out = ExtractZipDocument(file.substr(0, keep), {});
    EXPECT_FALSE(out.ok()) << keep;
    EXPECT_THAT(std::string(out.status().message()), Not(HasSubstr("\n")));
  }
}

TEST(ZipDocumentTest, ZipBombsAreStoppedBeforeInflating) {
  // 16 MiB of zeros deflate to some 16 KiB: over 1000:1.
  const std::string bomb = MakeZip(
      {{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", std::string(16u << 20, '\0')}});
  ASSERT_LT(bomb.size(), 100u << 10);
  const absl::StatusOr<ExtractedText> ratio = ExtractZipDocument(bomb, {});
  EXPECT_EQ(ratio.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(ratio.status().message(), HasSubstr("implausible compression ratio"));
  const absl::StatusOr<ExtractedText> declared =
      ExtractZipDocument(bomb, {.max_inflated_bytes = 1u << 20});
  EXPECT_EQ(declared.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(declared.status().message(), HasSubstr("declares 16777216 bytes"));
}

// Overwrites the uncompressed size of every entry in local and central headers.
void LieAboutSizes(std::string* zip, uint32_t size) {
  const auto patch = [&](std::string_view signature, size_t offset) {
    for (size_t at = zip->find(signature); at != std::string::npos;
         at = zip->find(signature, at + 4)) {
      for (int i = 0; i < 4; ++i) (*zip)[at + offset + i] = static_cast<char>(size >> (8 * i));
    }
  };
  patch(std::string_view("PK\x03\x04", 4), 22);
  patch(std::string_view("PK\x01\x02", 4), 24);
}

TEST(ZipDocumentTest, LyingDeclaredSizesDoNotGetPastTheBudget) {
  std::string zip = MakeZip(
      {{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", std::string(3u << 20, ' ')}});
  LieAboutSizes(&zip, 100);
  const absl::StatusOr<ExtractedText> out =
      ExtractZipDocument(zip, {.max_inflated_bytes = 1u << 20});
  EXPECT_FALSE(out.ok());
  EXPECT_THAT(std::string(out.status().message()), Not(HasSubstr("\n")));
}

TEST(ZipDocumentTest, TooManyEntriesAreRefusedBeforeOpening) {
  std::vector<ZipEntry> entries;
  for (int i = 0; i < 1200; ++i) entries.push_back({"f" + std::to_string(i), "", true});
  const absl::StatusOr<ExtractedText> out =
      ExtractZipDocument(MakeZip(entries), {.max_entries = 1000});
  EXPECT_EQ(out.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(out.status().message(), HasSubstr("1200 entries"));
  // A bare end-of-central-directory record that claims 65535 entries.
  std::string eocd("PK\x05\x06\0\0\0\0\xFF\xFF\xFF\xFF", 12);
  eocd += std::string(10, '\0');
  EXPECT_EQ(ExtractZipDocument(eocd, {}).status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(ZipDocumentTest, DeepAndMalformedXmlIsRefused) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<w:sdt>";
  for (int i = 0; i < 5000; ++i) deep += "</w:sdt>";
  const absl::StatusOr<ExtractedText> too_deep = ExtractZipDocument(BareDocx(deep), {});
  EXPECT_EQ(too_deep.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(too_deep.status().message(), HasSubstr("nested deeper than 256"));
  const absl::StatusOr<ExtractedText> malformed =
      ExtractZipDocument(BareDocx("<w:p><w:r><w:t>열린 채"), {});
  EXPECT_EQ(malformed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(malformed.status().message(), HasSubstr("malformed XML in word/document.xml"));
  EXPECT_EQ(ExtractZipDocument(BareDocx("<w:p/>"), {}).status().message(),
            "DOCX document has no text");
}

TEST(ZipDocumentTest, OutputAndPageLimits) {
  EXPECT_EQ(ExtractZipDocument(testing::FeatureDocx(), {.max_output_bytes = 50}).status().code(),
            absl::StatusCode::kResourceExhausted);
  const absl::StatusOr<ExtractedText> pages =
      ExtractZipDocument(testing::FeatureHwpx(), {.max_pages = 2});
  EXPECT_EQ(pages.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(pages.status().message(), HasSubstr("more than 2 pages"));
}

TEST(ZipDocumentTest, EncryptedEntriesAreNamed) {
  const std::string zip = MakeZip({{"[Content_Types].xml", "<Types/>"},
                                   {"word/document.xml", DocxDocument(""), false, "암호"}});
  const absl::StatusOr<ExtractedText> out = ExtractZipDocument(zip, {});
  EXPECT_FALSE(out.ok());
  EXPECT_THAT(out.status().message(), HasSubstr("word/document.xml"));
}

TEST(ZipDocumentTest, SurvivesRandomDamage) {
  for (const std::string& file : {testing::FeatureDocx(), testing::FeatureHwpx()}) {
    std::mt19937 rng(7);
    for (int round = 0; round < 300; ++round) {
      std::string damaged = file;
      for (int k = 0; k < 1 + round % 8; ++k) {
        damaged[rng() % damaged.size()] = static_cast<char>(rng());
      }
      const absl::StatusOr<ExtractedText> out = ExtractZipDocument(damaged, {});
      if (!out.ok()) {
        EXPECT_EQ(std::string(out.status().message()).find('\n'), std::string::npos);
      }
    }
  }
}

}  // namespace
}  // namespace briefsearch::parse
