// KOSTEC "중국 과학기술 정책 주간동향" as extracted from its PDF.
//
// The cover, CONTENTS and 요약 pages come before the first part marker and are skipped. A part is
// a roman numeral line ("I", "II", "Ⅲ") followed by the section name (정책동향, 단신동향), or both
// on one line. Articles are two-digit numbers counting up from 01 inside each part; requiring the
// next number keeps table rows ("10 상업서비스") and sub-lists ("1) ...") from splitting articles.
// The repeated masthead with "| 발 행 일 |" closes the last article.
#include <cctype>
#include <optional>

#include "indexer/parse/layouts.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

constexpr std::string_view kRomans[] = {"I", "II", "III", "IV", "V", "VI",
                                        "Ⅰ", "Ⅱ",  "Ⅲ",   "Ⅳ",  "Ⅴ", "Ⅵ"};
constexpr size_t kMaxSectionNameChars = 16;
constexpr size_t kMaxTitleChars = 150;
constexpr size_t kTitleSearchLines = 40;

struct Part {
  size_t line = 0;        // the roman numeral line
  size_t body_start = 0;  // first line after the section name
  std::string name;
};

struct Heading {
  int number = 0;
  std::string title;
  size_t body_start = 0;
};

bool LooksLikeSectionName(std::string_view t) {
  const size_t n = CodePointCount(t);
  if (n == 0 || n > kMaxSectionNameChars) return false;
  const char32_t first = FirstCodePoint(t);
  return !(first >= '0' && first <= '9') && !StartsListItem(t);
}

std::optional<Part> PartAt(const Document& doc, size_t i) {
  const std::string_view t = Trim(doc.lines[i]);
  for (std::string_view roman : kRomans) {
    if (!t.starts_with(roman)) continue;
    std::string_view rest = t.substr(roman.size());
    if (rest.starts_with(".")) rest.remove_prefix(1);
    if (rest.empty()) {  // "I" alone: the name is the next non-blank line
      const size_t name_line = NextNonBlank(doc, i + 1);
      if (name_line >= doc.lines.size()) return std::nullopt;
      const std::string_view name = Trim(doc.lines[name_line]);
      if (!LooksLikeSectionName(name)) return std::nullopt;
      return Part{i, name_line + 1, CollapseSpaces(name)};
    }
    if (rest.front() == ' ' && LooksLikeSectionName(Trim(rest))) {
      return Part{i, i + 1, CollapseSpaces(rest)};
    }
  }
  return std::nullopt;
}

// "01" alone with the title on the next non-blank line, or "02 title". No tab: table rows have one.
std::optional<Heading> HeadingAt(const Document& doc, size_t i) {
  const std::string_view t = Trim(doc.lines[i]);
  if (t.size() < 2 || t.find('\t') != std::string_view::npos) return std::nullopt;
  if (!std::isdigit(static_cast<unsigned char>(t[0])) ||
      !std::isdigit(static_cast<unsigned char>(t[1]))) {
    return std::nullopt;
  }
  Heading h;
  h.number = (t[0] - '0') * 10 + (t[1] - '0');
  if (t.size() == 2) {
    const size_t title_line = NextNonBlank(doc, i + 1);
    if (title_line >= doc.lines.size()) return std::nullopt;
    h.title = CollapseSpaces(doc.lines[title_line]);
    h.body_start = title_line + 1;
  } else {
    if (t[2] != ' ') return std::nullopt;
    h.title = CollapseSpaces(t.substr(3));
    h.body_start = i + 1;
  }
  if (h.title.empty() || StartsListItem(h.title) || CodePointCount(h.title) > kMaxTitleChars) {
    return std::nullopt;
  }
  return h;
}

// Upper-case Latin decoration of the colophon ("CHINA", "TECHNOLOGY COOPERATION CENTER").
bool IsCapsDecoration(std::string_view line) {
  bool letter = false;
  for (const char ch : Trim(line)) {
    if (static_cast<unsigned char>(ch) >= 0x80 || std::islower(static_cast<unsigned char>(ch))) {
      return false;
    }
    letter = letter || std::isupper(static_cast<unsigned char>(ch));
  }
  return letter;
}

// Where the closing masthead begins, searching from `from`; doc.lines.size() when there is none.
size_t FindColophon(const Document& doc, size_t from) {
  for (size_t i = from; i < doc.lines.size(); ++i) {
    const std::string form = CueForm(doc.lines[i]);
    if (form.find("과학기술정책주간동향") == std::string::npos && !form.starts_with("|발행")) {
      continue;
    }
    while (i > from && (IsBlank(doc.lines[i - 1]) || IsCapsDecoration(doc.lines[i - 1]))) --i;
    return i;
  }
  return doc.lines.size();
}

// "중국 과학기술 정책 주/간/동/향" -> "중국 과학기술 정책 주간동향": slashes between syllables go.
std::string KostecTitle(const Document& doc) {
  for (size_t i = 0; i < doc.lines.size() && i < kTitleSearchLines; ++i) {
    if (CueForm(doc.lines[i]).find("주간동향") == std::string::npos) continue;
    const std::string line = CollapseSpaces(doc.lines[i]);
    std::string out;
    char32_t prev = 0;
    for (size_t k = 0; k < line.size();) {
      const size_t begin = k;
      const char32_t c = NextCodePoint(line, &k);
      size_t peek = k;
      const char32_t next = k < line.size() ? NextCodePoint(line, &peek) : 0;
      if (!(c == '/' && IsHangulSyllable(prev) && IsHangulSyllable(next))) {
        out.append(line, begin, k - begin);
      }
      prev = c;
    }
    return out;
  }
  return "";
}

std::vector<Part> FindParts(const Document& doc) {
  std::vector<Part> parts;
  for (size_t i = 0; i < doc.lines.size(); ++i) {
    if (std::optional<Part> p = PartAt(doc, i)) {
      parts.push_back(*p);
      i = p->body_start - 1;
    }
  }
  return parts;
}

}  // namespace

bool ParseKostecLayout(const Document& doc, ParsedIssue* issue) {
  issue->title = KostecTitle(doc);
  const std::vector<Part> parts = FindParts(doc);
  if (parts.empty()) return false;
  const size_t end = FindColophon(doc, parts.front().body_start);
  const BodyOptions options{.markdown = doc.markdown};
  std::optional<Heading> open;  // the article being read
  std::string section;
  int expected = 1;
  size_t next_part = 0;
  auto close = [&](size_t at) {
    if (!open) return;
    issue->articles.push_back(
        MakeArticle(std::move(open->title), section, doc, open->body_start, at, options));
    open.reset();
  };
  for (size_t i = parts.front().line; i < end; ++i) {
    if (next_part < parts.size() && parts[next_part].line == i) {
      close(i);
      section = parts[next_part].name;
      expected = 1;
      i = parts[next_part++].body_start - 1;
      continue;
    }
    std::optional<Heading> h = HeadingAt(doc, i);
    if (!h || h->number != expected) continue;
    close(i);
    ++expected;
    i = h->body_start - 1;
    open = std::move(h);
  }
  close(end);
  return !issue->articles.empty();
}

}  // namespace briefsearch::parse::internal
