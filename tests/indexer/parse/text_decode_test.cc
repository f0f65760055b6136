// Byte-level checks of ParseIssueFile: what is rejected, with which one-line reason.
#include "indexer/parse/text_decode.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/status/status.h"
#include "indexer/parse/parser.h"

namespace briefsearch::parse {
namespace {

using ::testing::HasSubstr;

absl::Status Parse(std::string_view bytes, std::string_view name = "x.txt") {
  return ParseIssueFile(bytes, name).status();
}

void ExpectOneLine(const absl::Status& s) {
  EXPECT_EQ(std::string(s.message()).find('\n'), std::string::npos) << s;
  EXPECT_FALSE(s.message().empty());
}

TEST(DecodeTest, RejectsEmptyFile) {
  const absl::Status s = Parse("");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "empty file");
}

TEST(DecodeTest, RejectsBlankFile) {
  const absl::Status s = Parse(" \n\t\n\u3000\n");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  ExpectOneLine(s);
  EXPECT_EQ(Parse("\xEF\xBB\xBF").code(), absl::StatusCode::kInvalidArgument);
}

TEST(DecodeTest, RejectsNulBytes) {
  const absl::Status s = Parse(std::string("abc\0def", 7));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "binary file (NUL byte at offset 3)");
}

TEST(DecodeTest, RejectsManyControlBytes) {
  std::string bytes;
  for (int i = 0; i < 200; ++i) bytes += "\x01\x02 text ";
  const absl::Status s = Parse(bytes);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("binary file"));
}

TEST(DecodeTest, ReportsFirstInvalidUtf8Byte) {
  // "중국 과학 " is 13 bytes... take 12 ASCII bytes, then an EUC-KR lead byte.
  const absl::Status s = Parse("hello world!\xB0\xA1 more");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "not UTF-8 text: invalid byte 0xB0 at offset 12");
  // The offset counts from the start of the file, BOM included.
  EXPECT_EQ(Parse("\xEF\xBB\xBF"
                  "ab\xC0\xAF")
                .message(),
            "not UTF-8 text: invalid byte 0xC0 at offset 5");
  // Surrogates encoded in UTF-8 are invalid too.
  EXPECT_EQ(Parse("x\xED\xA0\x80").message(), "not UTF-8 text: invalid byte 0xED at offset 1");
}

TEST(DecodeTest, RejectsUtf16) {
  const absl::Status s = Parse(std::string("\xFF\xFEH\0i\0", 6));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("UTF-16"));
}

TEST(DecodeTest, RecognisesContainerFormats) {
  const absl::Status pdf = Parse("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", "brief.pdf");
  EXPECT_EQ(pdf.code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(pdf.message(), "PDF is not supported yet");

  const std::string zip_head("PK\x03\x04\x14\x00\x00\x00", 8);
  EXPECT_EQ(Parse(zip_head + "mimetypeapplication/hwp+zip").message(), "HWPX is not supported yet");
  EXPECT_EQ(Parse(zip_head + "[Content_Types].xml word/document.xml").message(),
            "DOCX is not supported yet");
  EXPECT_EQ(Parse(zip_head + "other").code(), absl::StatusCode::kUnimplemented);

  const std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10);
  EXPECT_EQ(Parse(ole + "HWP Document File").message(), "HWP is not supported yet");
  EXPECT_EQ(Parse(ole + std::string("W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 24)).message(),
            "DOC (Word 97-2003) is not supported yet");
  EXPECT_EQ(Parse(ole).code(), absl::StatusCode::kUnimplemented);
}

TEST(DecodeTest, StripsBomAndNormalisesLineEnds) {
  const absl::StatusOr<std::string> text = internal::DecodeIssueBytes(
      "\xEF\xBB\xBF"
      "첫 줄\r\n둘째 줄\r셋째\f넷째\x07");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "첫 줄\n둘째 줄\n셋째\n넷째 ");
}

TEST(DecodeTest, ParsesTextWithBom) {
  const absl::StatusOr<ParsedIssue> issue =
      ParseIssueFile("\xEF\xBB\xBF메모 제목\n\n본문", "m.txt");
  ASSERT_TRUE(issue.ok()) << issue.status();
  EXPECT_EQ(issue->title, "메모 제목");
  EXPECT_EQ(issue->format, "txt");
}

TEST(DecodeTest, FirstInvalidOffset) {
  EXPECT_EQ(internal::FirstInvalidUtf8Offset("abc"), std::string_view::npos);
  EXPECT_EQ(internal::FirstInvalidUtf8Offset("한\xE2\x82"), 3u);
  EXPECT_EQ(internal::FirstInvalidUtf8Offset("\xC0\x80"), 0u);  // overlong NUL
}

}  // namespace
}  // namespace briefsearch::parse
