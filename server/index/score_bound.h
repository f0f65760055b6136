// A scorer that can tell, for much less than scoring, scores its documents cannot exceed:
// BM25 is below boost * idf * (k1 + 1) whatever the term frequency and the length.
//
// Two uses, both exact (the same hits in the same order as scoring everything):
// - UpperBound(): collection asks for the current document's bound first once it has a full page,
//   and scores only the documents whose bound beats the page's lowest score (most documents, for
//   common words: one that has a word only in its body gets half its alternatives' coord).
// - SkipScoresUpTo(): once the count of matches may stop being exact (the request's
//   track_total_hits), collection tells the scorer the page's lowest score, and the scorer stops
//   visiting documents that cannot beat it, as Lucene 8 does: whole windows of 64 documents whose
//   bound (window_maxima.h) cannot beat it are passed over (block-max); a word whose title
//   alternative is needed to beat it whatever its body scores is walked through its title
//   postings alone (MaxScore). Documents passed over are not counted.
//
// Scores are compared as the same floating-point sums give them: a sum of per-element bounds,
// added in the same order, is never below the sum of the elements (rounding is monotone).
//
// Thread-safety: as the scorer that implements it.
#pragma once

#include <cstdint>

namespace briefsearch::index {

class ScoreBound {
 public:
  virtual ~ScoreBound() = default;
  // At least score() of the current document; infinity when it cannot tell (a clause of another
  // kind).
  virtual double UpperBound() = 0;
  // At least score() of any document of the segment; infinity when it cannot tell.
  virtual double MaxScore() = 0;
  // At least score() of any document of window `w` (index/window_maxima.h): 0 or more.
  virtual double WindowBound(int32_t w) = 0;
  // Documents scoring at most `min_score` are not wanted any more: later nextDoc()/advance() calls
  // may pass over them (never over a document that could score more). Calls only ever raise it.
  virtual void SkipScoresUpTo(double min_score) = 0;
};

}  // namespace briefsearch::index
