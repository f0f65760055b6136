// First stage of ParseIssueFile: from raw bytes to clean UTF-8 text, or a one-line reason why not.
// Internal to indexer/parse.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace briefsearch::parse::internal {

// Recognises container formats by their magic bytes and rejects what is not text:
//   UNIMPLEMENTED     PDF, HWPX/DOCX/other zip, HWP/DOC (OLE compound file)
//   INVALID_ARGUMENT  empty, NUL bytes or many control bytes, UTF-16, invalid UTF-8, blank text
// On success: the text without a UTF-8 BOM, with '\n' line ends and stray control bytes blanked.
absl::StatusOr<std::string> DecodeIssueBytes(std::string_view bytes);

// Offset of the first byte that does not start a well-formed UTF-8 sequence; npos when valid.
size_t FirstInvalidUtf8Offset(std::string_view bytes);

}  // namespace briefsearch::parse::internal
