// What a format extractor hands to the layout parser: the document's text in reading order, as
// UTF-8 with paragraphs separated by blank lines, plus where each page starts.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace briefsearch::parse {

struct ExtractedText {
  std::string text;                 // UTF-8, NFC, "\n" line ends, "\n\n" between paragraphs
  std::string format;               // "pdf", "hwp", "hwpx", "docx", "html", "txt", "md"
  std::vector<size_t> page_starts;  // byte offset in `text` where page i+1 starts; empty if none
  std::string title;                // document metadata title, when the format has one
};

// Bounds every extractor honours, so that a hostile file costs bounded time and memory.
struct ExtractLimits {
  size_t max_input_bytes = 64u << 20;    // larger files are refused before parsing
  size_t max_output_bytes = 32u << 20;   // extracted text
  size_t max_inflated_bytes = 256u << 20;  // total decompressed bytes (zip, deflate streams)
  int max_pages = 2000;
  int max_nesting = 256;                 // XML/HTML element depth
  int max_entries = 10000;               // zip/OLE directory entries
};

}  // namespace briefsearch::parse
