// Collects the paragraphs an office-format extractor (HWP, HWPX, DOCX) finds, in reading order,
// into an ExtractedText: paragraphs joined by "\n\n", each one cleaned to valid NFC UTF-8, page
// starts recorded at paragraph starts, the output size bounded. Internal to indexer/parse.
//
// Thread-safety: none; one writer per extraction.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "indexer/parse/extracted_text.h"

namespace briefsearch::parse::internal {

class ParagraphWriter {
 public:
  ParagraphWriter(size_t max_output_bytes, int max_pages);

  // Appends one paragraph. Lines inside it stay ("\n" from a line break); C0 controls other than
  // '\t' and '\n' go, invalid UTF-8 becomes U+FFFD, trailing blanks go. Blank paragraphs are
  // dropped. Once the output is over its limit, further paragraphs are ignored and Finish fails.
  void AddParagraph(std::string_view text);

  // The next non-blank paragraph starts a new page. Page starts are kept at paragraph granularity:
  // headings are whole paragraphs, so a page that begins inside a paragraph is attributed to that
  // paragraph's start without moving any heading to the wrong page. Repeated calls before the next
  // paragraph count once, so a format that marks one break twice (Word's hard break followed by
  // its rendered break) does not make an empty page.
  void BreakPage() { page_pending_ = true; }

  bool full() const { return overflow_; }

  // The text so far. Errors: RESOURCE_EXHAUSTED when the text passed max_output_bytes or the
  // pages max_pages; INVALID_ARGUMENT when there is no text at all (an image-only document).
  // page_starts is empty unless the document marked at least one page break; otherwise it starts
  // with 0.
  absl::StatusOr<ExtractedText> Finish(std::string format, std::string_view title) &&;

 private:
  size_t max_output_bytes_;
  int max_pages_;
  bool page_pending_ = false;
  bool overflow_ = false;
  ExtractedText out_;
};

// Title metadata cleaned the way paragraphs are, with blanks collapsed and at most 1,000 bytes.
std::string CleanMetadataTitle(std::string_view title);

}  // namespace briefsearch::parse::internal
