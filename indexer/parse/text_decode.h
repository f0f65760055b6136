// Plain text files -> clean UTF-8: the encoding is detected, never guessed silently.
//
// Accepted: UTF-8 (with or without BOM), UTF-16LE/BE (with BOM, or without one when the NUL bytes
// of its ASCII characters show the byte order), and CP949/EUC-KR when the bytes are not UTF-8 and
// read clearly as Korean (LooksLikeCp949Korean). Anything else gets a one-line reason.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "indexer/parse/extracted_text.h"

namespace briefsearch::parse {

// A .txt/.md issue: the text of DecodeIssueBytes, format "txt" (the text parser tells Markdown
// apart later). RESOURCE_EXHAUSTED over limits.max_input_bytes or max_output_bytes.
absl::StatusOr<ExtractedText> ExtractPlainText(std::string_view bytes, const ExtractLimits& limits);

namespace internal {

// Bytes -> UTF-8 by the rules above, BOM stripped, nothing else changed. INVALID_ARGUMENT:
//   "binary file (NUL byte at offset N)", "invalid UTF-16: unpaired surrogate 0xD800 at offset N",
//   "not UTF-8 text: invalid byte 0xB0 at offset N, nor Korean CP949/EUC-KR text", ...
absl::StatusOr<std::string> DecodeToUtf8(std::string_view bytes);

// DecodeToUtf8, then: many control characters -> "binary file"; '\n' line ends; stray control
// characters blanked; INVALID_ARGUMENT when nothing but blanks (or nothing) remains.
absl::StatusOr<std::string> DecodeIssueBytes(std::string_view bytes);

// Offset of the first byte that does not start a well-formed UTF-8 sequence; npos when valid.
size_t FirstInvalidUtf8Offset(std::string_view bytes);

}  // namespace internal
}  // namespace briefsearch::parse
