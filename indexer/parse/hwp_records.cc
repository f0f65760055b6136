#include "indexer/parse/hwp_records.h"

#include "absl/strings/str_cat.h"
#include "common/utf8.h"

namespace briefsearch::parse::internal::hwp {
namespace {

// Far above any real document (a 300-page report has some 10^5 records), and it bounds the
// walk of a stream made of empty records.
constexpr size_t kMaxRecords = size_t{1} << 23;
constexpr size_t kLineSegSize = 36;  // PARA_LINE_SEG: one 36-byte entry per line
constexpr size_t kLineSegTagOffset = 32;
constexpr uint32_t kFirstLineOfPage = 0x1;
constexpr size_t kParaHeaderBreakOffset = 11;  // PARA_HEADER: 단 나누기 종류 byte
constexpr uint8_t kBreakSection = 0x01;
constexpr uint8_t kBreakPage = 0x04;
constexpr uint32_t kCtrlHeader = MakeCtrlId('h', 'e', 'a', 'd');
constexpr uint32_t kCtrlFooter = MakeCtrlId('f', 'o', 'o', 't');
constexpr uint32_t kCtrlHiddenComment = MakeCtrlId('t', 'c', 'm', 't');
constexpr size_t kWideControlUnits = 8;
static_assert(sizeof(wchar_t) == 4, "code points are gathered as UTF-32 wide strings");

uint32_t Le(std::string_view data, size_t offset, int width) {
  uint32_t v = 0;
  for (int i = width - 1; i >= 0; --i) {
    v = (v << 8) | static_cast<unsigned char>(data[offset + static_cast<size_t>(i)]);
  }
  return v;
}

// Decodes the non-control unit at data[*i] (a surrogate pair takes two) and advances *i. Code
// points gather in a wide string (UTF-32 here) that WideToUtf8 turns into UTF-8 once.
void AppendUnit(std::string_view data, size_t* i, std::wstring* out, Utf16Stats* stats) {
  const uint32_t unit = Le(data, *i, 2);
  *i += 2;
  ++stats->units;
  if (unit >= 0xD800 && unit < 0xDC00 && *i + 1 < data.size()) {
    const uint32_t low = Le(data, *i, 2);
    if (low >= 0xDC00 && low < 0xE000) {
      *i += 2;
      ++stats->units;
      out->push_back(static_cast<wchar_t>(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)));
      return;
    }
  }
  if (unit >= 0xD800 && unit < 0xE000) {
    ++stats->invalid;
    out->push_back(L'\uFFFD');
    return;
  }
  out->push_back(static_cast<wchar_t>(unit));
}

// Controls 0, 10, 13 and 24-31 take one unit; every other code below 32 takes eight.
bool IsOneUnitControl(uint32_t code) { return code == 0 || code == 10 || code == 13 || code >= 24; }

}  // namespace

absl::StatusOr<bool> RecordReader::Next(Record* record) {
  if (pos_ == stream_.size()) return false;
  const size_t start = pos_;
  if (stream_.size() - pos_ < 4) {
    return absl::InvalidArgumentError(
        absl::StrCat("HWP ", std::string(name_), ": record header cut off at byte ", start));
  }
  const uint32_t header = Le(stream_, pos_, 4);
  pos_ += 4;
  size_t size = header >> 20;
  if (size == 0xFFF) {
    if (stream_.size() - pos_ < 4) {
      return absl::InvalidArgumentError(
          absl::StrCat("HWP ", std::string(name_), ": record size cut off at byte ", start));
    }
    size = Le(stream_, pos_, 4);
    pos_ += 4;
  }
  if (size > stream_.size() - pos_) {
    return absl::InvalidArgumentError(
        absl::StrCat("HWP ", std::string(name_), ": record at byte ", start, " claims ", size,
                     " bytes, past the end of the", " stream (", stream_.size(), " bytes)"));
  }
  record->tag = static_cast<uint16_t>(header & 0x3FF);
  record->level = static_cast<uint16_t>((header >> 10) & 0x3FF);
  record->data = stream_.substr(pos_, size);
  pos_ += size;
  return true;
}

std::string DecodeParaText(std::string_view data, Utf16Stats* stats) {
  std::wstring out;
  out.reserve(data.size() / 2);
  size_t i = 0;
  while (i + 1 < data.size()) {
    const uint32_t unit = Le(data, i, 2);
    if (unit >= 32) {
      AppendUnit(data, &i, &out, stats);
      continue;
    }
    if (!IsOneUnitControl(unit)) {
      if (unit == 9) out += L'\t';
      i += 2 * kWideControlUnits;  // a cut-off control ends the loop
      continue;
    }
    if (unit == 10) out += L'\n';
    if (unit == 24) out += L'-';
    if (unit == 30 || unit == 31) out += L' ';
    i += 2;
  }
  return WideToUtf8(out);
}

std::string DecodeUtf16(std::string_view data) {
  std::wstring out;
  Utf16Stats stats;
  size_t i = 0;
  while (i + 1 < data.size() && Le(data, i, 2) != 0) AppendUnit(data, &i, &out, &stats);
  return WideToUtf8(out);
}

bool LineSegStartsPage(std::string_view data) {
  for (size_t at = 0; at + kLineSegSize <= data.size(); at += kLineSegSize) {
    if (Le(data, at + kLineSegTagOffset, 4) & kFirstLineOfPage) return true;
  }
  return false;
}

absl::Status SectionWalker::Walk(std::string_view stream, std::string_view stream_name) {
  RecordReader reader(stream, stream_name);
  Record record;
  for (;;) {
    const absl::StatusOr<bool> more = reader.Next(&record);
    if (!more.ok()) return more.status();
    if (!*more || out_->full()) break;
    if (++records_ > kMaxRecords) {
      return absl::ResourceExhaustedError(
          absl::StrCat("HWP body has more than ", kMaxRecords, " records"));
    }
    Handle(record);
  }
  Flush();  // a paragraph does not continue into the next section
  return absl::OkStatus();
}

void SectionWalker::Handle(const Record& record) {
  if (skip_deeper_than_ >= 0) {
    if (record.level > skip_deeper_than_) return;
    skip_deeper_than_ = -1;
  }
  switch (record.tag) {
    case kTagParaHeader: {
      Flush();
      in_paragraph_ = true;
      top_level_ = record.level == 0;
      const uint8_t breaks = record.data.size() > kParaHeaderBreakOffset
                                 ? static_cast<uint8_t>(record.data[kParaHeaderBreakOffset])
                                 : 0;
      page_start_ = top_level_ && (breaks & (kBreakSection | kBreakPage)) != 0;
      break;
    }
    case kTagParaText:
      if (in_paragraph_) text_ += DecodeParaText(record.data, &stats_);
      break;
    case kTagParaLineSeg:
      // Only the body's own lines say where pages start; a table cell's lines start cell "pages".
      if (in_paragraph_ && top_level_ && LineSegStartsPage(record.data)) page_start_ = true;
      break;
    case kTagCtrlHeader: {
      const uint32_t id = record.data.size() >= 4 ? Le(record.data, 0, 4) : 0;
      if (id == kCtrlHeader || id == kCtrlFooter || id == kCtrlHiddenComment) {
        skip_deeper_than_ = record.level;
      }
      break;
    }
    default:
      break;
  }
}

// A paragraph's records end where the next PARA_HEADER (of any level) or the stream begins.
void SectionWalker::Flush() {
  if (!in_paragraph_) return;
  if (page_start_) out_->BreakPage();
  out_->AddParagraph(text_);
  text_.clear();
  in_paragraph_ = false;
  page_start_ = false;
}

}  // namespace briefsearch::parse::internal::hwp
