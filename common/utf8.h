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
// Decodes the code point starting at text[i]: its length in bytes, or 0 when ill-formed there.
size_t DecodeUtf8(std::string_view text, size_t i, char32_t* out);

// Appends one wide character as WideToUtf8 would (invalid ones as U+FFFD).
void AppendUtf8(wchar_t c, std::string* out);

// Truncates to at most `max_bytes` without cutting a code point in half.
std::string_view TruncateUtf8(std::string_view text, size_t max_bytes);

}  // namespace briefsearch
