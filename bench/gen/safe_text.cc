#include "bench/gen/safe_text.h"

#include <algorithm>
#include <bitset>
#include <cctype>
#include <vector>

namespace briefsearch::gen {
namespace {

// In blank-free, ASCII-lower-case form. Publisher cues (publisher_detect.cc), date labels
// (issue_meta.cc kDateLabels), mastheads and footers (layout_kostec.cc, layout_kic.cc), the KIEP
// header labels (layout_kiep.cc), and the issue-number shapes' words.
constexpr std::string_view kCues[] = {
    "kostec",   "kic",      "kiep",     "korea-china", "weekly", "china",  "innovationcenter",
    "한중과학", "혁신센터", "대외경제", "협력센터",    "주간",   "구독",   "보도자료",
    "배포",     "보도일시", "보도시기", "발행",        "작성일", "발간일", "게재일",
    "일자:",    "날짜:",    "date:",    "第",          "期",     "☎",      "@",
    "/끝/",     "목록",     "목차",     "contents"};

bool IsBlankByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string Form(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (!IsBlankByte(c)) out.push_back(char(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

char32_t LastSyllable(std::string_view word) {
  if (word.size() < 3) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(word.data() + word.size() - 3);
  if ((p[0] & 0xF0) != 0xE0) return 0;
  const char32_t c = char32_t(((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
  return c >= 0xAC00 && c <= 0xD7A3 ? c : 0;
}

}  // namespace

bool HasForbiddenCue(std::string_view text) {
  const std::string form = Form(text);
  for (std::string_view cue : kCues) {
    if (form.find(cue) != std::string::npos) return true;
  }
  return false;
}

std::string TailForm(std::string_view text, size_t bytes) {
  std::string form = Form(text.substr(text.size() > 4 * bytes ? text.size() - 4 * bytes : 0));
  if (form.size() <= bytes) return form;
  size_t start = form.size() - bytes;
  while (start < form.size() && IsContinuation(form[start])) ++start;
  return form.substr(start);
}

namespace {

struct Split {
  std::string_view suffix;  // the part of a cue the right token would start with
  std::string_view prefix;  // the part the left text would end with
};

// Every Hangul cue cut at each syllable boundary, sorted by the suffix's first syllable.
const std::vector<Split>& Splits() {
  static const std::vector<Split> splits = [] {
    std::vector<Split> v;
    for (std::string_view cue : kCues) {
      if (cue.size() < 6 || static_cast<unsigned char>(cue[0]) < 0xE0) continue;
      for (size_t at = 3; at < cue.size(); at += 3)
        v.push_back({cue.substr(at), cue.substr(0, at)});
    }
    std::sort(v.begin(), v.end(), [](const Split& a, const Split& b) {
      return a.suffix.substr(0, 3) < b.suffix.substr(0, 3);
    });
    return v;
  }();
  return splits;
}

// The code point of a 3-byte UTF-8 sequence at the start of `s` (Hangul, Han), else 0.
uint32_t FirstBmp(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  if (s.size() < 3 || (p[0] & 0xF0) != 0xE0) return 0;
  return ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
}

// The first code points of all Splits' suffixes: most tokens start with none of them, and the
// check is called for every token the generator writes.
const std::bitset<0x10000>& SuffixStarts() {
  static const std::bitset<0x10000> starts = [] {
    std::bitset<0x10000> b;
    for (const Split& s : Splits()) b.set(FirstBmp(s.suffix));
    return b;
  }();
  return starts;
}

}  // namespace

bool SafeJoin(std::string_view left, std::string_view right) {
  if (right.size() < 3 || !SuffixStarts().test(FirstBmp(right))) return true;
  const std::vector<Split>& splits = Splits();
  const std::string_view first = right.substr(0, 3);
  auto it = std::lower_bound(
      splits.begin(), splits.end(), first,
      [](const Split& s, std::string_view f) { return s.suffix.substr(0, 3) < f; });
  for (; it != splits.end() && it->suffix.substr(0, 3) == first; ++it) {
    // A right token shorter than the suffix might be finished by the next one: refuse it too.
    if (!right.starts_with(it->suffix) && !it->suffix.starts_with(right)) continue;
    if (TailForm(left, it->prefix.size()).ends_with(it->prefix)) return false;
  }
  return true;
}

bool HasFinalConsonant(std::string_view word) {
  const char32_t c = LastSyllable(word);
  return c != 0 && (c - 0xAC00) % 28 != 0;
}

bool HasFinalRieul(std::string_view word) {
  const char32_t c = LastSyllable(word);
  return c != 0 && (c - 0xAC00) % 28 == 8;
}

}  // namespace briefsearch::gen
