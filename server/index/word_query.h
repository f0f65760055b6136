// One query word in any of its forms and fields: the sum of its Bm25TermQuery alternatives' scores
// (title word, body word, a Han word's Hangul reading...), times Lucene's coord for how many of
// them matched.
//
// This is what a BooleanQuery of SHOULD Bm25TermQuery clauses computes, score for score, but
// Lucene++ runs that through BooleanScorer2 and DisjunctionSumScorer, whose heap moves a
// shared_ptr (two atomic reference counts) per posting: at 1M articles that heap was 38% of the
// CPU of a two-common-word query (docs/BENCHMARKS.md, "One scorer per word"). A word has two to
// four alternatives, so a plain scan for the smallest document replaces the heap.
//
// Coord is as Lucene++ 3.0.8's BooleanScorer2 gives it: matched / alternatives (a segment without
// a term still counts it: Lucene++ gives an empty TermDocs, not none).
//
// Thread-safety: as any Lucene query: built per request, weights and scorers per search.
#pragma once

#include <vector>

#include "server/common/lucene.h"
#include "server/index/bm25.h"

namespace briefsearch::index {

class WordQuery : public Lucene::Query {
 public:
  explicit WordQuery(std::vector<boost::shared_ptr<Bm25TermQuery>> alternatives);
  ~WordQuery() override;
  using String = Lucene::String;  // LUCENE_CLASS expects it unqualified
  LUCENE_CLASS(WordQuery);

  Lucene::WeightPtr createWeight(const Lucene::SearcherPtr& searcher) override;
  String toString(const String& field) override;
  void extractTerms(Lucene::SetTerm terms) override;
  Lucene::LuceneObjectPtr clone(const Lucene::LuceneObjectPtr& other = Lucene::LuceneObjectPtr()) override;
  bool equals(const Lucene::LuceneObjectPtr& other) override;
  int32_t hashCode() override;

  const std::vector<boost::shared_ptr<Bm25TermQuery>>& alternatives() const { return alternatives_; }

 private:
  std::vector<boost::shared_ptr<Bm25TermQuery>> alternatives_;
};

}  // namespace briefsearch::index
