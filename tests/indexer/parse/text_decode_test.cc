// Byte-level checks of plain text: encodings detected (UTF-8, UTF-16, CP949), what is rejected,
// with which one-line reason.
#include "indexer/parse/text_decode.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <string>

#include "absl/status/status.h"
#include "indexer/parse/parser.h"
#include "tests/indexer/parse/sample_docs.h"

namespace briefsearch::parse {
namespace {

using ::testing::HasSubstr;

absl::Status Parse(std::string_view bytes, std::string_view name = "x.txt") {
  return ParseIssueFile(bytes, name).status();
}

using testing::Encode;  // tests/indexer/parse/sample_docs.h

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
  // One EUC-KR syllable among ASCII is too little to call the file Korean.
  const absl::Status s = Parse("hello world!\xB0\xA1 more");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "not UTF-8 text: invalid byte 0xB0 at offset 12, nor Korean CP949/EUC-KR text");
  // The offset counts from the start of the file, BOM included; a BOM promises UTF-8.
  EXPECT_EQ(Parse("\xEF\xBB\xBF"
                  "ab\xC0\xAF")
                .message(),
            "not UTF-8 text: invalid byte 0xC0 at offset 5 after a UTF-8 BOM");
  // Surrogates encoded in UTF-8 are invalid too.
  EXPECT_EQ(Parse("x\xED\xA0\x80").message(),
            "not UTF-8 text: invalid byte 0xED at offset 1, nor Korean CP949/EUC-KR text");
}

TEST(DecodeTest, Utf16WithBomBothByteOrders) {
  const absl::StatusOr<std::string> le = internal::DecodeToUtf8(testing::PlainIssueUtf16Le());
  ASSERT_TRUE(le.ok()) << le.status();
  EXPECT_EQ(*le, testing::PlainIssueUtf8());
  const absl::StatusOr<std::string> be =
      internal::DecodeToUtf8("\xFE\xFF" + Encode("가A😀", "UTF-16BE"));
  ASSERT_TRUE(be.ok()) << be.status();
  EXPECT_EQ(*be, "가A😀");
  const absl::StatusOr<ParsedIssue> issue = ParseIssueFile(testing::PlainIssueUtf16Le(), "m.txt");
  ASSERT_TRUE(issue.ok()) << issue.status();
  EXPECT_EQ(issue->title, "한중 협력 메모");
  ASSERT_EQ(issue->articles.size(), 2u);
  EXPECT_EQ(issue->articles[1].title, "계획");
}

TEST(DecodeTest, Utf16WithoutBomByItsNuls) {
  const std::string text = testing::PlainIssueUtf8();
  EXPECT_EQ(internal::DecodeToUtf8(Encode(text, "UTF-16LE")).value_or(""), text);
  EXPECT_EQ(internal::DecodeToUtf8(Encode(text, "UTF-16BE")).value_or(""), text);
  // Too few NULs to tell: binary.
  EXPECT_EQ(Parse(std::string("\x00\xAC\x01\xAC", 4)).message(),
            "binary file (NUL byte at offset 0)");
}

TEST(DecodeTest, InvalidUtf16) {
  EXPECT_EQ(Parse(std::string("\xFF\xFE\x00\xD8"
                              "A\0",
                              6))
                .message(),
            "invalid UTF-16: unpaired surrogate 0xD800 at offset 2");
  EXPECT_EQ(Parse(std::string("\xFF\xFE"
                              "A\0"
                              "\x3D\xD8",
                              6))
                .message(),
            "invalid UTF-16: unpaired surrogate 0xD83D at offset 4");
  EXPECT_EQ(Parse(std::string("\xFE\xFF\xDC\x00\x00"
                              "A",
                              6))
                .message(),
            "invalid UTF-16: unpaired surrogate 0xDC00 at offset 2");
  EXPECT_EQ(Parse(std::string("\xFF\xFE"
                              "A\0"
                              "B",
                              5))
                .message(),
            "invalid UTF-16: odd byte count (5)");
  EXPECT_EQ(Parse(std::string("\xFF\xFE"
                              "A\0\0\0",
                              6))
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(DecodeTest, Cp949KoreanIsDetected) {
  const absl::StatusOr<ParsedIssue> issue = ParseIssueFile(testing::PlainIssueCp949(), "m.txt");
  ASSERT_TRUE(issue.ok()) << issue.status();
  EXPECT_EQ(issue->format, "txt");
  EXPECT_EQ(issue->title, "한중 협력 메모");
  ASSERT_EQ(issue->articles.size(), 2u);
  EXPECT_EQ(issue->articles[0].title, "개요");
  EXPECT_EQ(issue->articles[0].body, "작성: 기획팀\n\n양국의 연구 협력 현황을 정리한다.");
  // Microsoft's extension syllables (똠) decode too, as long as KS X 1001 ones dominate.
  const std::string text = "똠방각하는 한국 소설의 제목이며 여러 사람이 읽었다.";
  EXPECT_EQ(internal::DecodeToUtf8(Encode(text, "windows-949-2000")).value_or(""), text);
}

TEST(DecodeTest, OtherLegacyTextIsNotGuessed) {
  // Latin-1: accented letters followed by ASCII are no CP949 pairs at all.
  EXPECT_EQ(Parse("caf\xE9 cr\xE8"
                  "me br\xFB"
                  "l\xE9"
                  "e")
                .message(),
            "not UTF-8 text: invalid byte 0xE9 at offset 3, nor Korean CP949/EUC-KR text");
  // Latin-1 that happens to pair up into rare extension syllables ("\xC3" "a" ...).
  EXPECT_THAT(Parse("\xC3"
                    "a \xC3"
                    "b \xC3"
                    "c \xC3"
                    "d \xC3"
                    "e")
                  .message(),
              HasSubstr("nor Korean CP949"));
  // Shift_JIS Japanese.
  EXPECT_THAT(Parse(Encode("日本語のテキストです。", "Shift_JIS")).message(),
              HasSubstr("nor Korean CP949"));
}

TEST(DecodeTest, PlainTextLimits) {
  ExtractLimits limits;
  limits.max_input_bytes = 4;
  EXPECT_EQ(ExtractPlainText("다섯 바이트", limits).status().message(),
            "text file has 16 bytes, over the limit of 4");
  limits = ExtractLimits();
  limits.max_output_bytes = 4;
  EXPECT_EQ(ExtractPlainText(testing::PlainIssueCp949(), limits).status().code(),
            absl::StatusCode::kResourceExhausted);
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
