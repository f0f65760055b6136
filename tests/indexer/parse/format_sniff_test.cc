// The dispatcher: formats are told by content, the name only breaks ties.
#include "indexer/parse/format_sniff.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "indexer/parse/parser.h"

namespace briefsearch::parse {
namespace {

using internal::ContentFormat;
using internal::SniffFormat;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TEST(SniffTest, MagicBytesWinOverNames) {
  EXPECT_EQ(SniffFormat("%PDF-1.7\n...", "issue.txt"), ContentFormat::kPdf);
  EXPECT_EQ(SniffFormat("\x01\x02junk%PDF-1.4\n", "x"), ContentFormat::kPdf);
  EXPECT_EQ(SniffFormat("a note\nabout %PDF-1.4 files", "x.pdf"), ContentFormat::kText);
  EXPECT_EQ(SniffFormat(std::string("PK\x03\x04rest", 8), "issue.pdf"), ContentFormat::kZip);
  EXPECT_EQ(SniffFormat("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", "a.txt"), ContentFormat::kOle);
  EXPECT_EQ(SniffFormat("\xEF\xBB\xBF  <!DOCTYPE HTML><html>", "a.txt"), ContentFormat::kHtml);
  EXPECT_EQ(SniffFormat("<html lang=ko>", "issue.md"), ContentFormat::kHtml);
  EXPECT_EQ(SniffFormat("<?xml version=\"1.0\"?>\n<html>", "x"), ContentFormat::kHtml);
  EXPECT_EQ(SniffFormat("plain text", "page.html"), ContentFormat::kText);
}

TEST(SniffTest, NameBreaksTiesForTagLedFiles) {
  EXPECT_EQ(SniffFormat("<p>조각 페이지</p>", "frag.html"), ContentFormat::kHtml);
  EXPECT_EQ(SniffFormat("<p>조각 페이지</p>", "frag.txt"), ContentFormat::kText);
  // A Korean title in angle brackets starts many text briefs.
  EXPECT_EQ(SniffFormat("<2021 보고서>\n본문", "b.htm"), ContentFormat::kText);
}

TEST(DispatchTest, ContainersGoToTheirExtractors) {
  // Broken containers: whatever their extractors answer, it is not the text decoder's verdict.
  const std::string zip("PK\x03\x04\x14\x00\x00\x00mimetypeapplication/hwp+zip", 35);
  const std::string ole =
      std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(64, '\0');
  for (const std::string& bytes : {zip, ole}) {
    const absl::Status s = ParseIssueFile(bytes, "x.txt").status();
    EXPECT_FALSE(s.ok());
    EXPECT_THAT(std::string(s.message()), Not(StartsWith("binary file")));
    EXPECT_THAT(std::string(s.message()), Not(StartsWith("not UTF-8")));
  }
  EXPECT_THAT(ParseIssueFile("%PDF-1.7\n1 0 obj", "x.txt").status().message(),
              HasSubstr("truncated PDF"));
}

TEST(DispatchTest, InputLimitComesFirst) {
  ExtractLimits limits;
  limits.max_input_bytes = 8;
  const absl::Status s = ParseIssueFile("아홉 바이트 넘음", "a.txt", limits).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(s.message(), "file has 23 bytes, over the limit of 8");
}

}  // namespace
}  // namespace briefsearch::parse
