// Reading order of the lines on a PDF page. poppler's own order reads two columns row by row when
// their paragraphs happen to break at the same height, so the lines are re-ordered by geometry:
// a recursive X-Y cut that tries a vertical gutter first (columns, left before right), then
// horizontal bands top to bottom, and merges neighbouring bands that share a gutter (the two
// columns' paragraphs that broke level). Lines inside a band without a gutter go by baseline.
// Internal to indexer/parse.
#pragma once

#include <vector>

#include "indexer/parse/pdf_layout.h"

namespace briefsearch::parse::internal {

// Pages with more lines than this keep the reader's order: the cut is quadratic at worst.
inline constexpr size_t kMaxOrderedLines = 2000;

void SortReadingOrder(std::vector<PdfLine>* lines);

}  // namespace briefsearch::parse::internal
