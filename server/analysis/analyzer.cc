#include "server/analysis/analyzer.h"

#include "server/analysis/english_stem.h"
#include "server/analysis/han_tables.h"
#include "server/analysis/korean_word.h"
#include "server/analysis/runs.h"
#include "server/analysis/tokenizer.h"

namespace briefsearch::analysis {
namespace {

TokenizerOptions GramOptions(Side side) {
  TokenizerOptions options;
  options.final_unigram = side == Side::kIndex;
  options.join_spaced_hangul = true;
  options.fold_han = true;
  options.han_readings = true;
  return options;
}

TokenList Words(const NormalizedText& n) {
  TokenList out;
  int32_t position = 0;
  for (const Run& run : SplitRuns(n)) {
    const int32_t start = n.source_start[run.chars.front()];
    const int32_t end = n.source_end[run.chars.back()];
    std::wstring text = TextOf(n, run);
    switch (run.cls) {
      case CharClass::kWord:
        out.push_back(Token{StemEnglish(text), position, start, end, TokenKind::kStem});
        break;
      case CharClass::kHangul: {
        std::wstring stem = StemKoreanWord(text);
        if (stem.empty()) continue;  // a lone particle (the 를 of "AI를") carries no meaning
        out.push_back(Token{std::move(stem), position, start, end, TokenKind::kStem});
        break;
      }
      case CharClass::kHan: {
        std::wstring reading = HangulReading(text);  // before folding: see tokenizer.cc
        for (wchar_t& c : text) c = static_cast<wchar_t>(FoldHan(static_cast<char32_t>(c)));
        out.push_back(Token{std::move(text), position, start, end, TokenKind::kWord});
        if (!reading.empty()) out.push_back(Token{std::move(reading), position, start, end, TokenKind::kReading});
        break;
      }
      case CharClass::kSpace:
        continue;
    }
    ++position;
  }
  return out;
}

}  // namespace

const char* KindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord: return "word";
    case TokenKind::kBigram: return "bigram";
    case TokenKind::kUnigram: return "unigram";
    case TokenKind::kJoin: return "join";
    case TokenKind::kReading: return "reading";
    case TokenKind::kStem: return "stem";
  }
  return "?";
}

AnalyzedText Analyzer::AnalyzeFields(std::wstring_view text, Side side) const {
  const NormalizedText n = normalizer_.Normalize(text);
  return AnalyzedText{Tokenize(n, GramOptions(side)), Words(n)};
}

TokenList Analyzer::QueryWordGrams(std::wstring_view word) const {
  NormalizedText n = normalizer_.Normalize(word);
  const std::vector<Run> runs = SplitRuns(n);
  if (runs.empty() || runs.back().cls != CharClass::kHangul) {
    return Tokenize(n, GramOptions(Side::kQuery));
  }
  const Run& last = runs.back();
  const std::wstring stem = StemKoreanWord(TextOf(n, last));
  if (stem.empty() && runs.size() == 1) return Tokenize(n, GramOptions(Side::kQuery));
  if (stem.size() >= last.chars.size()) return Tokenize(n, GramOptions(Side::kQuery));
  // Cut the normalised text right after the stem (the stem is a prefix of the run).
  const size_t cut = static_cast<size_t>(last.chars[stem.size()]);
  n.text.resize(cut);
  n.source_start.resize(cut);
  n.source_end.resize(cut);
  TokenList grams = Tokenize(n, GramOptions(Side::kQuery));
  if (stem.size() == 1 && runs.size() > 1 && !grams.empty() &&
      grams.back().kind == TokenKind::kUnigram) {
    grams.pop_back();
    while (!grams.empty() && grams.back().kind == TokenKind::kJoin) grams.pop_back();
  }
  return grams;
}

TokenList Analyzer::Analyze(std::wstring_view text, Side side) const {
  return Tokenize(normalizer_.Normalize(text), GramOptions(side));
}

}  // namespace briefsearch::analysis
