#include "indexer/parse/pdf_furniture.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

constexpr double kZone = 0.12;  // of the page height, at the top and at the bottom
constexpr size_t kMaxDigits = 4;
constexpr std::u32string_view kDecorations = U"-–—()[]<>|·.";

bool InZone(const PdfLine& line, double page_height) {
  return page_height > 0 &&
         (line.y1 <= kZone * page_height || line.y0 >= (1 - kZone) * page_height);
}

// Blanks gone, digits masked: the form in which running headers repeat.
std::string RepeatKey(std::string_view text) {
  std::string key = RemoveSpaces(FoldWidth(text));
  for (char& ch : key) {
    if (std::isdigit(static_cast<unsigned char>(ch))) ch = '#';
  }
  return key;
}

bool HasLetter(std::string_view key) {
  return std::any_of(key.begin(), key.end(), [](char ch) {
    return std::isalpha(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) >= 0x80;
  });
}

int RomanValue(std::string_view s) {
  static constexpr std::string_view kRomans[] = {"i",  "ii",  "iii",  "iv", "v",
                                                 "vi", "vii", "viii", "ix", "x"};
  for (size_t i = 0; i < std::size(kRomans); ++i) {
    if (s == kRomans[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

// Leading digits of s as a number; *len gets their count (0 when none or too many).
int Digits(std::string_view s, size_t* len) {
  size_t i = 0;
  int value = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    value = value * 10 + (s[i++] - '0');
    if (i > kMaxDigits) break;
  }
  *len = i <= kMaxDigits ? i : 0;
  return value;
}

// Strips decoration code points from both ends; true when any were there.
bool StripDecorations(std::string_view* s) {
  bool stripped = false;
  while (!s->empty() && kDecorations.find(FirstCodePoint(*s)) != std::u32string_view::npos) {
    size_t i = 0;
    NextCodePoint(*s, &i);
    s->remove_prefix(i);
    stripped = true;
  }
  while (!s->empty() && kDecorations.find(LastCodePoint(*s)) != std::u32string_view::npos) {
    size_t end = s->size() - 1;
    while (end > 0 && (static_cast<unsigned char>((*s)[end]) & 0xC0) == 0x80) --end;
    s->remove_suffix(s->size() - end);
    stripped = true;
  }
  return stripped;
}

void MarkRepeatedLines(const std::vector<PdfPageLines>& pages,
                       std::vector<std::vector<bool>>* drop) {
  std::map<std::string, std::pair<size_t, size_t>> seen;  // key -> (pages, last page + 1)
  for (size_t p = 0; p < pages.size(); ++p) {
    for (const PdfLine& line : pages[p].lines) {
      if (!InZone(line, pages[p].height)) continue;
      auto& [count, last] = seen[RepeatKey(line.text)];
      if (last != p + 1) ++count, last = p + 1;
    }
  }
  for (size_t p = 0; p < pages.size(); ++p) {
    for (size_t i = 0; i < pages[p].lines.size(); ++i) {
      const PdfLine& line = pages[p].lines[i];
      if (!InZone(line, pages[p].height)) continue;
      const std::string key = RepeatKey(line.text);
      const size_t count = seen[key].first;
      if (HasLetter(key) && count >= 2 && count * 5 >= pages.size() * 2) (*drop)[p][i] = true;
    }
  }
}

// The topmost and bottommost lines of a page, by position rather than reading order.
std::pair<size_t, size_t> EdgeLines(const std::vector<PdfLine>& lines) {
  size_t top = 0, bottom = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].y0 < lines[top].y0) top = i;
    if (lines[i].y1 > lines[bottom].y1) bottom = i;
  }
  return {top, bottom};
}

void MarkPageNumbers(const std::vector<PdfPageLines>& pages, std::vector<std::vector<bool>>* drop) {
  struct Bare {
    size_t page, line;
    int offset;
  };
  std::vector<Bare> bare;
  std::map<int, size_t> votes;  // number - page index -> pages
  for (size_t p = 0; p < pages.size(); ++p) {
    const std::vector<PdfLine>& lines = pages[p].lines;
    if (lines.empty()) continue;
    const auto [top, bottom] = EdgeLines(lines);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (!InZone(lines[i], pages[p].height)) continue;
      const std::optional<PageNumber> n = ParsePageNumber(lines[i].text);
      if (!n) continue;
      if (n->decorated) {
        (*drop)[p][i] = true;
      } else if (i == top || i == bottom) {
        bare.push_back({p, i, n->value - static_cast<int>(p + 1)});
        ++votes[bare.back().offset];
      }
    }
  }
  if (votes.empty()) return;
  const auto best = std::max_element(
      votes.begin(), votes.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  // Page numbers count along with the pages; article numbers ("01" at a page top) do not.
  if (best->second < 2 && pages.size() > 1) return;
  if (best->second * 2 < bare.size()) return;
  for (const Bare& b : bare) {
    if (b.offset == best->first) (*drop)[b.page][b.line] = true;
  }
}

}  // namespace

std::optional<PageNumber> ParsePageNumber(std::string_view line) {
  const std::string folded = RemoveSpaces(FoldWidth(line));
  std::string_view s = folded;
  PageNumber n;
  const std::string lower = AsciiLower(s);
  for (std::string_view prefix : {"page", "p."}) {
    if (lower.starts_with(prefix) && lower.size() > prefix.size() &&
        std::isdigit(static_cast<unsigned char>(lower[prefix.size()]))) {
      s.remove_prefix(prefix.size());
      n.decorated = true;
    }
  }
  n.decorated = StripDecorations(&s) || n.decorated;
  if (const int roman = RomanValue(s); roman > 0) {  // lower case only: "I" is a KOSTEC part
    n.value = roman;
    return n;
  }
  size_t len = 0;
  n.value = Digits(s, &len);
  if (len == 0) return std::nullopt;
  s.remove_prefix(len);
  if (s.starts_with("/") || AsciiLower(s).starts_with("of")) {  // "3/12", "3 of 12"
    s.remove_prefix(s.front() == '/' ? 1 : 2);
    size_t total_len = 0;
    Digits(s, &total_len);
    if (total_len == 0 || total_len != s.size()) return std::nullopt;
    n.decorated = true;
    return n;
  }
  if (!s.empty()) return std::nullopt;
  return n;
}

void RemovePageFurniture(std::vector<PdfPageLines>* pages) {
  std::vector<std::vector<bool>> drop(pages->size());
  for (size_t p = 0; p < pages->size(); ++p) drop[p].assign((*pages)[p].lines.size(), false);
  MarkRepeatedLines(*pages, &drop);
  MarkPageNumbers(*pages, &drop);
  for (size_t p = 0; p < pages->size(); ++p) {
    std::vector<PdfLine>& lines = (*pages)[p].lines;
    size_t kept = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (drop[p][i]) continue;
      if (kept != i) lines[kept] = std::move(lines[i]);
      ++kept;
    }
    lines.resize(kept);
  }
}

}  // namespace briefsearch::parse::internal
