// The part of a Lucene Weight over sub-queries that BooleanWeight defines and WordQuery and
// AndQuery keep, so that their scores equal the BooleanQuery's: the sub-weights' squared weights
// summed, times the boost squared; the normalisation passed down times the boost.
//
// Thread-safety: as any Weight: one per search.
#pragma once

#include <utility>
#include <vector>

#include "ComplexExplanation.h"
#include "server/common/lucene.h"

namespace briefsearch::index {

class GroupWeight : public Lucene::Weight {
 public:
  Lucene::QueryPtr getQuery() override { return query_; }
  double getValue() override { return query_->getBoost(); }
  double sumOfSquaredWeights() override {
    double sum = 0;
    for (const auto& w : weights_) sum += w->sumOfSquaredWeights();
    return sum * query_->getBoost() * query_->getBoost();
  }
  void normalize(double norm) override {
    for (const auto& w : weights_) w->normalize(norm * query_->getBoost());
  }

 protected:
  GroupWeight(Lucene::QueryPtr query, const Lucene::SearcherPtr& searcher)
      : query_(std::move(query)), similarity_(query_->getSimilarity(searcher)) {}

  // explain(): `sum` (the matching parts' explanations, its value set) times coord(matched/of).
  Lucene::ExplanationPtr CoordProduct(Lucene::ExplanationPtr sum, int matched, int of) const {
    const double coord = similarity_->coord(matched, of);
    auto result = Lucene::newLucene<Lucene::ComplexExplanation>(true, sum->getValue() * coord, L"product of:");
    result->addDetail(sum);
    result->addDetail(Lucene::newLucene<Lucene::Explanation>(
        coord, L"coord(" + Lucene::StringUtils::toString(matched) + L"/" +
                   Lucene::StringUtils::toString(of) + L")"));
    return result;
  }

  Lucene::QueryPtr query_;
  Lucene::SimilarityPtr similarity_;        // for coord
  std::vector<Lucene::WeightPtr> weights_;  // one per sub-query, filled by the subclass
};

}  // namespace briefsearch::index
