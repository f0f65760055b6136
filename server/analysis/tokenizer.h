// The grams field: words of alphabetic scripts and numbers whole, Hangul and Han runs into
// overlapping bigrams (Lucene CJKBigramFilter semantics), plus a unigram for a run of one character
// and for each run's last character, so that a one-character query can match anywhere through a
// prefix query. Options add the Korean spacing join, Traditional->Simplified folding and Hanja
// readings.
//
// Thread-safety: a pure function.
#pragma once

#include "server/analysis/normalizer.h"
#include "server/analysis/token.h"

namespace briefsearch::analysis {

struct TokenizerOptions {
  // Emit the run-final unigram (index side). The query side turns it off: a query word's bigrams
  // already pin its last character.
  bool final_unigram = true;
  // Between two Hangul runs separated only by white space, emit the bigram of the last and first
  // syllables at a position of its own, so 자율주행차량 as a phrase finds 자율주행 차량.
  bool join_spaced_hangul = false;
  // Fold Traditional Han to Simplified (國際 -> 国际) before bigramming.
  bool fold_han = false;
  // Add the Hangul reading of each Han bigram/unigram at the same position (人工 -> 인공).
  bool han_readings = false;
};

// Offsets in the result refer to the source text that `normalized` was built from.
TokenList Tokenize(const NormalizedText& normalized, const TokenizerOptions& options);

}  // namespace briefsearch::analysis
