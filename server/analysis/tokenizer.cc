#include "server/analysis/tokenizer.h"

#include "server/analysis/han_tables.h"
#include "server/analysis/runs.h"

namespace briefsearch::analysis {
namespace {

class GramEmitter {
 public:
  GramEmitter(const NormalizedText& n, const TokenizerOptions& o, TokenList* out)
      : n_(n), options_(o), out_(out) {}

  void Word(const Run& run) {
    Add(TextOf(n_, run), position_++, run.chars.front(), run.chars.back(), TokenKind::kWord);
  }

  void Cjk(const Run& run, const Run* previous) {
    std::wstring raw, chars;
    for (int32_t idx : run.chars) {
      raw.push_back(n_.text[idx]);
      chars.push_back(Fold(n_.text[idx], run.cls));
    }
    if (options_.join_spaced_hangul && run.cls == CharClass::kHangul && previous != nullptr &&
        run.spaced_from_previous) {
      const int32_t last = previous->chars.back();
      Add({Fold(n_.text[last], run.cls), chars[0]}, position_++, last, run.chars.front(),
          TokenKind::kJoin);
    }
    // Readings come from the characters as written: folding first would lose a few (乾 건 -> 干 간).
    const std::wstring reading = Reading(raw, run.cls);
    const auto& c = run.chars;
    if (c.size() == 1) {
      Add(chars.substr(0, 1), position_, c[0], c[0], TokenKind::kUnigram);
      if (!reading.empty()) Add(reading, position_, c[0], c[0], TokenKind::kReading);
      ++position_;
      return;
    }
    for (size_t k = 0; k + 1 < c.size(); ++k) {
      Add(chars.substr(k, 2), position_, c[k], c[k + 1], TokenKind::kBigram);
      if (!reading.empty()) Add(reading.substr(k, 2), position_, c[k], c[k + 1], TokenKind::kReading);
      ++position_;
    }
    if (options_.final_unigram) {
      Add(chars.substr(c.size() - 1), position_ - 1, c.back(), c.back(), TokenKind::kUnigram);
    }
  }

 private:
  wchar_t Fold(wchar_t c, CharClass cls) const {
    if (!options_.fold_han || cls != CharClass::kHan) return c;
    return static_cast<wchar_t>(FoldHan(static_cast<char32_t>(c)));
  }

  // The run's reading, one syllable per character, or "" when any character has none.
  std::wstring Reading(const std::wstring& chars, CharClass cls) const {
    if (!options_.han_readings || cls != CharClass::kHan) return L"";
    return HangulReading(chars);
  }

  void Add(std::wstring text, int32_t position, int32_t first, int32_t last, TokenKind kind) {
    out_->push_back(Token{std::move(text), position, n_.source_start[first], n_.source_end[last], kind});
  }

  const NormalizedText& n_;
  const TokenizerOptions& options_;
  TokenList* out_;
  int32_t position_ = 0;
};

}  // namespace

TokenList Tokenize(const NormalizedText& normalized, const TokenizerOptions& options) {
  TokenList out;
  // About one gram per character (CJK bigrams overlap by one); growing the vector from empty cost
  // a tenth of snippet time in reallocations.
  out.reserve(normalized.text.size() + 8);
  GramEmitter emit(normalized, options, &out);
  const std::vector<Run> runs = SplitRuns(normalized);
  for (size_t i = 0; i < runs.size(); ++i) {
    if (runs[i].cls == CharClass::kWord) {
      emit.Word(runs[i]);
    } else {
      emit.Cjk(runs[i], i > 0 ? &runs[i - 1] : nullptr);
    }
  }
  return out;
}

}  // namespace briefsearch::analysis
