#include "tests/indexer/parse/pdf_fixture.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include <cstdio>
#include <memory>
#include <sstream>

namespace briefsearch::parse::testing {
namespace {

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void SetFont(cairo_t* cr, double size) {
  cairo_select_font_face(cr, kKoreanFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

double Advance(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t ext;
  cairo_text_extents(cr, text.c_str(), &ext);
  return ext.x_advance;
}

std::vector<std::string> Words(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

void DrawLine(cairo_t* cr, const PdfLineSpec& line) {
  SetFont(cr, line.size);
  const std::vector<std::string> words = Words(line.text);
  if (line.justify_to <= 0 || words.size() < 2) {
    cairo_move_to(cr, line.x, line.y);
    cairo_show_text(cr, line.text.c_str());
    return;
  }
  double total = 0;
  for (const std::string& w : words) total += Advance(cr, w);
  const double gap = (line.justify_to - total) / static_cast<double>(words.size() - 1);
  double x = line.x;
  for (const std::string& w : words) {
    cairo_move_to(cr, x, line.y);
    cairo_show_text(cr, w.c_str());
    x += Advance(cr, w) + gap;
  }
}

}  // namespace

bool HaveKoreanFont() {
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(kKoreanFont));
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  bool found = false;
  FcChar8* family = nullptr;
  for (int i = 0; match && FcPatternGetString(match, FC_FAMILY, i, &family) == FcResultMatch; ++i) {
    found = found || std::string(reinterpret_cast<char*>(family)) == kKoreanFont;
  }
  if (match) FcPatternDestroy(match);
  FcPatternDestroy(pattern);
  return found;
}

double TextWidth(const std::string& text, double size) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
  cairo_t* cr = cairo_create(surface);
  SetFont(cr, size);
  const double width = Advance(cr, text);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  return width;
}

void AddParagraph(PdfPageSpec* page, double x, double* y, double size, double pitch,
                  const std::vector<std::string>& lines, bool justify) {
  double width = 0;
  for (const std::string& line : lines) width = std::max(width, TextWidth(line, size));
  for (size_t i = 0; i < lines.size(); ++i) {
    const bool spread = justify && i + 1 < lines.size();
    page->lines.push_back({x, *y, size, lines[i], spread ? width : 0});
    *y += pitch;
  }
}

std::string RenderPdf(const PdfDocSpec& doc) {
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendToString, &out, doc.width, doc.height);
  if (!doc.title.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  }
  cairo_t* cr = cairo_create(surface);
  for (const PdfPageSpec& page : doc.pages) {
    for (const PdfLineSpec& line : page.lines) DrawLine(cr, line);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return out;
}

std::string HandMadePdf(const std::vector<std::string>& objects, const std::string& trailer_extra,
                        size_t claimed_size) {
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char entry[24];
    std::snprintf(entry, sizeof(entry), "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  const size_t size = claimed_size > 0 ? claimed_size : objects.size() + 1;
  pdf += "trailer\n<< /Size " + std::to_string(size) + " /Root 1 0 R " + trailer_extra +
         " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace briefsearch::parse::testing
