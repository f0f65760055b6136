// Builds HWP 5, HWPX and DOCX files from our own text for the extractor tests and the fuzz
// corpus: zips with libzip, OLE compound files with libgsf's writer, records and raw deflate by
// hand. Nothing here is a third-party document.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace briefsearch::parse::testing {

// ---- zip ----
struct ZipEntry {
  std::string name;
  std::string data;
  bool store = false;    // stored instead of deflated (OCF wants "mimetype" stored)
  std::string password;  // AES-256 encrypted when not empty
};
std::string MakeZip(const std::vector<ZipEntry>& entries);

// ---- HWP 5 ----
std::string Utf16Le(std::u16string_view text);
// An eight-unit control: the code, the control id (two units), four zero units, the code again.
std::u16string WideControl(char16_t code, uint32_t ctrl_id = 0);
constexpr uint32_t CtrlId(char a, char b, char c, char d) {
  return (static_cast<uint32_t>(a) << 24) | (static_cast<uint32_t>(b) << 16) |
         (static_cast<uint32_t>(c) << 8) | static_cast<uint32_t>(d);
}
std::string RawDeflate(std::string_view data);

// The records of one BodyText/Section stream.
class HwpSection {
 public:
  void Record(uint16_t tag, uint16_t level, std::string_view data);
  // PARA_HEADER, PARA_TEXT (text + paragraph end), PARA_CHAR_SHAPE and a one-line PARA_LINE_SEG.
  void Paragraph(std::u16string_view text, uint16_t level = 0, bool first_on_page = false);
  void CtrlHeader(uint32_t ctrl_id, uint16_t level);
  void ListHeader(uint16_t level);
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

struct HwpFile {
  uint32_t flags = 1;  // FileHeader properties: bit 0 compressed
  uint32_t version = 0x05000300;
  bool file_header = true;
  bool body_text = true;
  std::vector<std::string> sections;  // uncompressed record streams
  std::u16string title;               // written to \005HwpSummaryInformation when not empty
  bool raw_sections = false;          // write sections as given even when flagged compressed
};
std::string MakeHwp(const HwpFile& file);

// ---- sample documents ----
// A KIEP press release (보도자료 of 2021-05-04): labelled header lines, headline, sub-head, body.
struct PressRelease {
  std::string kind;  // "보도자료"
  std::vector<std::pair<std::string, std::string>>
      header;  // {"배포일시", "2021년 5월 4일(화) ..."}
  std::string headline;
  std::vector<std::string> body;  // sub-head, paragraphs, "/끝/"
};
const PressRelease& KiepRelease();

// header_in_table puts the labelled header lines in a two-column table, as press offices do.
std::string KiepDocx(bool header_in_table);
std::string KiepHwp();
std::string KiepHwpx();

// Small documents exercising each format's features (headings, tables, breaks, controls); the
// tests state the text they must give.
std::string FeatureDocx();
std::string FeatureHwpx();
std::string FeatureHwp(bool compressed = true);
// The main XML parts of FeatureDocx and FeatureHwpx alone (fuzz seeds for the XML walkers).
std::string FeatureDocxDocument();
std::string FeatureHwpxSection0();

// HWPX/DOCX parts as the samples write them, for tests that assemble their own archives.
std::string HwpxSection(std::string_view paragraphs_xml);
std::string HwpxParagraph(std::string_view text);
std::string DocxDocument(std::string_view body_xml);
std::string DocxParagraph(std::string_view text, std::string_view style = "");

}  // namespace briefsearch::parse::testing
