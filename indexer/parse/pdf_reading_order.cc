#include "indexer/parse/pdf_reading_order.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace briefsearch::parse::internal {
namespace {

constexpr double kMinGutter = 1.0;   // in median line heights: narrower gaps are word spaces
constexpr double kMinBandGap = 0.8;  // wider than the space between the lines of a paragraph

using Indices = std::vector<size_t>;

struct Cutter {
  const std::vector<PdfLine>& lines;
  double min_gutter;
  double min_band_gap;
  Indices out;

  // The middle of the widest vertical strip, free of text, that has lines on both sides.
  std::optional<double> Gutter(const Indices& idx) const {
    std::vector<std::pair<double, double>> spans;
    for (size_t i : idx) spans.emplace_back(lines[i].x0, lines[i].x1);
    std::sort(spans.begin(), spans.end());
    double reach = spans.front().second, best = 0, at = 0;
    for (size_t k = 1; k < spans.size(); ++k) {
      if (spans[k].first - reach > best) best = spans[k].first - reach, at = reach + best / 2;
      reach = std::max(reach, spans[k].second);
    }
    if (best < min_gutter) return std::nullopt;
    return at;
  }

  // Runs of lines separated by horizontal gaps of at least min_band_gap, top to bottom.
  std::vector<Indices> Bands(Indices idx) const {
    std::sort(idx.begin(), idx.end(),
              [&](size_t a, size_t b) { return lines[a].y0 < lines[b].y0; });
    std::vector<Indices> bands;
    double bottom = 0;
    for (size_t i : idx) {
      if (bands.empty() || lines[i].y0 - bottom >= min_band_gap) bands.emplace_back();
      bands.back().push_back(i);
      bottom = bands.back().size() == 1 ? lines[i].y1 : std::max(bottom, lines[i].y1);
    }
    return bands;
  }

  void Leaf(Indices idx) {
    std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
      return std::pair(lines[a].y1, lines[a].x0) < std::pair(lines[b].y1, lines[b].x0);
    });
    out.insert(out.end(), idx.begin(), idx.end());
  }

  void Order(const Indices& idx) {
    if (idx.size() <= 1) return Leaf(idx);
    if (const std::optional<double> gutter = Gutter(idx)) {
      Indices left, right;
      for (size_t i : idx) (lines[i].x1 <= *gutter ? left : right).push_back(i);
      Order(left);
      return Order(right);
    }
    std::vector<Indices> bands = Bands(idx);
    if (bands.size() == 1) return Leaf(idx);
    Indices group = std::move(bands.front());
    for (size_t b = 1; b < bands.size(); ++b) {
      Indices joined = group;
      joined.insert(joined.end(), bands[b].begin(), bands[b].end());
      if (Gutter(joined)) {
        group = std::move(joined);
      } else {
        Order(group);
        group = std::move(bands[b]);
      }
    }
    Order(group);
  }
};

double MedianHeight(const std::vector<PdfLine>& lines) {
  std::vector<double> heights;
  for (const PdfLine& line : lines) heights.push_back(std::max(line.Height(), 1.0));
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return heights[heights.size() / 2];
}

}  // namespace

void SortReadingOrder(std::vector<PdfLine>* lines) {
  if (lines->size() < 2 || lines->size() > kMaxOrderedLines) return;
  const double h = MedianHeight(*lines);
  Cutter cutter{*lines, kMinGutter * h, kMinBandGap * h, {}};
  Indices all(lines->size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  cutter.Order(all);
  std::vector<PdfLine> sorted;
  sorted.reserve(lines->size());
  for (size_t i : cutter.out) sorted.push_back(std::move((*lines)[i]));
  *lines = std::move(sorted);
}

}  // namespace briefsearch::parse::internal
