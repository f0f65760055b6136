// Tests for server/query/snippet.h: window choice, highlight ranges, ellipses and the no-match
// fallback.
#include "server/query/snippet.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "common/utf8.h"

namespace briefsearch::query {
namespace {

class SnippetTest : public testing::Test {
 protected:
  Snippet Make(const std::string& body, HighlightTerms terms, int max_chars = 160) const {
    return MakeSnippet(body, analyzer_, terms, max_chars);
  }

  // The highlighted substrings, after checking every range is a valid, ordered, non-overlapping
  // byte range on code point boundaries.
  static std::vector<std::string> Highlighted(const Snippet& s) {
    std::vector<std::string> out;
    int previous_end = -1;
    for (const auto& [start, end] : s.highlights) {
      EXPECT_LE(0, start);
      EXPECT_LT(start, end);
      EXPECT_LE(end, static_cast<int>(s.text.size()));
      EXPECT_LT(previous_end, start) << "highlights overlap or touch";
      previous_end = end;
      const std::string piece = s.text.substr(start, end - start);
      EXPECT_TRUE(IsValidUtf8(piece)) << "highlight cuts a code point";
      out.push_back(piece);
    }
    return out;
  }

  static std::string Filler(int words) {
    std::string out;
    for (int i = 0; i < words; ++i) out += "lorem ";
    return out;
  }

  analysis::Analyzer analyzer_;
};

HighlightTerms Terms(std::set<std::wstring> terms, std::set<std::wstring> prefixes = {}) {
  return HighlightTerms{std::move(terms), std::move(prefixes)};
}

TEST_F(SnippetTest, ShortBodyWholeWithMergedBigramHighlight) {
  const Snippet s = Make("중국 반도체 수출", Terms({L"반도", L"도체"}));
  EXPECT_EQ(s.text, "중국 반도체 수출");
  // Overlapping bigrams 반도 and 도체 merge into one highlight covering the word.
  EXPECT_EQ(Highlighted(s), std::vector<std::string>({"반도체"}));
}

// Hangul-only terms are found by plain text search; the highlights must be the ones the analyzer
// would give: inside compounds, next to Han and Latin, in Han that reads as them, deep in a long
// body.
TEST_F(SnippetTest, HangulTermsHighlightInsideCompoundsAndNextToOtherScripts) {
  // 半导体 reads 반도체: the index gives it the reading's bigrams too.
  const Snippet s = Make("반도체산업(半导体)은 AI반도체 수출", Terms({L"반도", L"도체"}));
  EXPECT_EQ(Highlighted(s), std::vector<std::string>({"반도체", "半导体", "반도체"}));
  const Snippet deep = Make(Filler(100) + "베이징시 정부", Terms({L"베이", L"이징"}), 40);
  EXPECT_EQ(Highlighted(deep), std::vector<std::string>({"베이징"}));
  EXPECT_TRUE(deep.text.starts_with("… ")) << deep.text;
}

// A Han bigram and its Hangul reading stand for one query position: the first window showing
// either is as good as one showing both, so the body is not read further looking for the other.
// (Han text in the body yields both: the index side adds readings; Hangul text only the reading.)
TEST_F(SnippetTest, HanAndItsReadingCountAsOnePosition) {
  const std::string body = "국제 협력 플랫폼을 세웠다. " + Filler(120) + "国际 협력";
  HighlightTerms terms = Terms({L"国际", L"국제"});
  terms.positions = 1;
  const Snippet first = Make(body, terms, 60);
  EXPECT_TRUE(first.text.starts_with("국제 협력")) << first.text;
  EXPECT_EQ(Highlighted(first), std::vector<std::string>({"국제"}));
  terms.positions = 0;  // every term wanted: the later window with both forms wins
  const Snippet both = Make(body, terms, 60);
  EXPECT_TRUE(both.text.starts_with("… ")) << both.text;
  EXPECT_EQ(Highlighted(both), std::vector<std::string>({"国际"}));
}

TEST_F(SnippetTest, PrefixHighlightsOnlyTheCharacter) {
  const Snippet s = Make("한국 경제와 한", Terms({}, {L"한"}));
  EXPECT_EQ(Highlighted(s), std::vector<std::string>({"한", "한"}));
}

TEST_F(SnippetTest, LatinMatchIsCaseInsensitiveAndCoversTheSourceText) {
  const Snippet s = Make("Nvidia sells ＧＰＵ chips", Terms({L"gpu"}));
  EXPECT_EQ(Highlighted(s), std::vector<std::string>({"ＧＰＵ"}));
}

TEST_F(SnippetTest, NoTermsFallsBackToTheStart) {
  const std::string body = "첫 문장입니다. " + Filler(100);
  const Snippet s = Make(body, Terms({}));
  EXPECT_EQ(s.text.rfind("첫 문장입니다.", 0), 0u) << s.text;
  EXPECT_TRUE(s.highlights.empty());
  EXPECT_EQ(s.text.substr(s.text.size() - 4), " \xE2\x80\xA6") << "cut body ends with \" …\"";
}

TEST_F(SnippetTest, NoMatchFallsBackToTheStart) {
  const Snippet s = Make("첫 문장입니다. " + Filler(100), Terms({L"반도"}));
  EXPECT_EQ(s.text.rfind("첫 문장입니다.", 0), 0u) << s.text;
  EXPECT_TRUE(s.highlights.empty());
}

TEST_F(SnippetTest, HangulJoinedByCharactersThatFoldAwayIsStillFound) {
  // A soft hyphen (from a PDF's line break) and a zero-width space vanish in analysis, so the
  // index holds 반도 and 도체 here although the stored text never has them side by side.
  const Snippet s = Make("첫 문장. " + Filler(10) + "중국 반\u00AD도\u200B체 수출", Terms({L"반도", L"도체"}));
  EXPECT_EQ(Highlighted(s), std::vector<std::string>({"반\u00AD도\u200B체"})) << s.text;
}

TEST_F(SnippetTest, AsciiWordsHighlightOnlyWhereTheAnalyzerMakesThemTokens) {
  // "cosmic" and "SMICs" hold the letters of smic but are other tokens; "SMIC's" and "(SMIC)" cut
  // the word where the analyzer does.
  const Snippet s = Make("cosmic SMICs 화웨이와 SMIC's 반도체 (SMIC) 협력", Terms({L"smic", L"반도", L"도체"}));
  EXPECT_EQ(Highlighted(s), std::vector<std::string>({"SMIC", "반도체", "SMIC"})) << s.text;
  // The same answer as analysing the whole body (a term the plain search cannot take forces it).
  const Snippet analysed =
      Make("cosmic SMICs 화웨이와 SMIC's 반도체 (SMIC) 협력", Terms({L"smic", L"반도", L"도체", L"华为"}));
  EXPECT_EQ(Highlighted(analysed), Highlighted(s));
}

TEST_F(SnippetTest, PlainSearchFindsWhatAnalysisFinds) {
  // Short bodies (analysed in one piece) made of pieces that stress the plain search: words with
  // particles, ASCII inside longer words and next to Hangul, case, punctuation, full-width
  // letters and a soft hyphen (which force the analyzer). A Cyrillic term that never occurs forces
  // the analyzer for the same body: both must highlight the same text.
  // Han: Simplified and Traditional (經濟 folds to 经济), a compatibility ideograph (U+F9xx folds
  // to a unified one), half-width kana (folds to full-width), a squared era name (folds to 平成),
  // a soft hyphen between ideographs, Han next to Hangul and in parentheses.
  const char* pieces[] = {"반도체", "반도체를", "AI반도체", "SMIC", "smic's", "cosmic", "(SMIC)",
                          "수출", "수출입", "Ｓmic", "반\u00AD도체", "5G", "5g망", "정책", "·",
                          "“인공지능”", "AI", "ai-chip", "\n", "U.S.", "반도", "经济", "經濟",
                          "上海嘉定区", "嘉定", "嘉\u00AD定", "경제(经济)", "\uF9A8\uF9A8", "令令",
                          "ｶﾀｶﾅ", "カタカナ", "\u337B", "平成", "經济日报", "國際", "国际", "中·美",
                          "경제·국제", "日报", "국제경제"};
  const std::vector<std::set<std::wstring>> term_sets = {
      {L"반도", L"도체"}, {L"smic"}, {L"smic", L"수출"}, {L"ai", L"반도", L"도체"}, {L"5g"},
      {L"인공", L"공지", L"지능"}, {L"정책", L"수출"}, {L"经济"}, {L"嘉定", L"가정"},
      {L"经济", L"경제", L"수출"}, {L"令令"}, {L"カタ", L"タカ", L"カナ"}, {L"平成"}, {L"海嘉", L"嘉定"},
      {L"경제"}, {L"국제", L"협력"}, {L"일보"}};
  uint32_t seed = 7;
  const auto next = [&seed](uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
  };
  for (int round = 0; round < 300; ++round) {
    std::string body;
    const int n = 3 + static_cast<int>(next(12));
    for (int k = 0; k < n; ++k) {
      body += pieces[next(sizeof(pieces) / sizeof(pieces[0]))];
      body += next(3) == 0 ? "" : " ";
    }
    const std::set<std::wstring>& terms = term_sets[next(static_cast<uint32_t>(term_sets.size()))];
    std::set<std::wstring> forcing = terms;
    forcing.insert(L"жж");  // a term of another script: only the analyzer finds it
    const Snippet plain = Make(body, Terms(terms), 400);
    const Snippet analysed = Make(body, Terms(forcing), 400);
    ASSERT_EQ(Highlighted(plain), Highlighted(analysed)) << body;
    ASSERT_EQ(plain.text, analysed.text) << body;
    // Told at indexing that plain search cannot be trusted: the analyzer, same answer.
    const Snippet told = MakeSnippet(body, analyzer_, Terms(terms), 400,
                                     analysis::Normalizer::PlainSearch{.hangul = false, .latin = false});
    ASSERT_EQ(Highlighted(told), Highlighted(plain)) << body;
  }
}

TEST_F(SnippetTest, DeepMatchGetsLeadingEllipsisAndContext) {
  const std::string body = Filler(100) + "중국 반도체 굴기 " + Filler(100);
  const Snippet s = Make(body, Terms({L"반도", L"도체"}));
  EXPECT_EQ(s.text.rfind("\xE2\x80\xA6 ", 0), 0u) << "starts with \"… \": " << s.text;
  EXPECT_EQ(s.text.substr(s.text.size() - 4), " \xE2\x80\xA6");
  EXPECT_NE(s.text.find("중국 반도체"), std::string::npos) << "some context before the match";
  EXPECT_EQ(Highlighted(s), std::vector<std::string>({"반도체"}));
  // Starts at a word boundary: "… lorem", never "… orem".
  EXPECT_EQ(s.text.rfind("\xE2\x80\xA6 lorem", 0), 0u) << s.text;
  EXPECT_LE(Utf8ToWide(s.text).size(), 160u + 4u);
}

TEST_F(SnippetTest, CollapsesWhitespace) {
  const Snippet s = Make("  첫째\n\n둘째\t\t셋째 \u3000 끝  ", Terms({L"둘째"}));
  EXPECT_EQ(s.text, "첫째 둘째 셋째 끝");
  EXPECT_EQ(Highlighted(s), std::vector<std::string>({"둘째"}));
}

TEST_F(SnippetTest, PrefersTheWindowWithMoreDistinctTerms) {
  // 반도체 alone early on; later 반도체 and 수출 close together (about 140 characters apart).
  const std::string body = "반도체 " + Filler(40) + "반도체 " + Filler(23) + "수출 " + Filler(60);
  const Snippet s = Make(body, Terms({L"반도", L"도체", L"수출"}));
  const std::vector<std::string> h = Highlighted(s);
  EXPECT_EQ(h, std::vector<std::string>({"반도체", "수출"})) << s.text;
}

TEST_F(SnippetTest, ShortWindowStillShowsTheMatch) {
  // With a small window the lead-in is short; the word-boundary adjustment must not skip past the
  // match when the match is glued to the word before it.
  const std::string body = Filler(10) + "abcdefghij반도체 끝 " + Filler(10);
  const Snippet s = Make(body, Terms({L"반도", L"도체"}), 20);
  EXPECT_EQ(Highlighted(s), std::vector<std::string>({"반도체"})) << s.text;
}

TEST_F(SnippetTest, EmptyBody) {
  const Snippet s = Make("", Terms({L"반도"}));
  EXPECT_EQ(s.text, "");
  EXPECT_TRUE(s.highlights.empty());
}

}  // namespace
}  // namespace briefsearch::query
