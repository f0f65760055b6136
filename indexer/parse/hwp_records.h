// The record layer of HWP 5 body streams (BodyText/Section<N>, after inflating), from the public
// "한글 문서 파일 형식 5.0" specification: records, paragraph text with its control characters,
// and the walk that turns a section's records into paragraphs. Byte-level only: the OLE container
// and deflate are hwp.cc's. Internal to indexer/parse.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "indexer/parse/paragraph_writer.h"

namespace briefsearch::parse::internal::hwp {

constexpr uint16_t kTagBegin = 0x10;  // HWPTAG_BEGIN
constexpr uint16_t kTagParaHeader = kTagBegin + 50;
constexpr uint16_t kTagParaText = kTagBegin + 51;
constexpr uint16_t kTagParaLineSeg = kTagBegin + 53;
constexpr uint16_t kTagCtrlHeader = kTagBegin + 55;

// MAKE_4CHID of the specification: control ids read as big-endian four-character codes.
constexpr uint32_t MakeCtrlId(char a, char b, char c, char d) {
  return (static_cast<uint32_t>(a) << 24) | (static_cast<uint32_t>(b) << 16) |
         (static_cast<uint32_t>(c) << 8) | static_cast<uint32_t>(d);
}

struct Record {
  uint16_t tag = 0;    // 10 bits
  uint16_t level = 0;  // 10 bits: nesting depth of the record
  std::string_view data;
};

// Reads the records of one stream in order. A record header is a 32-bit word: tag id (bits
// 0-9), level (10-19), size (20-31); size 0xFFF means the size follows as a 32-bit word.
class RecordReader {
 public:
  RecordReader(std::string_view stream, std::string_view stream_name)
      : stream_(stream), name_(stream_name) {}

  // True and *record set, or false at the end of the stream. INVALID_ARGUMENT when a header is
  // cut off or a size runs past the end of the stream.
  absl::StatusOr<bool> Next(Record* record);

 private:
  std::string_view stream_;
  std::string_view name_;
  size_t pos_ = 0;
};

// Counts of decoded UTF-16 code units and of the unpaired surrogates among them.
struct Utf16Stats {
  size_t units = 0;
  size_t invalid = 0;
};

// PARA_TEXT (UTF-16LE) -> UTF-8. Control characters 0-31 are either one unit ("char" controls:
// 10 line break -> '\n', 13 paragraph end, 24 hyphen -> '-', 30/31 fixed spaces -> ' ', others
// dropped) or eight units (inline controls 4-9, 19, 20 and extended controls 1-3, 11, 12, 14-18,
// 21-23: the code, six units of parameters or an object pointer, and the code again; tab (9)
// -> '\t', the rest dropped, since tables and notes bring their text as records of their own).
// Unpaired surrogates become U+FFFD and are counted in *stats.
std::string DecodeParaText(std::string_view data, Utf16Stats* stats);

// Plain UTF-16LE up to the first NUL -> UTF-8, unpaired surrogates as U+FFFD.
std::string DecodeUtf16(std::string_view data);

// True when a PARA_LINE_SEG record marks one of its lines as the first line of a page.
bool LineSegStartsPage(std::string_view data);

// Turns the records of a document's sections into paragraphs: each PARA_HEADER starts one, its
// PARA_TEXT gives the text; paragraphs nested in tables, text boxes and notes follow the one that
// anchors them. Running headers, footers and hidden comments are skipped with everything nested
// under them.
class SectionWalker {
 public:
  explicit SectionWalker(ParagraphWriter* out) : out_(out) {}

  // One section's inflated stream. Errors: INVALID_ARGUMENT (broken records),
  // RESOURCE_EXHAUSTED (more records than any real document has).
  absl::Status Walk(std::string_view stream, std::string_view stream_name);

  const Utf16Stats& stats() const { return stats_; }

 private:
  void Flush();
  void Handle(const Record& record);

  ParagraphWriter* out_;
  Utf16Stats stats_;
  size_t records_ = 0;
  bool in_paragraph_ = false;
  bool top_level_ = false;
  bool page_start_ = false;
  int skip_deeper_than_ = -1;  // >= 0 while inside a skipped control
  std::string text_;
};

}  // namespace briefsearch::parse::internal::hwp
