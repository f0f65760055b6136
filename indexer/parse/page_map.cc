#include "indexer/parse/page_map.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

constexpr size_t kKeyCodePoints = 24;  // long enough to be unique in an issue
constexpr size_t npos = std::string::npos;

// Text without blanks, each byte remembering where it came from.
struct Compact {
  std::string chars;
  std::vector<uint32_t> origin;
};

Compact MakeCompact(std::string_view s, bool with_origin) {
  Compact c;
  c.chars.reserve(s.size());
  if (with_origin) c.origin.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t begin = i;
    const char32_t cp = NextCodePoint(s, &i);
    if (IsBlankCodePoint(cp)) continue;
    c.chars.append(s, begin, i - begin);
    if (with_origin) c.origin.insert(c.origin.end(), i - begin, static_cast<uint32_t>(begin));
  }
  return c;
}

std::string Head(std::string_view compact) {
  size_t i = 0;
  for (size_t n = 0; n < kKeyCodePoints && i < compact.size(); ++n) NextCodePoint(compact, &i);
  return std::string(compact.substr(0, i));
}

std::string Tail(std::string_view compact) {
  size_t begin = compact.size();
  for (size_t n = 0; n < kKeyCodePoints && begin > 0; ++n) {
    do {
      --begin;
    } while (begin > 0 && (static_cast<unsigned char>(compact[begin]) & 0xC0) == 0x80);
  }
  return std::string(compact.substr(begin));
}

int PageOf(const std::vector<size_t>& page_starts, size_t offset) {
  const auto it = std::upper_bound(page_starts.begin(), page_starts.end(), offset);
  return static_cast<int>(std::max<std::ptrdiff_t>(1, it - page_starts.begin()));
}

// Where the article starts in `text` (compact offsets), searching from `cursor`; npos if absent.
// *body_at gets where its body starts.
size_t FindStart(const std::string& text, const ParsedArticle& a, size_t cursor, size_t* body_at) {
  const std::string head = Head(MakeCompact(a.body, false).chars);
  const std::string title = MakeCompact(a.title, false).chars;
  *body_at = head.empty() ? npos : text.find(head, cursor);
  if (*body_at == npos) {
    *body_at = title.empty() ? npos : text.find(title, cursor);
    return *body_at;
  }
  if (title.empty() || *body_at < cursor + title.size()) return *body_at;
  const size_t t = text.rfind(title, *body_at - title.size());
  return t != npos && t >= cursor ? t : *body_at;
}

}  // namespace

void AssignPages(std::string_view text, const std::vector<size_t>& page_starts,
                 std::vector<ParsedArticle>* articles) {
  if (page_starts.empty() || articles->empty()) return;
  const Compact doc = MakeCompact(text, true);
  if (doc.chars.empty()) return;
  std::vector<size_t> starts(articles->size(), npos), bodies(articles->size(), npos);
  size_t cursor = 0;
  for (size_t k = 0; k < articles->size(); ++k) {
    starts[k] = FindStart(doc.chars, (*articles)[k], cursor, &bodies[k]);
    if (starts[k] != npos) cursor = std::max(starts[k], bodies[k]) + 1;
  }
  for (size_t k = 0; k < articles->size(); ++k) {
    if (starts[k] == npos) continue;
    ParsedArticle& a = (*articles)[k];
    a.page_start = PageOf(page_starts, doc.origin[starts[k]]);
    a.page_end = a.page_start;
    size_t limit = doc.chars.size();
    for (size_t n = k + 1; n < starts.size() && limit == doc.chars.size(); ++n) {
      if (starts[n] != npos) limit = starts[n];
    }
    const std::string tail = Tail(MakeCompact(a.body, false).chars);
    if (tail.empty()) continue;
    const size_t from = std::max(starts[k], bodies[k]);
    if (from >= limit) continue;
    const size_t end = std::string_view(doc.chars).substr(from, limit - from).rfind(tail);
    if (end == npos) continue;
    const size_t last_byte = from + end + tail.size() - 1;
    a.page_end = std::max(a.page_start, PageOf(page_starts, doc.origin[last_byte]));
  }
}

}  // namespace briefsearch::parse::internal
