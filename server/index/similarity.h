// Scoring for the clauses that are not BM25TermQuery (gram phrases, prefixes): Lucene's classic
// formula with BM25's saturating tf and idf, and no query normalisation, so phrase scores sit on
// the same scale as the BM25 word scores they are added to. Length normalisation stays the
// one-byte norm Lucene++ stores (1/sqrt(length)); exact lengths are BM25TermQuery's job.
#pragma once

#include "server/common/lucene.h"

namespace briefsearch::index {

class Bm25LikeSimilarity : public Lucene::DefaultSimilarity {
 public:
  explicit Bm25LikeSimilarity(double k1 = 1.2) : k1_(k1) {}
  using String = Lucene::String;  // LUCENE_CLASS expects it unqualified
  LUCENE_CLASS(Bm25LikeSimilarity);

  double tf(double freq) override { return freq <= 0 ? 0 : freq * (k1_ + 1) / (freq + k1_); }
  double idf(int32_t doc_freq, int32_t num_docs) override;
  double queryNorm(double) override { return 1.0; }

 private:
  double k1_;
};

}  // namespace briefsearch::index
