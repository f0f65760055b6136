// UTF-8 validation and repair at process boundaries.
//
// Lucene++ turns a whole string into "" when any byte sequence in it is invalid, so every string that
// may reach the index passes through here first.
#pragma once

#include <string>
#include <string_view>

namespace briefsearch {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Returns `text` with every ill-formed sequence replaced by U+FFFD and NUL bytes dropped.
std::string RepairUtf8(std::string_view text);

// Unicode NFC of valid UTF-8 (decomposed Hangul from macOS becomes precomposed syllables).
std::string NfcUtf8(std::string_view text);

// UTF-8 <-> UTF-32 wide strings (Lucene::String). Invalid input is repaired, never dropped.
std::wstring Utf8ToWide(std::string_view text);
std::string WideToUtf8(std::wstring_view text);
namespace utf8_internal {
size_t DecodeOther(std::string_view text, size_t i, char32_t* out);
}  // namespace utf8_internal

// Decodes the code point starting at text[i]: its length in bytes, or 0 when ill-formed there.
// Inline, with ASCII and three-byte sequences (Hangul, Han) decoded here: it runs once per
// character of every body a snippet reads.
inline size_t DecodeUtf8(std::string_view text, size_t i, char32_t* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  if (p[i] < 0x80) {
    *out = p[i];
    return 1;
  }
  if ((p[i] & 0xF0) == 0xE0 && i + 2 < text.size() && (p[i + 1] & 0xC0) == 0x80 &&
      (p[i + 2] & 0xC0) == 0x80) {
    const char32_t cp = ((p[i] & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      *out = cp;
      return 3;
    }
  }
  return utf8_internal::DecodeOther(text, i, out);
}

// Truncates to at most `max_bytes` without cutting a code point in half.
std::string_view TruncateUtf8(std::string_view text, size_t max_bytes);

}  // namespace briefsearch
