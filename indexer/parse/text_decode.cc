#include "indexer/parse/text_decode.h"

#include <unicode/utf8.h>

#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// absl::StartsWith/StrContains want absl::string_view, which Debian's Abseil keeps distinct from
// std::string_view (ABSL_OPTION_USE_STD_STRING_VIEW 0).
bool StartsWith(std::string_view s, std::string_view prefix) { return s.starts_with(prefix); }
bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// A zip holds HWPX, DOCX, ODT ... alike; the first entry names tell them apart cheaply.
absl::Status ZipStatus(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 4096);
  if (Contains(head, "hwp+zip") || Contains(head, "Contents/section")) {
    return absl::UnimplementedError("HWPX is not supported yet");
  }
  if (Contains(head, "word/") || Contains(head, "[Content_Types].xml")) {
    return absl::UnimplementedError("DOCX is not supported yet");
  }
  return absl::UnimplementedError("zip archive (HWPX/DOCX?) is not supported yet");
}

// HWP 5 keeps the signature "HWP Document File" in its FileHeader stream, stored uncompressed.
absl::Status OleStatus(std::string_view bytes) {
  if (Contains(bytes, "HWP Document File")) {
    return absl::UnimplementedError("HWP is not supported yet");
  }
  static constexpr char kWordDocument[] = "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t";
  if (Contains(bytes, std::string_view(kWordDocument, sizeof(kWordDocument) - 1))) {
    return absl::UnimplementedError("DOC (Word 97-2003) is not supported yet");
  }
  return absl::UnimplementedError("OLE compound file (HWP/DOC?) is not supported yet");
}

// Formats we recognise but cannot read yet; OK when the bytes start like none of them.
absl::Status CheckMagic(std::string_view bytes) {
  if (StartsWith(bytes, "%PDF-")) return absl::UnimplementedError("PDF is not supported yet");
  if (StartsWith(bytes, std::string_view("PK\x03\x04", 4))) return ZipStatus(bytes);
  if (StartsWith(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return OleStatus(bytes);
  if (StartsWith(bytes, "\xFF\xFE") || StartsWith(bytes, "\xFE\xFF")) {
    return absl::InvalidArgumentError("not UTF-8 text: UTF-16 byte order mark");
  }
  return absl::OkStatus();
}

std::string HexByte(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "0x%02X", b);
  return buf;
}

bool IsStrayControl(unsigned char b) {
  return (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v') || b == 0x7F;
}

// Text extracted from a PDF may carry a few stray control bytes; many of them mean binary data.
absl::Status CheckControls(std::string_view bytes) {
  const size_t nul = bytes.find('\0');
  if (nul != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat("binary file (NUL byte at offset ", nul, ")"));
  }
  size_t controls = 0;
  for (const char ch : bytes) controls += IsStrayControl(static_cast<unsigned char>(ch));
  if (controls > 16 && controls * 100 > bytes.size()) {
    return absl::InvalidArgumentError(absl::StrCat("binary file (", controls, " control bytes)"));
  }
  return absl::OkStatus();
}

}  // namespace

size_t FirstInvalidUtf8Offset(std::string_view bytes) {
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(data, i, length, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return std::string_view::npos;
}

absl::StatusOr<std::string> DecodeIssueBytes(std::string_view bytes) {
  if (bytes.empty()) return absl::InvalidArgumentError("empty file");
  if (absl::Status s = CheckMagic(bytes); !s.ok()) return s;
  size_t base = 0;
  if (StartsWith(bytes, kUtf8Bom)) {
    bytes.remove_prefix(kUtf8Bom.size());
    base = kUtf8Bom.size();
  }
  if (absl::Status s = CheckControls(bytes); !s.ok()) return s;
  if (!IsValidUtf8(bytes)) {
    size_t at = FirstInvalidUtf8Offset(bytes);
    if (at == std::string_view::npos) at = 0;  // the two checkers disagree: report the start
    return absl::InvalidArgumentError(absl::StrCat("not UTF-8 text: invalid byte ",
                                                   HexByte(static_cast<unsigned char>(bytes[at])),
                                                   " at offset ", base + at));
  }
  std::string text = NormalizeNewlines(bytes);
  for (char& ch : text) {
    if (IsStrayControl(static_cast<unsigned char>(ch))) ch = ' ';
  }
  if (IsBlank(text)) return absl::InvalidArgumentError("no text: the file holds only blanks");
  return text;
}

}  // namespace briefsearch::parse::internal
