#include "server/query/and_query.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>

#include "ComplexExplanation.h"
#include "Searcher.h"
#include "Similarity.h"
#include "server/index/group_weight.h"
#include "server/index/query_parts.h"
#include "server/index/score_bound.h"
#include "server/index/window_maxima.h"

namespace briefsearch::query {
namespace {

using Lucene::newLucene;
const int32_t kNoMoreDocs = Lucene::DocIdSetIterator::NO_MORE_DOCS;

class AndScorer : public Lucene::Scorer, public index::ScoreBound {
 public:
  // `scorers` lead in this order (fewest postings first).
  AndScorer(const Lucene::WeightPtr& weight, std::vector<Lucene::ScorerPtr> scorers, double coord)
      : Scorer(weight), scorers_(std::move(scorers)), docs_(scorers_.size(), -1), coord_(coord) {
    for (const Lucene::ScorerPtr& s : scorers_) {
      auto* b = dynamic_cast<index::ScoreBound*>(s.get());
      if (b == nullptr) {
        bounds_.clear();  // a clause without a bound: neither has the whole
        break;
      }
      bounds_.push_back(b);
    }
  }

  using String = Lucene::String;
  LUCENE_CLASS(AndScorer);

  int32_t docID() override { return doc_; }
  int32_t nextDoc() override {
    if (exhausted_) return doc_ = kNoMoreDocs;
    return Align(docs_[0] = scorers_[0]->nextDoc());
  }
  int32_t advance(int32_t target) override {
    if (exhausted_) return doc_ = kNoMoreDocs;
    return Align(docs_[0] = docs_[0] >= target ? docs_[0] : scorers_[0]->advance(target));
  }
  double score() override {
    double sum = 0;
    for (const Lucene::ScorerPtr& s : scorers_) sum += s->score();
    return sum * coord_;
  }
  double UpperBound() override {
    if (bounds_.empty()) return std::numeric_limits<double>::infinity();
    double sum = 0;
    for (index::ScoreBound* b : bounds_) sum += b->UpperBound();
    return sum * coord_;
  }
  double MaxScore() override {
    if (bounds_.empty()) return std::numeric_limits<double>::infinity();
    double sum = 0;
    for (index::ScoreBound* b : bounds_) sum += b->MaxScore();
    return sum * coord_;
  }
  double WindowBound(int32_t w) override {
    if (bounds_.empty()) return std::numeric_limits<double>::infinity();
    double sum = 0;
    for (index::ScoreBound* b : bounds_) sum += b->WindowBound(w);
    return sum * coord_;
  }

  // Clause i is told the most it can score on a document that cannot beat `min_score` whatever
  // the others score: min_score / coord less the others' maxima, lowered until the sum with the
  // others' maxima, added in score()'s order, is at most min_score.
  void SkipScoresUpTo(double min_score) override {
    if (bounds_.empty()) return;
    min_score_ = min_score;
    if (maxima_.empty()) {  // the same for the scorer's life
      for (index::ScoreBound* b : bounds_) maxima_.push_back(b->MaxScore());
    }
    const std::vector<double>& maxima = maxima_;
    const auto sum_with = [&](size_t i, double value) {
      double sum = 0;
      for (size_t j = 0; j < maxima.size(); ++j) sum += j == i ? value : maxima[j];
      return sum * coord_;
    };
    if (sum_with(maxima.size(), 0) <= min_score) {  // every clause at its maximum
      exhausted_ = true;
      return;
    }
    for (size_t i = 0; i < bounds_.size(); ++i) {
      double others = 0;
      for (size_t j = 0; j < maxima.size(); ++j) others += j == i ? 0 : maxima[j];
      double floor = min_score / coord_ - others;
      for (int tries = 0; floor > 0 && sum_with(i, floor) > min_score && tries < 8; ++tries) {
        floor -= std::max(std::abs(floor), std::abs(min_score)) * 1e-12;
      }
      if (floor > 0 && sum_with(i, floor) <= min_score) bounds_[i]->SkipScoresUpTo(floor);
    }
  }

 private:
  // The first document at or after the lead's `candidate` that every clause has (in a window
  // whose bound beats min_score_).
  int32_t Align(int32_t candidate) {
    for (;;) {
      if (candidate == kNoMoreDocs) return doc_ = kNoMoreDocs;
      if (min_score_ >= 0 && index::WindowOf(candidate) != open_window_) {
        // Each clause's bound on the window once: summed (as WindowBound does) to decide on the
        // window, kept for LeadBound while it is open.
        const int32_t w = index::WindowOf(candidate);
        window_bounds_.resize(bounds_.size());
        double sum = 0;
        for (size_t i = 0; i < bounds_.size(); ++i) {
          window_bounds_[i] = bounds_[i]->WindowBound(w);
          sum += window_bounds_[i];
        }
        if (sum * coord_ <= min_score_) {
          candidate = docs_[0] = scorers_[0]->advance(index::WindowStart(w + 1));
          continue;
        }
        open_window_ = w;
      }
      if (min_score_ >= 0 && LeadBound() <= min_score_) {
        // Not even with the others at their window's best: they need not move.
        candidate = docs_[0] = scorers_[0]->nextDoc();
        continue;
      }
      bool all = true;
      for (size_t i = 1; i < scorers_.size(); ++i) {
        if (docs_[i] < candidate) docs_[i] = scorers_[i]->advance(candidate);
        if (docs_[i] > candidate) {
          candidate = docs_[0] = scorers_[0]->advance(docs_[i]);
          all = false;
          break;
        }
      }
      if (all) return doc_ = candidate;
    }
  }

  // The lead's bound on its current document plus the other clauses' bounds on its window, summed
  // in score()'s order.
  double LeadBound() const {
    double sum = bounds_[0]->UpperBound();
    for (size_t i = 1; i < window_bounds_.size(); ++i) sum += window_bounds_[i];
    return sum * coord_;
  }

  std::vector<Lucene::ScorerPtr> scorers_;
  // With min_score_: the clauses' bounds on the window last checked, which is open_window_ whenever
  // LeadBound runs (candidates only move forward).
  std::vector<double> window_bounds_;
  std::vector<double> maxima_;         // the clauses' MaxScore(), once skipping has begun
  std::vector<index::ScoreBound*> bounds_;  // the clauses' bounds, in order; empty: not all have one
  std::vector<int32_t> docs_;  // each clause's current document
  double coord_;
  int32_t doc_ = -1;
  bool exhausted_ = false;  // no document left can beat the collector's page
  double min_score_ = -1;     // documents scoring at most this are not wanted; -1: all are
  int32_t open_window_ = -1;  // the window last found able to beat min_score_
};

// Postings a clause reads, to choose the leader: its terms' document frequencies; a clause whose
// terms cannot be listed (a range) goes last.
int64_t Cost(const Lucene::QueryPtr& q, const Lucene::SearcherPtr& searcher) {
  Lucene::SetTerm terms = Lucene::SetTerm::newInstance();
  try {
    q->extractTerms(terms);
  } catch (const Lucene::LuceneException&) {
    return INT64_MAX;
  }
  if (terms.empty()) return INT64_MAX;
  int64_t cost = 0;
  for (const Lucene::TermPtr& t : terms) cost += searcher->docFreq(t);
  return cost;
}

class AndWeight : public index::GroupWeight {
 public:
  AndWeight(boost::shared_ptr<AndQuery> query, const Lucene::SearcherPtr& searcher)
      : GroupWeight(query, searcher), and_(std::move(query)) {
    std::vector<int64_t> costs;
    for (const Lucene::QueryPtr& clause : and_->clauses()) {
      weights_.push_back(clause->createWeight(searcher));
      costs.push_back(Cost(clause, searcher));
    }
    order_.resize(weights_.size());
    std::iota(order_.begin(), order_.end(), 0);
    std::stable_sort(order_.begin(), order_.end(),
                     [&](size_t a, size_t b) { return costs[a] < costs[b]; });
  }
  using String = Lucene::String;
  LUCENE_CLASS(AndWeight);

  Lucene::ScorerPtr scorer(const Lucene::IndexReaderPtr& reader, bool, bool) override {
    std::vector<Lucene::ScorerPtr> scorers;
    for (size_t i : order_) {
      Lucene::ScorerPtr s = weights_[i]->scorer(reader, true, false);
      if (!s) return Lucene::ScorerPtr();  // a clause with no match in this segment
      scorers.push_back(std::move(s));
    }
    if (scorers.empty()) return Lucene::ScorerPtr();
    const auto n = static_cast<int32_t>(scorers.size());
    return newLucene<AndScorer>(shared_from_this(), std::move(scorers), similarity_->coord(n, n));
  }

  Lucene::ExplanationPtr explain(const Lucene::IndexReaderPtr& reader, int32_t doc) override {
    auto sum = newLucene<Lucene::ComplexExplanation>(true, 0.0, L"sum of:");
    double total = 0;
    for (const auto& w : weights_) {
      Lucene::ExplanationPtr e = w->explain(reader, doc);
      if (!e->isMatch()) {
        auto no = newLucene<Lucene::ComplexExplanation>(false, 0.0, L"a required clause does not match");
        no->addDetail(e);
        return no;
      }
      total += e->getValue();
      sum->addDetail(e);
    }
    const auto n = static_cast<int32_t>(weights_.size());
    sum->setValue(total * similarity_->coord(n, n));
    return sum;
  }

 private:
  boost::shared_ptr<AndQuery> and_;
  std::vector<size_t> order_;  // clause indexes, fewest postings first
};

}  // namespace

AndQuery::AndQuery(std::vector<Lucene::QueryPtr> clauses) : clauses_(std::move(clauses)) {}

AndQuery::~AndQuery() = default;

Lucene::WeightPtr AndQuery::createWeight(const Lucene::SearcherPtr& searcher) {
  return newLucene<AndWeight>(shared_from_this(), searcher);
}

Lucene::QueryPtr AndQuery::rewrite(const Lucene::IndexReaderPtr& reader) {
  std::vector<Lucene::QueryPtr> rewritten;
  bool changed = false;
  for (const Lucene::QueryPtr& clause : clauses_) {
    rewritten.push_back(clause->rewrite(reader));
    changed = changed || rewritten.back() != clause;
  }
  if (!changed) return shared_from_this();
  auto copy = newLucene<AndQuery>(std::move(rewritten));
  copy->setBoost(getBoost());
  return copy;
}

Lucene::String AndQuery::toString(const Lucene::String& field) {
  Lucene::String out = L"and(";
  for (size_t i = 0; i < clauses_.size(); ++i) {
    if (i > 0) out += L" ";
    // A BooleanQuery prints its clauses bare: parentheses keep them apart from the next clause.
    const bool group = boost::dynamic_pointer_cast<Lucene::BooleanQuery>(clauses_[i]) != nullptr;
    out += group ? L"(" + clauses_[i]->toString(field) + L")" : clauses_[i]->toString(field);
  }
  out += L")";
  if (getBoost() != 1.0) out += L"^" + Lucene::StringUtils::toString(getBoost());
  return out;
}

void AndQuery::extractTerms(Lucene::SetTerm terms) { index::ExtractPartTerms(clauses_, terms); }

Lucene::LuceneObjectPtr AndQuery::clone(const Lucene::LuceneObjectPtr&) {
  auto copy = newLucene<AndQuery>(index::ClonedParts(clauses_));
  copy->setBoost(getBoost());
  return copy;
}

bool AndQuery::equals(const Lucene::LuceneObjectPtr& other) {
  auto o = boost::dynamic_pointer_cast<AndQuery>(other);
  return o && o->getBoost() == getBoost() && index::SameParts(clauses_, o->clauses_);
}

int32_t AndQuery::hashCode() { return index::PartsHashCode(23, clauses_); }

}  // namespace briefsearch::query
