#include "server/analysis/analyzer.h"

#include "server/analysis/tokenizer.h"

namespace briefsearch::analysis {

TokenList Analyzer::Analyze(std::wstring_view text, Side side) const {
  TokenizerOptions options;
  options.final_unigram = side == Side::kIndex;
  return Tokenize(normalizer_.Normalize(text), options);
}

}  // namespace briefsearch::analysis
