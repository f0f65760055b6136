// A quoted phrase (or a rare word's gram fallback) in one or more gram fields: the sum of the
// fields' exact-phrase scores times Lucene's coord, as the BooleanQuery of SHOULD MultiPhraseQuery
// clauses it replaces gives it: per field tf(phrase frequency) * weight value * field norm.
//
// Why not Lucene++'s MultiPhraseQuery: its scorer reads every position of every term in every
// document that has all the terms, and a term repeated in the phrase ("중국 중국") is read twice.
// At 100k articles a common phrase took 67 ms. This scorer finds candidates from the terms'
// documents and frequencies first and reads positions only for candidates that could matter:
//
// - A document's phrase frequency is at most, for every phrase position, how often that
//   position's terms occur in it, so its score is bounded before any position is read
//   (ScoreBound). Once the collector no longer needs an exact count (track_total_hits) and has a
//   full page, a candidate whose bound cannot beat the page is passed over unread.
// - Each distinct term's positions are read once per document, shared by the phrase positions
//   that use it.
// - The phrase position with the fewest documents leads the conjunction.
//
// Phrase frequency is the number of distinct start positions where every phrase position has one
// of its terms. Lucene++'s MultipleTermPositions counts a start twice when two alternatives of a
// position (a Han bigram and its Hangul reading) stand at the same document position; that is the
// only case where the scores differ.
//
// Thread-safety: as any Lucene query: built per request, weights and scorers per search.
#pragma once

#include <vector>

#include "server/common/lucene.h"

namespace briefsearch::index {

class GramPhraseQuery : public Lucene::Query {
 public:
  // One exact phrase (slop 0, at least two positions) per field, each with its boost.
  explicit GramPhraseQuery(std::vector<Lucene::MultiPhraseQueryPtr> fields);
  ~GramPhraseQuery() override;
  using String = Lucene::String;  // LUCENE_CLASS expects it unqualified
  LUCENE_CLASS(GramPhraseQuery);

  Lucene::WeightPtr createWeight(const Lucene::SearcherPtr& searcher) override;
  String toString(const String& field) override;
  void extractTerms(Lucene::SetTerm terms) override;
  Lucene::LuceneObjectPtr clone(const Lucene::LuceneObjectPtr& other = Lucene::LuceneObjectPtr()) override;
  bool equals(const Lucene::LuceneObjectPtr& other) override;
  int32_t hashCode() override;

  const std::vector<Lucene::MultiPhraseQueryPtr>& fields() const { return fields_; }

 private:
  std::vector<Lucene::MultiPhraseQueryPtr> fields_;
};

}  // namespace briefsearch::index
