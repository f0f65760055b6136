// Small Unicode-aware string helpers shared by the parser's pieces: line splitting, trimming of
// every kind of blank a PDF extractor leaves behind (NBSP, U+3000), code point classes.
// Internal to indexer/parse; inputs are valid UTF-8 unless a function says otherwise.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace briefsearch::parse::internal {

// Decodes the code point at text[*i] and advances *i; U+FFFD (and one byte) on a bad sequence.
char32_t NextCodePoint(std::string_view text, size_t* i);
char32_t FirstCodePoint(std::string_view text);  // 0 when empty
char32_t LastCodePoint(std::string_view text);   // 0 when empty
size_t CodePointCount(std::string_view text);

bool IsHangulSyllable(char32_t c);
bool IsHan(char32_t c);  // CJK unified ideographs (Simplified and Traditional alike)
// ASCII whitespace, NBSP, U+2000..U+200B, U+3000, U+FEFF: everything extractors use as a blank.
bool IsBlankCodePoint(char32_t c);

std::string_view TrimLeft(std::string_view s);
std::string_view TrimRight(std::string_view s);
std::string_view Trim(std::string_view s);
bool IsBlank(std::string_view s);
bool EndsWithBlank(std::string_view s);
// Width of the leading blanks; U+3000 counts as two, like in the extracted layouts.
int LeadingIndent(std::string_view s);

// Lines without their '\n'; the views point into `text`.
std::vector<std::string_view> SplitLines(std::string_view text);

// Runs of blanks become one ASCII space; leading/trailing blanks go.
std::string CollapseSpaces(std::string_view s);
// Drops every blank: "발 행 일" -> "발행일", "KIC 중국" -> "KIC중국".
std::string RemoveSpaces(std::string_view s);
// Full-width ASCII forms (U+FF01..FF5E) become ASCII, U+3000 a space: "ＡＩ（２０２４）" ->
// "AI(2024)".
std::string FoldWidth(std::string_view s);
// ASCII letters to lower case; other bytes untouched.
std::string AsciiLower(std::string_view s);
// Cue form for fuzzy comparisons: width-folded, blanks and '/' removed, ASCII lower-cased, so that
// "주/간/동/향", "KIC 중국" and "ｋｉｃ중국" compare like "주간동향", "kic중국".
std::string CueForm(std::string_view s);

// "## 1. 제목" -> level 2, *text = "1. 제목". 0 when the line is no ATX heading.
int MarkdownHeadingLevel(std::string_view line, std::string_view* text);

// "\r\n", lone '\r' and form feeds (PDF page breaks) become '\n'. Trailing blanks stay: the line
// rejoining heuristic reads them.
std::string NormalizeNewlines(std::string_view text);

}  // namespace briefsearch::parse::internal
