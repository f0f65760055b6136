// Tests for server/analysis/normalizer.h: NFKC casefold per code point, interpunct unification
// and the map back to source code points.
#include "server/analysis/normalizer.h"

#include <gtest/gtest.h>

#include <cctype>

#include "common/utf8.h"

namespace briefsearch::analysis {
namespace {

struct FoldCase {
  const char* what;
  std::wstring source;
  std::wstring expected;
};

TEST(NormalizerTest, FoldsTable) {
  const FoldCase cases[] = {
      {"ASCII upper case", L"GPU Chip", L"gpu chip"},
      {"full-width Latin and digits", L"ＧＰＵ２０", L"gpu20"},
      {"Hangul syllables unchanged", L"반도체", L"반도체"},
      {"Han unchanged", L"王喜文", L"王喜文"},
      {"Roman numeral", L"Ⅻ", L"xii"},
      {"sharp s casefolds", L"ß", L"ss"},
      {"ideographic space becomes a space", L"가\u3000나", L"가 나"},
      {"U+00B7 middle dot stays", L"한·중", L"한·중"},
      {"U+318D araea-as-interpunct", L"노\u318D사", L"노·사"},
      {"katakana middle dot", L"日\u30FB中", L"日·中"},
      {"halfwidth katakana middle dot", L"a\uFF65b", L"a·b"},
      {"hyphenation point, bullet and dot operators", L"\u2027\u2219\u22C5", L"···"},
      {"compatibility jamo becomes conjoining jamo", L"\u314B", L"\u110F"},
      {"empty", L"", L""},
  };
  const Normalizer normalizer;
  for (const FoldCase& c : cases) {
    EXPECT_EQ(WideToUtf8(normalizer.Normalize(c.source).text), WideToUtf8(c.expected)) << c.what;
  }
}

TEST(NormalizerTest, OffsetMapHasOneEntryPerOutputCharacter) {
  const Normalizer normalizer;
  // ㈜ (1 code point) -> "(주)" (3), ﬁ -> "fi" (2).
  const NormalizedText n = normalizer.Normalize(L"a㈜\uFB01");
  EXPECT_EQ(n.text, L"a(주)fi");
  ASSERT_EQ(n.source_start.size(), n.text.size());
  ASSERT_EQ(n.source_end.size(), n.text.size());
  const std::vector<int32_t> start = {0, 1, 1, 1, 2, 2};
  const std::vector<int32_t> end = {1, 2, 2, 2, 3, 3};
  EXPECT_EQ(n.source_start, start);
  EXPECT_EQ(n.source_end, end);
}

bool IsSyllable(wchar_t c) { return c >= 0xAC00 && c <= 0xD7A3; }
bool IsAsciiAlnum(wchar_t c) { return c < 0x80 && std::isalnum(static_cast<int>(c)); }

// The maximal runs of characters `in` holds, in order (ASCII lowercased).
std::vector<std::wstring> Runs(const std::wstring& text, bool (*in)(wchar_t)) {
  std::vector<std::wstring> runs;
  std::wstring run;
  for (wchar_t c : text) {
    if (in(c)) {
      run.push_back(c >= L'A' && c <= L'Z' ? c + 32 : c);
    } else if (!run.empty()) {
      runs.push_back(std::move(run));
      run.clear();
    }
  }
  if (!run.empty()) runs.push_back(std::move(run));
  return runs;
}

TEST(NormalizerTest, PlainSearchFindsNamesTextWhoseSyllablesAndAsciiWordsSurvive) {
  const Normalizer normalizer;
  const auto finds = [&](const std::wstring& text) {
    const Normalizer::PlainSearch f = normalizer.PlainSearchFinds(WideToUtf8(text));
    return std::make_pair(f.hangul, f.latin);
  };
  using P = std::pair<bool, bool>;
  EXPECT_EQ(finds(L"중국 반도체(半導體) AI·GPU 한·중 “정책” ㄱ café"), P(true, true));
  EXPECT_EQ(finds(L""), P(true, true));
  EXPECT_EQ(finds(L"반\u00AD도체"), P(false, false)) << "soft hyphen folds to nothing";
  EXPECT_EQ(finds(L"반\u200B도체"), P(false, false)) << "zero-width space";
  EXPECT_EQ(finds(L"반\u326E"), P(false, true)) << "circled ㉮ folds to 가";
  EXPECT_EQ(finds(L"㈜삼성"), P(false, true)) << "㈜ folds to (주)";
  EXPECT_EQ(finds(L"ＧＰＵ 반도체"), P(true, false)) << "full-width letters fold to ASCII";
  EXPECT_EQ(finds(L"Ⅻ ﬁ"), P(true, false));
  // Every BMP code point between two syllables and two letters: when the text is said to keep
  // them, the normalised text has the same runs of syllables / ASCII letters and digits (what a
  // plain substring search relies on).
  for (wchar_t c = 1; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::wstring text = std::wstring(L"가") + c + L"나 A" + c + L"b";
    const Normalizer::PlainSearch f = normalizer.PlainSearchFinds(WideToUtf8(text));
    const std::wstring normalized = normalizer.Normalize(text).text;
    if (f.hangul) {
      ASSERT_EQ(Runs(normalized, IsSyllable), Runs(text, IsSyllable)) << "U+" << std::hex << static_cast<int>(c);
    }
    if (f.latin) {
      ASSERT_EQ(Runs(normalized, IsAsciiAlnum), Runs(text, IsAsciiAlnum)) << "U+" << std::hex << static_cast<int>(c);
    }
  }
}

}  // namespace
}  // namespace briefsearch::analysis
