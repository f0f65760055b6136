// Tests for server/analysis/analyzer.h: the golden token table (tests/testdata/analysis/tokens.tsv)
// and the offsets that map tokens back to the source text.
#include "server/analysis/analyzer.h"

#include <gtest/gtest.h>

#include <string>

#include "common/utf8.h"
#include "server/analysis/tokenizer.h"
#include "tests/server/golden_tsv.h"

namespace briefsearch::analysis {
namespace {

std::string Render(const TokenList& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += " ";
    out += WideToUtf8(t.text) + "@" + std::to_string(t.position);
  }
  return out;
}

TEST(AnalyzerGoldenTest, TokensMatchTable) {
  const Analyzer analyzer;
  const auto rows = testing_util::LoadGolden("analysis/tokens.tsv", 3);
  for (const auto& row : rows) {
    const std::string& input = row.columns[0];
    const std::string& side = row.columns[1];
    // "index"/"query": the full chain's grams field. "bigram-index"/"bigram-query": the tokenizer
    // with every extra off (no folding, readings or spacing joins), i.e. Lucene CJKBigramFilter
    // semantics, for the rows that quote Lucene's own test vectors.
    const bool plain = side.rfind("bigram-", 0) == 0;
    const std::string s = plain ? side.substr(7) : side;
    ASSERT_TRUE(s == "index" || s == "query") << "line " << row.line << ": bad side " << side;
    TokenList tokens;
    if (plain) {
      TokenizerOptions options;
      options.final_unigram = s == "index";
      tokens = Tokenize(Normalizer().Normalize(Utf8ToWide(input)), options);
    } else {
      tokens = analyzer.Analyze(Utf8ToWide(input), s == "index" ? Side::kIndex : Side::kQuery);
    }
    EXPECT_EQ(Render(tokens), row.columns[2])
        << "tokens.tsv:" << row.line << " input \"" << input << "\" (" << side << ")\n"
        << row.comment;
  }
}

// Offsets are code points of the source text, whatever normalisation did.
struct OffsetCase {
  const char* what;
  std::wstring source;
  // Each token's source slice, in emission order (index side).
  std::vector<std::wstring> slices;
};

TEST(AnalyzerOffsetsTest, TokensMapBackToSource) {
  const OffsetCase cases[] = {
      {"full-width letters map to their own code points", L"ＧＰＵ 칩", {L"ＧＰＵ", L"칩"}},
      {"plain Korean; the spacing join spans the space", L"중국 반도체",
       {L"중국", L"국", L"국 반", L"반도", L"도체", L"체"}},
      {"an interpunct inside a bigram is covered by it", L"한·중", {L"한·중", L"중"}},
      {"a ligature that expands to two letters", L"\uFB01le", {L"\uFB01le"}},
      {"㈜ expands to (주): the unigram maps to the whole symbol",
       L"㈜삼성",
       {L"㈜", L"삼성", L"성"}},
      {"digit-group commas are dropped from the text but covered by the offsets",
       L"약 50,000원",
       {L"약", L"50,000", L"원"}},
      {"supplementary-plane ideograph counts as one code point", L"𩬅艱", {L"𩬅艱", L"艱"}},
  };
  const Analyzer analyzer;
  for (const OffsetCase& c : cases) {
    const TokenList tokens = analyzer.Analyze(c.source, Side::kIndex);
    ASSERT_EQ(tokens.size(), c.slices.size()) << c.what << ": " << Render(tokens);
    for (size_t i = 0; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      ASSERT_GE(t.start, 0) << c.what;
      ASSERT_LT(t.start, t.end) << c.what;
      ASSERT_LE(t.end, static_cast<int32_t>(c.source.size())) << c.what;
      EXPECT_EQ(c.source.substr(t.start, t.end - t.start), c.slices[i])
          << c.what << ", token " << WideToUtf8(t.text);
    }
  }
}

TEST(AnalyzerOffsetsTest, FullWidthOffsetsAreExact) {
  const TokenList tokens = Analyzer().Analyze(L"가 ＧＰＵ", Side::kIndex);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[1].text, L"gpu");
  EXPECT_EQ(tokens[1].start, 2);
  EXPECT_EQ(tokens[1].end, 5);
}

TEST(AnalyzerKindsTest, KindsFollowTheRun) {
  const TokenList tokens = Analyzer().Analyze(L"GPU 반도체 칩 國際", Side::kIndex);
  ASSERT_EQ(tokens.size(), 9u) << Render(tokens);
  EXPECT_EQ(tokens[0].kind, TokenKind::kWord);
  EXPECT_EQ(tokens[1].kind, TokenKind::kBigram);
  EXPECT_EQ(tokens[2].kind, TokenKind::kBigram);
  EXPECT_EQ(tokens[3].kind, TokenKind::kUnigram);  // run-final 체
  EXPECT_EQ(tokens[4].kind, TokenKind::kJoin);     // 체 칩 across the space
  EXPECT_EQ(tokens[5].kind, TokenKind::kUnigram);  // one-syllable run 칩
  EXPECT_EQ(tokens[6].kind, TokenKind::kBigram);   // 国际, folded from 國際
  EXPECT_EQ(tokens[6].text, L"国际");
  EXPECT_EQ(tokens[7].kind, TokenKind::kReading);  // 국제
  EXPECT_EQ(tokens[7].text, L"국제");
  EXPECT_EQ(tokens[8].kind, TokenKind::kUnigram);
}

TEST(AnalyzerWordsTest, WordsFieldHoldsOneStemPerWord) {
  const AnalyzedText a =
      Analyzer().AnalyzeFields(L"베이징의 반도체를 batteries 人工智能 2022년", Side::kIndex);
  std::string words;
  for (const Token& t : a.words) words += WideToUtf8(t.text) + "@" + std::to_string(t.position) + " ";
  EXPECT_EQ(words, "베이징@0 반도체@1 batteri@2 人工智能@3 인공지능@3 2022@4 년@5 ");
}

TEST(AnalyzerSidesTest, QuerySideIsIndexSideWithoutRunFinalUnigrams) {
  // Whatever the query side emits, the index side emits too, at the same position: so a phrase
  // built from query tokens finds the text it came from.
  const Analyzer analyzer;
  for (const wchar_t* text : {L"중국 반도체 수출 규제", L"왕시원(王喜文) 연구원",
                              L"2022년 GDP 3.5%", L"多くの学生が試験に落ちた"}) {
    const TokenList index = analyzer.Analyze(text, Side::kIndex);
    for (const Token& q : analyzer.Analyze(text, Side::kQuery)) {
      bool found = false;
      for (const Token& t : index) found = found || (t == q);
      EXPECT_TRUE(found) << WideToUtf8(text) << ": query token " << WideToUtf8(q.text) << "@"
                         << q.position << " not on the index side";
    }
  }
}

TEST(AnalyzerTest, DecomposedHangulNeedsNfcFirst) {
  // The normaliser works code point by code point: the server applies NFC before analysis
  // (issue_validation / query parser), so conjoining jamo never reach it in practice. After NFC
  // the syllable analyses like any other.
  const std::string decomposed = "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xEA\xB5\xAD";  // 한 + 국
  const TokenList tokens = Analyzer().Analyze(Utf8ToWide(NfcUtf8(decomposed)), Side::kQuery);
  EXPECT_EQ(Render(tokens), "한국@0");
}

}  // namespace
}  // namespace briefsearch::analysis
