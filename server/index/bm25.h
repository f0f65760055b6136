// Okapi BM25 for single terms, as a Lucene++ Query. Lucene++ 3.0.8 scores with TF-IDF and keeps
// document length only as a one-byte norm inside its Similarity, where BM25's saturating tf cannot
// see it; this query reads exact per-document lengths from an indexed length field through the
// FieldCache (cached per segment) and takes the collection's average length from the snapshot.
//
//   score = boost * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avglen))
//   idf   = ln(1 + (N - df + 0.5) / (df + 0.5))
//
// Thread-safety: queries are built per request; weights and scorers per search, as in Lucene.
#pragma once

#include <string>

#include "server/common/lucene.h"

namespace briefsearch::index {

struct Bm25Params {
  double k1 = 1.2;
  double b = 0.75;
};

class Bm25TermQuery : public Lucene::Query {
 public:
  // `length_field` holds each document's token count of the term's field, as a decimal keyword.
  Bm25TermQuery(Lucene::TermPtr term, std::wstring length_field, double average_length,
                Bm25Params params);
  ~Bm25TermQuery() override;
  using String = Lucene::String;  // LUCENE_CLASS expects it unqualified
  LUCENE_CLASS(Bm25TermQuery);

  Lucene::WeightPtr createWeight(const Lucene::SearcherPtr& searcher) override;
  String toString(const String& field) override;
  void extractTerms(Lucene::SetTerm terms) override;
  Lucene::LuceneObjectPtr clone(const Lucene::LuceneObjectPtr& other = Lucene::LuceneObjectPtr()) override;
  bool equals(const Lucene::LuceneObjectPtr& other) override;
  int32_t hashCode() override;

  const Lucene::TermPtr& term() const { return term_; }
  const std::wstring& length_field() const { return length_field_; }
  double average_length() const { return average_length_; }
  const Bm25Params& params() const { return params_; }

 private:
  Lucene::TermPtr term_;
  std::wstring length_field_;
  double average_length_;
  Bm25Params params_;
};

}  // namespace briefsearch::index
