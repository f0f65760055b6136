// From the words a PDF reader found on each page to the text the layout parsers read. Pure
// geometry, no PDF library: pdf_extract.cc feeds it from poppler, the tests feed it by hand.
// Internal to indexer/parse.
//
// Coordinates are PDF points with y growing downwards (poppler's text boxes). A word's height
// stands in for its font size in every threshold below.
#pragma once

#include <string>
#include <vector>

namespace briefsearch::parse::internal {

struct PdfWord {
  std::string text;  // UTF-8
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool space_after = false;  // the reader saw a blank between this word and the next
};

struct PdfLine {
  std::string text;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double Height() const { return y1 - y0; }
};

struct PdfPageLines {
  double height = 0;           // of the page
  std::vector<PdfLine> lines;  // in reading order
};

// Words in reading order -> lines. A word starts a new line when it does not overlap the line
// vertically by half its height, goes back to the left, or jumps right by more than 2.5 heights
// (the next column, not the next word).
std::vector<PdfLine> GroupLines(const std::vector<PdfWord>& words);

// Text of one page. Lines form blocks (paragraphs, separated by a blank line) while the baseline
// advances by about the page's usual line pitch and the font size holds. A block's line that ends
// short of the block's right edge (by a blank's width or more) gets a trailing blank, the sign
// AppendWrapped reads as "the line broke at a word end"; a line that runs to the edge broke inside
// a Korean word, as justified text with character wrapping does, and is joined without one. A
// line indented by a height or more starts with two blanks (KIEP's paragraph starts); "tech-" +
// "nology" at a line break become "technology".
struct PageLayout {
  std::string text;
  // The last line ran to its block's edge without ending a sentence: the paragraph goes on on the
  // next page, so the pages are joined by a line break rather than a blank line.
  bool ends_mid_paragraph = false;
};
PageLayout LayOutPage(const PdfPageLines& page);

// All pages, NFC, each page's text starting at (*page_starts)[i].
std::string JoinPages(const std::vector<PdfPageLines>& pages, std::vector<size_t>* page_starts);

}  // namespace briefsearch::parse::internal
