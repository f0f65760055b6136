// PDF -> text through poppler-cpp: the words poppler finds on each page, grouped into lines and
// put in reading order (pdf_reading_order: columns one after the other), page furniture removed
// (pdf_furniture), laid out into paragraphs with the line-break marks the text parser rejoins by
// (pdf_layout). The text of each page starts at ExtractedText.page_starts[i].
//
// Errors (one line each, fit for a quarantine record):
//   INVALID_ARGUMENT     "not a PDF (no %PDF- header)", "truncated PDF (no %%EOF in its last 1
//   KiB)",
//                        "damaged PDF: poppler cannot open it", "PDF has no pages",
//                        "PDF has no extractable text (scanned pages?)"
//   FAILED_PRECONDITION  "encrypted PDF (a password is needed to read it)"
//   RESOURCE_EXHAUSTED   over limits.max_input_bytes, max_pages ("PDF has 12000 pages, over the
//                        limit of 2000") or max_output_bytes
// A PDF encrypted only against editing or copying (empty user password) opens and is read.
//
// Thread-safety: safe from any thread; calls into poppler are serialised by a mutex, since
// poppler's global state is not documented as thread-safe.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "indexer/parse/extracted_text.h"

namespace briefsearch::parse {

absl::StatusOr<ExtractedText> ExtractPdf(std::string_view bytes, const ExtractLimits& limits);

}  // namespace briefsearch::parse
