#include "server/index/word_query.h"

#include <algorithm>
#include <cstdint>

#include "Searcher.h"
#include "Similarity.h"
#include "server/index/group_weight.h"
#include "server/index/query_parts.h"
#include "server/index/score_bound.h"
#include "server/index/window_maxima.h"

namespace briefsearch::index {
namespace {

using Lucene::newLucene;

class WordScorer : public Lucene::Scorer, public ScoreBound {
 public:
  // `alternatives`: those with postings in this segment (at least one); coord[k] is the factor
  // for k of them matching.
  WordScorer(const Lucene::WeightPtr& weight, std::vector<Bm25Postings> alternatives,
             std::vector<double> coord)
      : Scorer(weight), alternatives_(std::move(alternatives)), coord_(std::move(coord)) {}
  using String = Lucene::String;
  LUCENE_CLASS(WordScorer);

  int32_t docID() override { return doc_; }
  int32_t nextDoc() override { return doc_ = SkipWindows(Next()); }
  int32_t advance(int32_t target) override { return doc_ = SkipWindows(AdvanceTo(target)); }

  double score() override { return Sum([](const Bm25Postings& a) { return a.Score(); }); }
  double UpperBound() override { return Sum([](const Bm25Postings& a) { return a.MaxScore(); }); }
  double MaxScore() override { return SubsetMax(All()); }
  // As SubsetMax of the alternatives present in the window.
  double WindowBound(int32_t w) override {
    double sum = 0, max = 0;
    int present = 0;
    for (Bm25Postings& a : alternatives_) {
      if (a.WindowMax(w, &max)) {
        sum += max;
        ++present;
      }
    }
    return sum * coord_[present];
  }

  void SkipScoresUpTo(double min_score) override {
    min_score_ = min_score;
    if (alternatives_.size() > kMaxAlternativesToPlan) return;
    if (MaxScore() <= min_score) {
      // Nothing here can beat it: the walk is over.
      required_ = All();
      lead_ = 0;
      exhausted_ = true;
      return;
    }
    // An alternative is required when every combination of the others scores at most min_score.
    if (best_without_.empty()) {  // the same for the scorer's life: worked out on the first call
      for (size_t i = 0; i < alternatives_.size(); ++i) {
        const uint32_t others = All() & ~(1u << i);
        double best = 0;
        for (uint32_t subset = others; subset != 0; subset = (subset - 1) & others) {
          best = std::max(best, SubsetMax(subset));
        }
        best_without_.push_back(best);
      }
    }
    uint32_t required = required_;
    for (size_t i = 0; i < alternatives_.size(); ++i) {
      if (best_without_[i] <= min_score) required |= 1u << i;
    }
    if (required == required_) return;
    required_ = required;
    // The required alternative with the fewest postings leads; the others are advanced to it.
    for (size_t i = 0; i < alternatives_.size(); ++i) {
      if ((required_ & (1u << i)) == 0) continue;
      if (lead_ < 0 || alternatives_[i].doc_freq() < alternatives_[lead_].doc_freq()) {
        lead_ = static_cast<int>(i);
      }
    }
  }

 private:
  static constexpr size_t kMaxAlternativesToPlan = 8;  // subsets enumerated: 2^n

  // The next document after the current one: of every alternative, or with required
  // alternatives, of those (the others brought up to it).
  int32_t Next() {
    if (lead_ >= 0) {
      Bm25Postings& lead = alternatives_[lead_];
      return AlignRequired(lead.doc() <= doc_ ? lead.Next() : lead.doc());
    }
    // Every alternative standing on the current document moves on; the others are ahead already.
    int32_t next = NO_MORE_DOCS;
    for (Bm25Postings& a : alternatives_) next = std::min(next, a.doc() <= doc_ ? a.Next() : a.doc());
    return next;
  }

  int32_t AdvanceTo(int32_t target) {
    if (lead_ >= 0) {
      Bm25Postings& lead = alternatives_[lead_];
      return AlignRequired(lead.doc() < target ? lead.Advance(target) : lead.doc());
    }
    int32_t next = NO_MORE_DOCS;
    for (Bm25Postings& a : alternatives_) {
      next = std::min(next, a.doc() < target ? a.Advance(target) : a.doc());
    }
    return next;
  }

  // `candidate`, or past the windows from it on whose bound cannot beat min_score_.
  int32_t SkipWindows(int32_t candidate) {
    while (candidate != NO_MORE_DOCS && min_score_ >= 0 && WindowOf(candidate) != open_window_) {
      const int32_t w = WindowOf(candidate);
      if (WindowBound(w) > min_score_) {
        open_window_ = w;
        break;
      }
      candidate = AdvanceTo(WindowStart(w + 1));
    }
    return candidate;
  }

  uint32_t All() const { return (1u << alternatives_.size()) - 1; }

  // The most the alternatives of `subset` can score together on a document that has exactly them.
  double SubsetMax(uint32_t subset) const {
    double sum = 0;
    int matched = 0;
    for (size_t i = 0; i < alternatives_.size(); ++i) {
      if ((subset & (1u << i)) != 0) {
        sum += alternatives_[i].MaxScore();
        ++matched;
      }
    }
    return sum * coord_[matched];
  }

  // The first document at or after the lead's `candidate` that has every required alternative;
  // the other alternatives are brought up to it so that score() sees which of them it has.
  int32_t AlignRequired(int32_t candidate) {
    if (exhausted_) return NO_MORE_DOCS;
    Bm25Postings& lead = alternatives_[lead_];
    for (;;) {
      if (candidate == NO_MORE_DOCS) return NO_MORE_DOCS;
      bool all = true;
      for (size_t i = 0; i < alternatives_.size(); ++i) {
        if (static_cast<int>(i) == lead_ || (required_ & (1u << i)) == 0) continue;
        Bm25Postings& a = alternatives_[i];
        if (a.doc() < candidate) a.Advance(candidate);
        if (a.doc() > candidate) {
          candidate = lead.Advance(a.doc());
          all = false;
          break;
        }
      }
      if (all) break;
    }
    for (size_t i = 0; i < alternatives_.size(); ++i) {
      if ((required_ & (1u << i)) == 0 && alternatives_[i].doc() < candidate) {
        alternatives_[i].Advance(candidate);
      }
    }
    return candidate;
  }

  // `value` of every alternative on the current document, summed, times coord.
  template <typename Value>
  double Sum(Value value) const {
    double sum = 0;
    int matched = 0;
    for (const Bm25Postings& a : alternatives_) {
      if (a.doc() == doc_) {
        sum += value(a);
        ++matched;
      }
    }
    return sum * coord_[matched];
  }

  std::vector<Bm25Postings> alternatives_;
  std::vector<double> coord_;
  int32_t doc_ = -1;
  double min_score_ = -1;  // documents scoring at most this are not wanted; -1: all are
  int32_t open_window_ = -1;  // the window last found able to beat min_score_
  std::vector<double> best_without_;  // per alternative: the most a document without it scores
  uint32_t required_ = 0;  // bit i: only documents with alternative i can still be wanted
  int lead_ = -1;          // with required alternatives: the one walked; -1: walk them all
  bool exhausted_ = false;
};

class WordWeight : public GroupWeight {
 public:
  WordWeight(boost::shared_ptr<WordQuery> query, const Lucene::SearcherPtr& searcher)
      : GroupWeight(query, searcher), word_(std::move(query)) {
    for (const auto& alternative : word_->alternatives()) {
      weights_.push_back(alternative->createWeight(searcher));
    }
  }
  using String = Lucene::String;
  LUCENE_CLASS(WordWeight);

  Lucene::ScorerPtr scorer(const Lucene::IndexReaderPtr& reader, bool, bool) override {
    // The postings are walked here directly rather than through each alternative's own scorer:
    // a virtual call less per posting and per match.
    std::vector<Bm25Postings> alternatives;
    for (size_t i = 0; i < weights_.size(); ++i) {
      auto p = Bm25Postings::Open(reader, *word_->alternatives()[i], weights_[i]->getValue());
      if (p) alternatives.push_back(std::move(*p));
    }
    if (alternatives.empty()) return Lucene::ScorerPtr();
    const auto n = static_cast<int32_t>(alternatives.size());
    std::vector<double> coord(alternatives.size() + 1);
    for (int32_t k = 0; k <= n; ++k) coord[k] = similarity_->coord(k, n);
    return newLucene<WordScorer>(shared_from_this(), std::move(alternatives), std::move(coord));
  }

  Lucene::ExplanationPtr explain(const Lucene::IndexReaderPtr& reader, int32_t doc) override {
    auto sum = newLucene<Lucene::Explanation>(0.0, L"sum of:");
    int present = 0, matched = 0;
    double total = 0;
    for (const auto& w : weights_) {
      Lucene::ScorerPtr s = w->scorer(reader, true, false);
      if (!s) continue;
      ++present;
      if (s->advance(doc) != doc) continue;
      ++matched;
      Lucene::ExplanationPtr e = w->explain(reader, doc);
      total += e->getValue();
      sum->addDetail(e);
    }
    if (matched == 0) return newLucene<Lucene::Explanation>(0.0, L"no alternative of the word matches");
    sum->setValue(total);
    return CoordProduct(sum, matched, present);
  }

 private:
  boost::shared_ptr<WordQuery> word_;
};

}  // namespace

WordQuery::WordQuery(std::vector<boost::shared_ptr<Bm25TermQuery>> alternatives)
    : alternatives_(std::move(alternatives)) {}

WordQuery::~WordQuery() = default;

Lucene::WeightPtr WordQuery::createWeight(const Lucene::SearcherPtr& searcher) {
  return newLucene<WordWeight>(shared_from_this(), searcher);
}

Lucene::String WordQuery::toString(const Lucene::String& field) {
  Lucene::String out = L"word(";
  for (size_t i = 0; i < alternatives_.size(); ++i) {
    if (i > 0) out += L" ";
    out += alternatives_[i]->toString(field);
  }
  out += L")";
  if (getBoost() != 1.0) out += L"^" + Lucene::StringUtils::toString(getBoost());
  return out;
}

void WordQuery::extractTerms(Lucene::SetTerm terms) { ExtractPartTerms(alternatives_, terms); }

Lucene::LuceneObjectPtr WordQuery::clone(const Lucene::LuceneObjectPtr&) {
  auto copy = newLucene<WordQuery>(ClonedParts(alternatives_));
  copy->setBoost(getBoost());
  return copy;
}

bool WordQuery::equals(const Lucene::LuceneObjectPtr& other) {
  auto o = boost::dynamic_pointer_cast<WordQuery>(other);
  return o && o->getBoost() == getBoost() && SameParts(alternatives_, o->alternatives_);
}

int32_t WordQuery::hashCode() { return PartsHashCode(17, alternatives_); }

}  // namespace briefsearch::index
