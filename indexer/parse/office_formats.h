// Extractors for the office container formats: HWP 5 (an OLE compound file) and the zip-of-XML
// formats HWPX and DOCX. The dispatcher (parser.cc) picks them by magic bytes; implemented in
// hwp.cc and zip_document.cc. Both honour ExtractLimits and never throw.
//
// Output: paragraphs in reading order separated by "\n\n" (table cells, text boxes and notes as
// paragraphs after the one that anchors them; running headers and footers left out), a line
// break inside a paragraph as "\n"; DOCX headings as "# " lines; page_starts where the file
// records page breaks; title from the document metadata.
// Errors (one line each, fit for a quarantine record):
//   INVALID_ARGUMENT     not the format, damaged or truncated, malformed XML, invalid UTF-16
//   FAILED_PRECONDITION  encrypted (password, DRM) HWP
//   RESOURCE_EXHAUSTED   over one of `limits`: input, inflated bytes (zip bombs included),
//                        entries, XML nesting, output text, pages
//   UNIMPLEMENTED        HWP distribution documents, versions other than 5, other zip documents
//
// Thread-safety: free functions without shared state; safe to call from any thread.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "indexer/parse/extracted_text.h"

namespace briefsearch::parse {

// HWP 5 (OLE compound file); format "hwp".
absl::StatusOr<ExtractedText> ExtractHwp(std::string_view bytes, const ExtractLimits& limits);

// HWPX or DOCX, told apart by content; format "hwpx" or "docx".
absl::StatusOr<ExtractedText> ExtractZipDocument(std::string_view bytes,
                                                 const ExtractLimits& limits);

}  // namespace briefsearch::parse
