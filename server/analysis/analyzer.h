// The analysis chain, one object for the index side and the query side so that they always agree.
//
//   text -> Normalizer (NFKC casefold, interpuncts) -> runs of one script class
//        -> grams: words whole, CJK bigrams (Han folded to Simplified, with Hangul readings),
//                  run-final unigrams, bigrams across spaces between Hangul words
//        -> words: one token per run: Korean word minus particles/endings, English Porter stem,
//                  Han run folded (and its Hangul reading), numbers as they are
//
// The grams field answers phrases and partial words; the words field answers whole words with one
// term lookup and is what BM25 ranks.
//
// Thread-safety: immutable after construction; share one instance across all threads.
#pragma once

#include <string_view>

#include "server/analysis/normalizer.h"
#include "server/analysis/token.h"

namespace briefsearch::analysis {

enum class Side { kIndex, kQuery };

struct AnalyzedText {
  TokenList grams;
  TokenList words;
};

class Analyzer {
 public:
  Analyzer() = default;

  // Both fields of a title or body text. Offsets are code points of `text`.
  AnalyzedText AnalyzeFields(std::wstring_view text, Side side) const;

  // The grams field only (snippets, phrase planning).
  TokenList Analyze(std::wstring_view text, Side side) const;

  // Query-side grams of one query word, with the particle or ending of its last Hangul run cut
  // off (베이징의 -> the grams of 베이징), so the phrase also matches 베이징시 and 베이징에서. When
  // the cut leaves one syllable after other tokens, that syllable is dropped: the index has a
  // bigram there, never a unigram, and the words field still requires the word.
  TokenList QueryWordGrams(std::wstring_view word) const;

  // See Normalizer::PlainSearchFinds: which text of `text` (UTF-8) a substring search finds without
  // analysing it.
  Normalizer::PlainSearch PlainSearchFinds(std::string_view text) const {
    return normalizer_.PlainSearchFinds(text);
  }
  Normalizer::PlainSearch ScanHan(std::string_view text, Normalizer::PlainSearch known) const {
    return normalizer_.ScanHan(text, known);
  }

 private:
  Normalizer normalizer_;
};

}  // namespace briefsearch::analysis
