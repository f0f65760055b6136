// The analysis chain, one object for the index side and the query side so that they always agree:
// normalise (NFKC casefold, interpuncts) -> split into runs -> words whole, CJK runs into bigrams.
//
// Thread-safety: immutable after construction; share one instance across all threads.
#pragma once

#include <string_view>

#include "server/analysis/normalizer.h"
#include "server/analysis/token.h"

namespace briefsearch::analysis {

enum class Side { kIndex, kQuery };

class Analyzer {
 public:
  Analyzer() = default;

  // Tokens of a title or body text. Offsets are code points of `text`.
  TokenList Analyze(std::wstring_view text, Side side) const;

 private:
  Normalizer normalizer_;
};

}  // namespace briefsearch::analysis
