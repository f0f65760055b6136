// Page furniture: running headers and footers and page numbers, which would otherwise land in
// the middle of articles (and a running "주간동향" header would even end a KOSTEC article early,
// looking like the closing masthead). Internal to indexer/parse.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "indexer/parse/pdf_layout.h"

namespace briefsearch::parse::internal {

// Removes, from the top and bottom 12% of each page:
//  - lines repeated there on at least two pages and 40% of all pages (compared without blanks and
//    with digits masked, so "주간동향 제3호" and "주간동향 제4호" count as one);
//  - page numbers: decorated ones ("- 3 -", "3 / 12", "Page 3") always; bare numbers when they
//    are the page's topmost or bottommost line and most of them count along with the pages
//    (number - page index constant), so an article number "01" at the top of a page stays.
void RemovePageFurniture(std::vector<PdfPageLines>* pages);

struct PageNumber {
  int value = 0;
  bool decorated = false;  // "- 3 -", "3/12", "p. 3": a page number wherever it stands
};

// "3", "- 3 -", "(3)", "3 / 12", "Page 3", "p.3", "iv"; nullopt for anything else.
std::optional<PageNumber> ParsePageNumber(std::string_view line);

}  // namespace briefsearch::parse::internal
