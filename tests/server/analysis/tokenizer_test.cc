// Tests for server/analysis/tokenizer.h used directly: options and offsets through a normaliser.
#include "server/analysis/tokenizer.h"

#include <gtest/gtest.h>

#include "common/utf8.h"

namespace briefsearch::analysis {
namespace {

TokenList TokenizeText(const std::wstring& text, bool final_unigram) {
  TokenizerOptions options;
  options.final_unigram = final_unigram;
  return Tokenize(Normalizer().Normalize(text), options);
}

TEST(TokenizerTest, FinalUnigramOptionControlsOnlyTheRunFinalUnigram) {
  const TokenList with = TokenizeText(L"반도체 칩", true);
  const TokenList without = TokenizeText(L"반도체 칩", false);
  ASSERT_EQ(with.size(), 4u);     // 반도 도체 체 칩
  ASSERT_EQ(without.size(), 3u);  // 반도 도체 칩 (a one-syllable run keeps its unigram)
  EXPECT_EQ(with[2].text, L"체");
  EXPECT_EQ(with[2].position, 1);
  EXPECT_EQ(with[2].kind, TokenKind::kUnigram);
  EXPECT_EQ(without[2].text, L"칩");
  EXPECT_EQ(without[2].position, 2);
  EXPECT_EQ(with[3], without[2]);
}

TEST(TokenizerTest, BigramOffsetsSpanBothCharacters) {
  const TokenList t = TokenizeText(L"  한국어", true);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ((Token{L"한국", 0, 2, 4, TokenKind::kBigram}), t[0]);
  EXPECT_EQ((Token{L"국어", 1, 3, 5, TokenKind::kBigram}), t[1]);
  EXPECT_EQ((Token{L"어", 1, 4, 5, TokenKind::kUnigram}), t[2]);
}

TEST(TokenizerTest, WordOffsetsSpanTheWholeNumber) {
  const TokenList t = TokenizeText(L"GDP 1,234.5조", true);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ((Token{L"gdp", 0, 0, 3, TokenKind::kWord}), t[0]);
  EXPECT_EQ((Token{L"1234.5", 1, 4, 11, TokenKind::kWord}), t[1]);
  EXPECT_EQ((Token{L"조", 2, 11, 12, TokenKind::kUnigram}), t[2]);
}

TEST(TokenizerTest, EmptyInput) { EXPECT_TRUE(TokenizeText(L"", true).empty()); }

}  // namespace
}  // namespace briefsearch::analysis
