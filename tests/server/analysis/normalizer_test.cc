// Tests for server/analysis/normalizer.h: NFKC casefold per code point, interpunct unification
// and the map back to source code points.
#include "server/analysis/normalizer.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace briefsearch::analysis
