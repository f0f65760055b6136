// Test PDFs made at test time from our own Korean text: cairo writes them with a Korean font from
// a Debian package (fonts-nanum), so no third-party document is ever checked in.
#pragma once

#include <string>
#include <vector>

namespace briefsearch::parse::testing {

struct PdfLineSpec {
  double x = 0, y = 0;  // baseline start, y from the top of the page, in points
  double size = 10;
  std::string text;
  double justify_to = 0;  // > 0: spread the words so that the line ends at x + justify_to
};

struct PdfPageSpec {
  std::vector<PdfLineSpec> lines;
};

struct PdfDocSpec {
  std::vector<PdfPageSpec> pages;
  std::string title;                 // the document information Title
  double width = 595, height = 842;  // A4
};

// The family the fixtures render with; fontconfig must resolve it (deploy/install-deps.sh).
inline constexpr char kKoreanFont[] = "NanumGothic";

// True when fontconfig has kKoreanFont; without it cairo would draw empty boxes.
bool HaveKoreanFont();

// Natural width of `text` at `size` points in kKoreanFont.
double TextWidth(const std::string& text, double size);

// Adds a paragraph's lines at (x, *y), advancing *y by `pitch` per line. With `justify`, every
// line but the last is spread to the width of the paragraph's widest line, as word processors
// set body text; without, lines are ragged.
void AddParagraph(PdfPageSpec* page, double x, double* y, double size, double pitch,
                  const std::vector<std::string>& lines, bool justify);

// The PDF bytes.
std::string RenderPdf(const PdfDocSpec& doc);

// A PDF written by hand from object bodies ("<< /Type /Catalog /Pages 2 0 R >>" for object 1,
// which is the root) with a correct xref table; `trailer_extra` goes into the trailer dictionary.
// `claimed_size` > 0 overrides the trailer's /Size (the object count a hostile file may claim).
std::string HandMadePdf(const std::vector<std::string>& objects, const std::string& trailer_extra,
                        size_t claimed_size = 0);

}  // namespace briefsearch::parse::testing
