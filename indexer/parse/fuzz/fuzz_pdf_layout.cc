// libFuzzer target: the PDF geometry steps on arbitrary word boxes, which real PDFs reach only
// through poppler: line grouping, reading order, page furniture, paragraph layout, page mapping.
// Input: per word 5 bytes of geometry (x, y, width, height, flags) then the word's text up to a
// NUL; a flag bit starts a new page.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "indexer/parse/page_map.h"
#include "indexer/parse/pdf_furniture.h"
#include "indexer/parse/pdf_layout.h"
#include "indexer/parse/pdf_reading_order.h"

namespace {

using briefsearch::parse::internal::PdfPageLines;
using briefsearch::parse::internal::PdfWord;

std::vector<std::vector<PdfWord>> DecodeWords(const uint8_t* data, size_t size) {
  std::vector<std::vector<PdfWord>> pages(1);
  size_t i = 0;
  while (i + 5 <= size && pages.size() <= 20) {
    PdfWord w;
    w.x0 = data[i] * 2.5;
    w.y1 = data[i + 1] * 3.5;
    w.x1 = w.x0 + data[i + 2] / 2.0;
    w.y0 = w.y1 - data[i + 3] / 8.0;
    const uint8_t flags = data[i + 4];
    w.space_after = flags & 1;
    i += 5;
    while (i < size && data[i] != 0 && w.text.size() < 64)
      w.text.push_back(static_cast<char>(data[i++]));
    ++i;
    if ((flags & 2) && !pages.back().empty()) pages.emplace_back();
    pages.back().push_back(std::move(w));
  }
  return pages;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace internal = briefsearch::parse::internal;
  std::vector<PdfPageLines> pages;
  for (const std::vector<PdfWord>& words : DecodeWords(data, size)) {
    PdfPageLines page;
    page.height = 842;
    page.lines = internal::GroupLines(words);
    internal::SortReadingOrder(&page.lines);
    pages.push_back(std::move(page));
  }
  internal::RemovePageFurniture(&pages);
  std::vector<size_t> starts;
  const std::string text = internal::JoinPages(pages, &starts);
  std::vector<briefsearch::parse::ParsedArticle> articles(2);
  articles[0].title = text.substr(0, text.size() / 3);
  articles[1].body = text.substr(text.size() / 2);
  internal::AssignPages(text, starts, &articles);
  return 0;
}
