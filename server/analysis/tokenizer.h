// Splits normalised text into tokens: words of alphabetic scripts and numbers whole, Hangul and Han
// runs into overlapping bigrams (Lucene CJKBigramFilter semantics), plus a unigram for a run of one
// character and for each run's last character, so that a one-character query can match anywhere
// through a prefix query on the same field.
//
// Thread-safety: a pure function.
#pragma once

#include <string_view>

#include "server/analysis/normalizer.h"
#include "server/analysis/token.h"

namespace briefsearch::analysis {

struct TokenizerOptions {
  // Emit the run-final unigram (index side). The query side turns it off: a query word's bigrams
  // already pin its last character.
  bool final_unigram = true;
};

// Offsets in the result refer to the source text that `normalized` was built from.
TokenList Tokenize(const NormalizedText& normalized, const TokenizerOptions& options);

}  // namespace briefsearch::analysis
