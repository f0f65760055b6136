// Strict conversions of non-UTF-8 text to UTF-8: UTF-16 (either byte order) and the legacy
// charsets ICU knows (CP949/EUC-KR above all). Strict means a byte sequence that is not valid in
// the source charset is an error naming its offset, never a silent U+FFFD. Internal to
// indexer/parse.
//
// Thread-safety: free functions; each call opens its own ICU converter.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace briefsearch::parse::internal {

enum class ByteOrder { kLittleEndian, kBigEndian };

// UTF-16 without BOM -> UTF-8. INVALID_ARGUMENT on an odd byte count or an unpaired surrogate.
// `base` is added to reported offsets (the BOM the caller stripped).
absl::StatusOr<std::string> Utf16ToUtf8(std::string_view bytes, ByteOrder order, size_t base = 0);

// The byte order of BOM-less UTF-16, told by where the NUL bytes fall: ASCII characters (blanks,
// digits, line ends; a quarter of a Korean text) have a zero high byte. nullopt when the NUL
// pattern does not clearly say UTF-16 (then a NUL byte means binary data).
std::optional<ByteOrder> SniffUtf16(std::string_view bytes);

// The ICU converter name for a charset label as HTML and mail use them ("euc-kr",
// "ks_c_5601-1987", "cp949" -> "windows-949-2000", Microsoft's superset that Korean pages really
// use); other labels pass through for ICU to resolve. Lower-case ASCII expected.
std::string IcuCharsetName(std::string_view label);

// Legacy charset bytes -> UTF-8 through ICU. INVALID_ARGUMENT when ICU does not know the charset
// or a byte sequence is invalid or unmapped in it.
absl::StatusOr<std::string> LegacyToUtf8(std::string_view bytes, std::string_view icu_name);

// True when `bytes` (not valid UTF-8) read as Korean CP949 text: at least two Hangul syllables,
// Hangul the majority of the non-ASCII characters, and nine in ten of those syllables from the
// 2,350 of KS X 1001 that real text uses. Latin-1 or random bytes that happen to decode as CP949
// land in its rare extension syllables and fail the last test.
bool LooksLikeCp949Korean(std::string_view bytes);

}  // namespace briefsearch::parse::internal
