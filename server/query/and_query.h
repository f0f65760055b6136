// Clauses that must all match: the sum of their scores, as a BooleanQuery of MUST clauses gives it
// (with Lucene's coord for all clauses matching), but walked by one small conjunction.
//
// Lucene++ 3.0.8's ConjunctionScorer copies a shared_ptr (two atomic reference-count updates) for
// every step of its loop, and BooleanScorer2 wraps it in two more scorers: at 1M articles that
// was a fifth of a two-common-word query's CPU (docs/BENCHMARKS.md, "One scorer per word"). Here
// the clause with the fewest postings leads and the others are advanced to it.
//
// Thread-safety: as any Lucene query: built per request, weights and scorers per search.
#pragma once

#include <vector>

#include "server/common/lucene.h"

namespace briefsearch::query {

class AndQuery : public Lucene::Query {
 public:
  explicit AndQuery(std::vector<Lucene::QueryPtr> clauses);
  ~AndQuery() override;
  using String = Lucene::String;  // LUCENE_CLASS expects it unqualified
  LUCENE_CLASS(AndQuery);

  Lucene::WeightPtr createWeight(const Lucene::SearcherPtr& searcher) override;
  Lucene::QueryPtr rewrite(const Lucene::IndexReaderPtr& reader) override;
  String toString(const String& field) override;
  void extractTerms(Lucene::SetTerm terms) override;
  Lucene::LuceneObjectPtr clone(const Lucene::LuceneObjectPtr& other = Lucene::LuceneObjectPtr()) override;
  bool equals(const Lucene::LuceneObjectPtr& other) override;
  int32_t hashCode() override;

  const std::vector<Lucene::QueryPtr>& clauses() const { return clauses_; }

 private:
  std::vector<Lucene::QueryPtr> clauses_;
};

}  // namespace briefsearch::query
