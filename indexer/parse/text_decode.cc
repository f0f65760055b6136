#include "indexer/parse/text_decode.h"

#include <unicode/utf8.h>

#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "indexer/parse/charset_convert.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse {
namespace internal {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";
constexpr char kCp949[] = "windows-949-2000";

std::string HexByte(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "0x%02X", b);
  return buf;
}

bool IsStrayControl(unsigned char b) {
  return (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v') || b == 0x7F;
}

// Text extracted from a PDF may carry a few stray control bytes; many of them mean binary data.
absl::Status CheckControls(std::string_view text) {
  const size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("binary file (NUL character at offset ", nul, " of the decoded text)"));
  }
  size_t controls = 0;
  for (const char ch : text) controls += IsStrayControl(static_cast<unsigned char>(ch));
  if (controls > 16 && controls * 100 > text.size()) {
    return absl::InvalidArgumentError(absl::StrCat("binary file (", controls, " control bytes)"));
  }
  return absl::OkStatus();
}

absl::Status InvalidUtf8(std::string_view bytes, size_t base, std::string_view suffix) {
  size_t at = FirstInvalidUtf8Offset(bytes);
  if (at == std::string_view::npos) at = 0;  // the two checkers disagree: report the start
  return absl::InvalidArgumentError(absl::StrCat("not UTF-8 text: invalid byte ",
                                                 HexByte(static_cast<unsigned char>(bytes[at])),
                                                 " at offset ", base + at, std::string(suffix)));
}

// Neither BOM nor valid UTF-8: CP949 when the bytes clearly read as Korean, else an error.
absl::StatusOr<std::string> DecodeLegacy(std::string_view bytes) {
  if (!LooksLikeCp949Korean(bytes)) {
    return InvalidUtf8(bytes, 0, ", nor Korean CP949/EUC-KR text");
  }
  absl::StatusOr<std::string> text = LegacyToUtf8(bytes, kCp949);
  if (!text.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("neither UTF-8 nor CP949 text: ", text.status().message()));
  }
  return text;
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

absl::StatusOr<std::string> DecodeToUtf8(std::string_view bytes) {
  if (bytes.starts_with(kUtf8Bom)) {
    bytes.remove_prefix(kUtf8Bom.size());
    if (!IsValidUtf8(bytes)) return InvalidUtf8(bytes, kUtf8Bom.size(), " after a UTF-8 BOM");
    return std::string(bytes);
  }
  if (bytes.starts_with(kUtf16LeBom)) {
    return Utf16ToUtf8(bytes.substr(2), ByteOrder::kLittleEndian, /*base=*/2);
  }
  if (bytes.starts_with(kUtf16BeBom)) return Utf16ToUtf8(bytes.substr(2), ByteOrder::kBigEndian, 2);
  const size_t nul = bytes.find('\0');
  if (nul != std::string_view::npos) {
    // Without a BOM, UTF-16 is only a guess from the NUL pattern: a failed decode means binary.
    if (const std::optional<ByteOrder> order = SniffUtf16(bytes)) {
      absl::StatusOr<std::string> text = Utf16ToUtf8(bytes, *order);
      if (text.ok()) return text;
    }
    return absl::InvalidArgumentError(absl::StrCat("binary file (NUL byte at offset ", nul, ")"));
  }
  if (IsValidUtf8(bytes)) return std::string(bytes);
  return DecodeLegacy(bytes);
}

absl::StatusOr<std::string> DecodeIssueBytes(std::string_view bytes) {
  if (bytes.empty()) return absl::InvalidArgumentError("empty file");
  absl::StatusOr<std::string> decoded = DecodeToUtf8(bytes);
  if (!decoded.ok()) return decoded.status();
  if (absl::Status s = CheckControls(*decoded); !s.ok()) return s;
  std::string text = NormalizeNewlines(*decoded);
  for (char& ch : text) {
    if (IsStrayControl(static_cast<unsigned char>(ch))) ch = ' ';
  }
  if (IsBlank(text)) return absl::InvalidArgumentError("no text: the file holds only blanks");
  return text;
}

}  // namespace internal

absl::StatusOr<ExtractedText> ExtractPlainText(std::string_view bytes,
                                               const ExtractLimits& limits) {
  if (bytes.size() > limits.max_input_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "text file has ", bytes.size(), " bytes, over the limit of ", limits.max_input_bytes));
  }
  absl::StatusOr<std::string> text = internal::DecodeIssueBytes(bytes);
  if (!text.ok()) return text.status();
  if (text->size() > limits.max_output_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "decoded text has ", text->size(), " bytes, over the limit of ", limits.max_output_bytes));
  }
  ExtractedText out;
  out.text = *std::move(text);
  out.format = "txt";
  return out;
}

}  // namespace briefsearch::parse
