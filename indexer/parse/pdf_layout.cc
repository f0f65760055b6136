#include "indexer/parse/pdf_layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "common/utf8.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

// Thresholds, in word heights (about 1.15 font sizes).
constexpr double kSameLineOverlap = 0.5;  // of the smaller height
constexpr double kBackTolerance = 0.3;    // kerning may overlap words a little
constexpr double kColumnJump = 2.5;       // a wider gap means another column or table cell
constexpr double kWordGap = 0.15;         // a gap the reader did not flag still separates words
// A line whose last glyph stops this far before the block's right edge ended early: in justified
// text a line broken inside a word ends exactly at the edge, one broken at a blank ends a blank's
// width (a quarter em, about 0.2 heights) short; ragged lines end anywhere.
constexpr double kShortLine = 0.15;
constexpr double kIndent = 1.0;
constexpr double kFontChange = 0.2;   // relative height change: a heading begins or ends
constexpr double kBlockPitch = 1.35;  // baseline advance over the usual pitch: a new block
constexpr double kMinHeight = 1.0;    // degenerate boxes

double Height(double y0, double y1) { return std::max(y1 - y0, kMinHeight); }

// A hostile PDF can place text at NaN or infinity; such boxes would break every comparison below.
bool Finite(const PdfWord& w) {
  return std::isfinite(w.x0) && std::isfinite(w.y0) && std::isfinite(w.x1) && std::isfinite(w.y1);
}

bool SameLine(const PdfLine& line, const PdfWord& w) {
  const double hl = Height(line.y0, line.y1), hw = Height(w.y0, w.y1);
  const double overlap = std::min(line.y1, w.y1) - std::max(line.y0, w.y0);
  const double h = std::max(hl, hw);
  return overlap >= kSameLineOverlap * std::min(hl, hw) && w.x0 >= line.x1 - kBackTolerance * h &&
         w.x0 - line.x1 <= kColumnJump * h;
}

// The usual baseline advance from one line to the next: the lower quartile of the advances
// between consecutive lines of the same font size (the median would take the paragraph gaps of a
// sparse page for the line pitch). 0 when the page has too few lines to tell.
double TypicalPitch(const std::vector<PdfLine>& lines) {
  std::vector<double> pitches;
  for (size_t i = 1; i < lines.size(); ++i) {
    const double d = lines[i].y1 - lines[i - 1].y1;
    const double h = Height(lines[i].y0, lines[i].y1);
    const double hp = Height(lines[i - 1].y0, lines[i - 1].y1);
    if (d > 0.5 * h && d < 3 * h && std::abs(h - hp) <= kFontChange * std::max(h, hp)) {
      pitches.push_back(d);
    }
  }
  if (pitches.size() < 2) return 0;
  const size_t quartile = (pitches.size() - 1) / 4;
  std::nth_element(pitches.begin(), pitches.begin() + quartile, pitches.end());
  return pitches[quartile];
}

bool StartsBlock(const PdfLine& prev, const PdfLine& line, double pitch) {
  const double hp = Height(prev.y0, prev.y1), hl = Height(line.y0, line.y1);
  const double h = std::max(hp, hl);
  if (line.x0 > prev.x1) return true;  // entirely to the right: the next column
  if (std::abs(hl - hp) > kFontChange * h) return true;
  const double advance = line.y1 - prev.y1;
  if (advance <= 0.3 * h) return true;  // back up the page: the next column or flow
  const double limit = pitch > 0 ? std::max(kBlockPitch * pitch, pitch + 0.5 * h) : 1.8 * h;
  return advance > limit;
}

bool IsAsciiAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// "tech-" + "nology": the hyphen broke a Latin word.
bool HyphenatedBreak(const std::string& line, const std::string& next) {
  return line.size() >= 3 && line.back() == '-' && IsAsciiAlpha(line[line.size() - 2]) &&
         IsAsciiAlpha(line[line.size() - 3]) && !next.empty() &&
         std::islower(static_cast<unsigned char>(next.front()));
}

void EmitBlock(const std::vector<PdfLine>& lines, size_t begin, size_t end, std::string* out) {
  double left = lines[begin].x0, right = lines[begin].x1;
  for (size_t k = begin; k < end; ++k) {
    left = std::min(left, lines[k].x0);
    right = std::max(right, lines[k].x1);
  }
  const bool multi = end - begin >= 2;  // one line alone has no edges to compare with
  std::vector<std::string> texts;
  for (size_t k = begin; k < end; ++k) texts.push_back(lines[k].text);
  for (size_t k = begin; k < end; ++k) {
    const size_t t = k - begin;
    const double h = Height(lines[k].y0, lines[k].y1);
    bool ended_early = multi && right - lines[k].x1 >= kShortLine * h;
    if (t + 1 < texts.size() && HyphenatedBreak(texts[t], texts[t + 1])) {
      std::string& next = texts[t + 1];
      const size_t blank = next.find(' ');
      texts[t].pop_back();
      texts[t].append(next, 0, blank);
      next = blank == std::string::npos ? "" : next.substr(blank + 1);
      ended_early = true;  // the line now ends where the word did
    }
    if (texts[t].empty()) continue;
    if (!out->empty() && out->back() != '\n') out->push_back('\n');
    if (multi && lines[k].x0 - left >= kIndent * h) out->append("  ");
    out->append(texts[t]);
    if (ended_early) out->push_back(' ');
  }
}

bool EndsSentence(std::string_view line) {
  line = TrimRight(line);
  const char32_t last = LastCodePoint(line);
  return last == '.' || last == '!' || last == '?' || last == ':' || last == U'\u3002';
}

}  // namespace

std::vector<PdfLine> GroupLines(const std::vector<PdfWord>& words) {
  std::vector<PdfLine> lines;
  bool blank_pending = false;
  for (PdfWord w : words) {
    if (IsBlank(w.text) || !Finite(w)) continue;
    if (w.x1 < w.x0) std::swap(w.x0, w.x1);
    if (w.y1 < w.y0) std::swap(w.y0, w.y1);
    if (!lines.empty() && SameLine(lines.back(), w)) {
      PdfLine& line = lines.back();
      const double gap = w.x0 - line.x1;
      const double h = std::max(Height(line.y0, line.y1), Height(w.y0, w.y1));
      if (blank_pending || gap > kWordGap * h) line.text.push_back(' ');
      line.text += w.text;
      line.x1 = std::max(line.x1, w.x1);
      line.y0 = std::min(line.y0, w.y0);
      line.y1 = std::max(line.y1, w.y1);
    } else {
      lines.push_back(PdfLine{std::move(w.text), w.x0, w.y0, w.x1, w.y1});
    }
    blank_pending = w.space_after;
  }
  return lines;
}

PageLayout LayOutPage(const PdfPageLines& page) {
  PageLayout layout;
  const std::vector<PdfLine>& lines = page.lines;
  if (lines.empty()) return layout;
  const double pitch = TypicalPitch(lines);
  size_t begin = 0;
  for (size_t k = 1; k <= lines.size(); ++k) {
    if (k < lines.size() && !StartsBlock(lines[k - 1], lines[k], pitch)) continue;
    if (!layout.text.empty()) layout.text.append("\n\n");
    EmitBlock(lines, begin, k, &layout.text);
    if (k == lines.size()) {
      const PdfLine& last = lines.back();
      double right = last.x1;
      for (size_t i = begin; i < k; ++i) right = std::max(right, lines[i].x1);
      layout.ends_mid_paragraph = k - begin >= 2 && !layout.text.ends_with(' ') &&
                                  right - last.x1 < kShortLine * last.Height() &&
                                  !EndsSentence(last.text);
    }
    begin = k;
  }
  return layout;
}

std::string JoinPages(const std::vector<PdfPageLines>& pages, std::vector<size_t>* page_starts) {
  std::string text;
  bool continues = false;
  page_starts->clear();
  for (const PdfPageLines& page : pages) {
    PageLayout layout = LayOutPage(page);
    if (!text.empty() && !layout.text.empty()) text.append(continues ? "\n" : "\n\n");
    page_starts->push_back(text.size());
    std::string page_text = std::move(layout.text);
    if (!IsValidUtf8(page_text)) page_text = RepairUtf8(page_text);
    text.append(NfcUtf8(page_text));
    if (!page_text.empty()) continues = layout.ends_mid_paragraph;
  }
  return text;
}

}  // namespace briefsearch::parse::internal
