// Which extractor reads a file, decided by its first bytes; the file name only breaks ties.
// Internal to indexer/parse.
#pragma once

#include <string_view>

namespace briefsearch::parse::internal {

enum class ContentFormat {
  kPdf,   // "%PDF-" within the first 1 KiB, on the first line (junk may come before it)
  kZip,   // "PK\3\4": HWPX or DOCX
  kOle,   // D0 CF 11 E0 A1 B1 1A E1: HWP 5 (or a Word 97 .doc)
  kHtml,  // "<!DOCTYPE html" or "<html" first; or a tag-led page named *.htm(l)
  kText,  // everything else: plain text or Markdown in some encoding
};

ContentFormat SniffFormat(std::string_view bytes, std::string_view file_name);

}  // namespace briefsearch::parse::internal
