#include "indexer/parse/text_util.h"

#include <unicode/utf8.h>

namespace briefsearch::parse::internal {

char32_t NextCodePoint(std::string_view text, size_t* i) {
  UChar32 c;
  int32_t pos = static_cast<int32_t>(*i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), pos, static_cast<int32_t>(text.size()), c);
  *i = static_cast<size_t>(pos);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

char32_t FirstCodePoint(std::string_view text) {
  if (text.empty()) return 0;
  size_t i = 0;
  return NextCodePoint(text, &i);
}

char32_t LastCodePoint(std::string_view text) {
  if (text.empty()) return 0;
  size_t start = text.size() - 1;
  // Step back over continuation bytes to the lead byte of the last sequence.
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return NextCodePoint(text, &start);
}

size_t CodePointCount(std::string_view text) {
  size_t n = 0;
  for (size_t i = 0; i < text.size();) {
    NextCodePoint(text, &i);
    ++n;
  }
  return n;
}

bool IsHangulSyllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F);
}

bool IsBlankCodePoint(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x00A0 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

std::string_view TrimLeft(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t next = i;
    if (!IsBlankCodePoint(NextCodePoint(s, &next))) break;
    i = next;
  }
  return s.substr(i);
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty()) {
    const char32_t last = LastCodePoint(s);
    if (!IsBlankCodePoint(last)) break;
    size_t start = s.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    s = s.substr(0, start);
  }
  return s;
}

std::string_view Trim(std::string_view s) { return TrimRight(TrimLeft(s)); }

bool IsBlank(std::string_view s) { return Trim(s).empty(); }

bool EndsWithBlank(std::string_view s) { return !s.empty() && IsBlankCodePoint(LastCodePoint(s)); }

int LeadingIndent(std::string_view s) {
  int width = 0;
  for (size_t i = 0; i < s.size();) {
    const char32_t c = NextCodePoint(s, &i);
    if (!IsBlankCodePoint(c)) break;
    width += c == 0x3000 ? 2 : 1;
  }
  return width;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < text.size()) lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (size_t i = 0; i < s.size();) {
    const size_t begin = i;
    const char32_t c = NextCodePoint(s, &i);
    if (IsBlankCodePoint(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.append(s.substr(begin, i - begin));
  }
  return out;
}

std::string RemoveSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t begin = i;
    if (!IsBlankCodePoint(NextCodePoint(s, &i))) out.append(s.substr(begin, i - begin));
  }
  return out;
}

std::string FoldWidth(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t begin = i;
    const char32_t c = NextCodePoint(s, &i);
    if (c >= 0xFF01 && c <= 0xFF5E) {
      out.push_back(static_cast<char>(c - 0xFF01 + 0x21));
    } else if (c == 0x3000) {
      out.push_back(' ');
    } else {
      out.append(s.substr(begin, i - begin));
    }
  }
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

std::string CueForm(std::string_view s) {
  std::string out = AsciiLower(RemoveSpaces(FoldWidth(s)));
  std::erase(out, '/');
  return out;
}

int MarkdownHeadingLevel(std::string_view line, std::string_view* text) {
  const std::string_view t = TrimLeft(line);
  if (line.size() - t.size() > 3) return 0;  // four spaces of indent make a code block
  size_t level = 0;
  while (level < t.size() && t[level] == '#') ++level;
  if (level == 0 || level > 6) return 0;
  if (level < t.size() && t[level] != ' ' && t[level] != '\t') return 0;  // "#tag" is no heading
  std::string_view rest = Trim(t.substr(level));
  // A closing sequence ("## 제목 ##") is decoration.
  while (!rest.empty() && rest.back() == '#') rest.remove_suffix(1);
  if (text != nullptr) *text = Trim(rest);
  return static_cast<int>(level);
}

std::string NormalizeNewlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '\r') {
      out.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (ch == '\f') {
      out.push_back('\n');
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

}  // namespace briefsearch::parse::internal
