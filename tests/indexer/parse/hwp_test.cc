// ExtractHwp on HWP 5 files built in the test (office_samples): text with control characters,
// tables and headers in record order, page starts, the summary title, the KIEP press release end
// to end, and hostile files that must fail with a one-line reason.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "indexer/parse/hwp_records.h"
#include "indexer/parse/office_formats.h"
#include "indexer/parse/parser.h"
#include "tests/indexer/parse/office_samples.h"

namespace briefsearch::parse {
namespace {

using testing::CtrlId;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::HwpFile;
using testing::HwpSection;
using testing::MakeHwp;
using ::testing::Not;
using testing::WideControl;

size_t OffsetOf(const std::string& text, std::string_view needle) {
  const size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return at;
}

std::string OneParagraphHwp(std::u16string_view text, uint32_t flags = 1) {
  HwpSection s;
  s.Paragraph(text);
  return MakeHwp({.flags = flags, .sections = {s.bytes()}});
}

TEST(HwpTest, ExtractsParagraphsControlsTablesAndPages) {
  const absl::StatusOr<ExtractedText> out = ExtractHwp(testing::FeatureHwp(), {});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->format, "hwp");
  EXPECT_EQ(out->title, "주간 동향 HWP");
  // Extended controls (section definition, header) take eight units and leave no trace, the tab
  // control becomes a tab; the header's own paragraph is skipped; the table's cells follow the
  // paragraph that anchors the table.
  EXPECT_EQ(out->text,
            "머리글 \t탭 뒤\n둘째 줄\n\n표 앞\n\n칸 하나\n\n칸 둘\n\n\U00020BB7은 보조 평면 글자"
            "\n\n새 쪽 문단\n\n가 나-다\n\n둘째 구역");
  EXPECT_THAT(out->page_starts,
              ElementsAre(0, OffsetOf(out->text, "새 쪽 문단"), OffsetOf(out->text, "둘째 구역")));
}

TEST(HwpTest, ReadsUncompressedBodies) {
  const absl::StatusOr<ExtractedText> out = ExtractHwp(OneParagraphHwp(u"압축 없는 본문", 0), {});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->text, "압축 없는 본문");
  EXPECT_TRUE(out->page_starts.empty());
  EXPECT_EQ(out->title, "");
}

TEST(HwpTest, KiepPressReleaseEndToEnd) {
  const absl::StatusOr<ExtractedText> out = ExtractHwp(testing::KiepHwp(), {});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->title, "한·중 디지털 무역 협력의 새로운 과제");
  const ParsedIssue issue = ParseIssueText(out->text, "kiep_press.hwp");
  EXPECT_EQ(issue.publisher, Publisher::kKiep);
  EXPECT_EQ(issue.published, "2021-05-04");
  EXPECT_EQ(issue.title, "한·중 디지털 무역 협력의 새로운 과제");
  ASSERT_EQ(issue.articles.size(), 1u);
  EXPECT_EQ(issue.articles[0].title, "한·중 디지털 무역 협력의 새로운 과제");
  EXPECT_THAT(issue.articles[0].body, HasSubstr("세종에서 한·중 디지털 무역 협력을 주제로"));
  EXPECT_THAT(issue.articles[0].body, Not(HasSubstr("배포일시")));
  // The same through the dispatcher, which recognises the OLE file by its magic bytes.
  const absl::StatusOr<ParsedIssue> parsed = ParseIssueFile(testing::KiepHwp(), "press.bin");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->format, "hwp");
  EXPECT_EQ(parsed->publisher, Publisher::kKiep);
  EXPECT_EQ(parsed->title, "한·중 디지털 무역 협력의 새로운 과제");
}

TEST(HwpTest, RefusesEncryptedAndDistributionDocuments) {
  const absl::StatusOr<ExtractedText> encrypted = ExtractHwp(OneParagraphHwp(u"비밀", 0x3), {});
  EXPECT_EQ(encrypted.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(encrypted.status().message(), HasSubstr("encrypted HWP"));
  const absl::StatusOr<ExtractedText> distribution =
      ExtractHwp(OneParagraphHwp(u"배포용", 0x5), {});
  EXPECT_EQ(distribution.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(distribution.status().message(),
            "distribution-protected HWP (ViewText) is not supported");
}

TEST(HwpTest, RefusesOtherVersionsAndNonHwpFiles) {
  HwpSection s;
  s.Paragraph(u"옛 문서");
  const absl::StatusOr<ExtractedText> v3 =
      ExtractHwp(MakeHwp({.version = 0x03000000, .sections = {s.bytes()}}), {});
  EXPECT_EQ(v3.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_THAT(ExtractHwp("plain text, not OLE", {}).status().message(),
              HasSubstr("not an OLE compound file"));
  EXPECT_FALSE(ExtractHwp("", {}).ok());
}

TEST(HwpTest, MissingStreamsAreClearErrors) {
  HwpSection s;
  s.Paragraph(u"본문");
  const absl::StatusOr<ExtractedText> no_header =
      ExtractHwp(MakeHwp({.file_header = false, .sections = {s.bytes()}}), {});
  EXPECT_THAT(no_header.status().message(), HasSubstr("no FileHeader stream"));
  const absl::StatusOr<ExtractedText> no_body =
      ExtractHwp(MakeHwp({.body_text = false, .sections = {s.bytes()}}), {});
  EXPECT_THAT(no_body.status().message(), HasSubstr("no BodyText"));
  const absl::StatusOr<ExtractedText> no_section = ExtractHwp(MakeHwp({.sections = {}}), {});
  EXPECT_FALSE(no_section.ok());
  HwpSection empty;
  empty.Paragraph(WideControl(11, CtrlId('g', 's', 'o', ' ')));  // a picture and nothing else
  const absl::StatusOr<ExtractedText> no_text =
      ExtractHwp(MakeHwp({.sections = {empty.bytes()}}), {});
  EXPECT_EQ(no_text.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(no_text.status().message(), "HWP document has no text");
}

TEST(HwpTest, RecordClaimingHugeSizeIsRejected) {
  HwpSection s;
  s.Paragraph(u"앞 문단");
  std::string stream = s.bytes();
  // PARA_TEXT with the extended size form claiming 2 GiB.
  const uint32_t header = 67u | (0xFFFu << 20);
  for (int i = 0; i < 4; ++i) stream.push_back(static_cast<char>((header >> (8 * i)) & 0xFF));
  stream += std::string("\x00\x00\x00\x80", 4);
  stream += "xx";
  const absl::StatusOr<ExtractedText> out = ExtractHwp(MakeHwp({.sections = {stream}}), {});
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(out.status().message(), HasSubstr("claims 2147483648 bytes"));
  EXPECT_THAT(out.status().message(), HasSubstr("BodyText/Section0"));
}

TEST(HwpTest, InvalidUtf16IsRepairedOrRefused) {
  // One lone surrogate among ordinary text becomes U+FFFD.
  const absl::StatusOr<ExtractedText> repaired =
      ExtractHwp(OneParagraphHwp(u"고장\xD800난 글자와 나머지 멀쩡한 글자들"), {});
  ASSERT_TRUE(repaired.ok()) << repaired.status();
  EXPECT_EQ(repaired->text, "고장\uFFFD난 글자와 나머지 멀쩡한 글자들");
  // Text made of lone surrogates is not UTF-16.
  const absl::StatusOr<ExtractedText> garbage =
      ExtractHwp(OneParagraphHwp(std::u16string(40, u'\xDC00') + u"가"), {});
  EXPECT_EQ(garbage.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(garbage.status().message(), HasSubstr("not valid UTF-16"));
}

TEST(HwpTest, InflatedSizeIsBounded) {
  HwpSection s;
  s.Paragraph(std::u16string(1 << 20, u'가'));  // 2 MiB of text, deflated to a few KiB
  const std::string file = MakeHwp({.sections = {s.bytes()}});
  const absl::StatusOr<ExtractedText> out = ExtractHwp(file, {.max_inflated_bytes = 1 << 20});
  EXPECT_EQ(out.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(out.status().message(), HasSubstr("inflates past the limit"));
  const absl::StatusOr<ExtractedText> small_output = ExtractHwp(file, {.max_output_bytes = 1000});
  EXPECT_EQ(small_output.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(ExtractHwp(file, {}).ok());
}

TEST(HwpTest, InputSizeIsBounded) {
  const absl::StatusOr<ExtractedText> out =
      ExtractHwp(testing::FeatureHwp(), {.max_input_bytes = 100});
  EXPECT_EQ(out.status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(HwpTest, TruncatedAndCorruptFilesFailCleanly) {
  const std::string file = testing::FeatureHwp();
  for (const size_t keep : {size_t{8}, size_t{512}, file.size() / 2, file.size() - 100}) {
    const absl::StatusOr<ExtractedText> out = ExtractHwp(file.substr(0, keep), {});
    if (!out.ok()) {
      EXPECT_THAT(std::string(out.status().message()), Not(HasSubstr("\n")));
    }
  }
  // A section flagged compressed that is no deflate stream.
  const absl::StatusOr<ExtractedText> not_deflate =
      ExtractHwp(MakeHwp({.sections = {std::string(64, '\xFF')}, .raw_sections = true}), {});
  EXPECT_THAT(not_deflate.status().message(), HasSubstr("not valid deflate data"));
}

// Random byte damage anywhere in the file: any result but a crash or a multi-line message.
TEST(HwpTest, SurvivesRandomDamage) {
  const std::string file = testing::FeatureHwp();
  std::mt19937 rng(4);
  for (int round = 0; round < 300; ++round) {
    std::string damaged = file;
    for (int k = 0; k < 1 + round % 8; ++k) {
      damaged[rng() % damaged.size()] = static_cast<char>(rng());
    }
    const absl::StatusOr<ExtractedText> out = ExtractHwp(damaged, {});
    if (!out.ok()) {
      EXPECT_EQ(std::string(out.status().message()).find('\n'), std::string::npos);
    }
  }
}

TEST(HwpRecordsTest, DecodesControlWidths) {
  internal::hwp::Utf16Stats stats;
  const std::string data =
      testing::Utf16Le(u"가" + WideControl(11, CtrlId('t', 'b', 'l', ' ')) + u"나" +
                       WideControl(9) + u"다\n라" + std::u16string(1, u'\x18') + u"마\r");
  EXPECT_EQ(internal::hwp::DecodeParaText(data, &stats), "가나\t다\n라-마");
  EXPECT_EQ(stats.invalid, 0u);
  // A control cut off at the end of the record ends the text; no read past the end.
  const std::string cut = testing::Utf16Le(u"가" + WideControl(3).substr(0, 4));
  EXPECT_EQ(internal::hwp::DecodeParaText(cut, &stats), "가");
}

}  // namespace
}  // namespace briefsearch::parse
