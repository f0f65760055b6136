// A scorer that can tell, for its current document, a score the document cannot exceed, for much
// less than scoring it: BM25 is below boost * idf * (k1 + 1) whatever the term frequency and the
// length. Collection asks for the bound first once it has a full page of hits, and scores only the
// documents whose bound beats the page's lowest score (most documents, for common words: one that
// has a word only in its body gets half its alternatives' coord). Results are exactly the same.
//
// Thread-safety: as the scorer that implements it.
#pragma once

namespace briefsearch::index {

class ScoreBound {
 public:
  virtual ~ScoreBound() = default;
  // At least score() of the current document, as the same floating-point sums give it; infinity
  // when it cannot tell (a clause of another kind).
  virtual double UpperBound() = 0;
};

}  // namespace briefsearch::index
