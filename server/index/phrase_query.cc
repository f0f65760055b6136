#include "server/index/phrase_query.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <utility>

#include "Searcher.h"
#include "Similarity.h"
#include "TermPositions.h"
#include "server/index/group_weight.h"
#include "server/index/query_parts.h"
#include "server/index/score_bound.h"

namespace briefsearch::index {
namespace {

using Lucene::newLucene;
const int32_t kNoMoreDocs = Lucene::DocIdSetIterator::NO_MORE_DOCS;
// Covers a bound computed in another order of operations than the score (a few ulps).
constexpr double kMargin = 1 + 1e-9;

// One distinct term of a field's phrase in one segment: its documents, and its positions in the
// current document once a candidate needs them.
struct TermStream {
  Lucene::TermPositionsPtr postings;
  int32_t doc = -1;
  int32_t loaded = -1;  // the document `positions` belong to
  std::vector<int32_t> positions;

  void AdvanceTo(int32_t target) {
    if (doc >= target) return;
    // skipTo always moves at least one document; next() is the cheaper way to move one.
    const bool more = target == doc + 1 ? postings->next() : postings->skipTo(target);
    doc = more ? postings->doc() : kNoMoreDocs;
  }
  const std::vector<int32_t>& Positions() {
    if (loaded != doc) {
      positions.resize(static_cast<size_t>(postings->freq()));
      for (int32_t& p : positions) p = postings->nextPosition();
      loaded = doc;
    }
    return positions;
  }
};

// A phrase position: the streams of its alternative terms and its offset in the phrase.
struct Slot {
  std::vector<int> streams;
  int32_t offset;
};

// One field's exact phrase in one segment.
class FieldPhrase {
 public:
  FieldPhrase(std::vector<TermStream> streams, std::vector<Slot> slots, double value,
              Lucene::ByteArray norms, Lucene::SimilarityPtr similarity)
      : streams_(std::move(streams)), slots_(std::move(slots)), value_(value),
        norms_(std::move(norms)), similarity_(std::move(similarity)) {}

  int32_t candidate() const { return candidate_; }
  int32_t freq() const { return freq_; }
  double value() const { return value_; }

  // The first document at or after `target` where every slot has one of its terms (positions
  // unread) and `lead_ok(doc, bound)` holds, `bound` being at least Score() there as far as the
  // leading slot can tell (its occurrences in the document): a candidate it refuses costs no step
  // of the other slots.
  template <typename LeadOk>
  int32_t NextCandidate(int32_t target, LeadOk&& lead_ok) {
    int32_t c = target;
    for (size_t i = 0; i < slots_.size();) {
      int32_t d = kNoMoreDocs;
      for (int s : slots_[i].streams) {
        streams_[s].AdvanceTo(c);
        d = std::min(d, streams_[s].doc);
      }
      if (d == kNoMoreDocs) return candidate_ = kNoMoreDocs;
      if (i == 0 && d != lead_accepted_) {
        if (!lead_ok(d, TfBound(SlotFreq(0, d)) * value_ * Norm(d) * kMargin)) {
          c = d + 1;
          continue;
        }
        lead_accepted_ = d;
      }
      if (d > c) {
        c = d;
        i = 0;  // the slots before must catch up (the first, with the fewest documents, leads)
      } else {
        ++i;
      }
    }
    return candidate_ = c;
  }

  double Norm(int32_t doc) const { return norms_ ? Lucene::Similarity::decodeNorm(norms_[doc]) : 1.0; }

  // At least Score() of the candidate: the phrase cannot occur more often than its rarest slot's
  // terms do.
  double Bound() const {
    int32_t least = std::numeric_limits<int32_t>::max();
    for (size_t i = 0; i < slots_.size(); ++i) least = std::min(least, SlotFreq(i, candidate_));
    return TfBound(least) * value_ * Norm(candidate_) * kMargin;
  }

  // Reads the candidate's positions; its phrase frequency, 0 when the terms are there but not as
  // the phrase. Slots are read from the one with the fewest occurrences in the document (known
  // without reading positions) and the reading stops as soon as no start is left: a common term's
  // positions are read only where the rarer ones line up, and Lucene++ skips the positions of the
  // documents between through its skip list instead of reading them.
  int32_t Verify() {
    by_freq_.clear();  // each slot's occurrences counted once, then sorted
    for (size_t i = 0; i < slots_.size(); ++i) by_freq_.emplace_back(SlotFreq(i, candidate_), i);
    std::sort(by_freq_.begin(), by_freq_.end());
    starts_.clear();
    for (size_t k = 0; k < by_freq_.size(); ++k) {
      const Slot& slot = slots_[by_freq_[k].second];
      const std::vector<int32_t>& list = SlotPositions(by_freq_[k].second);
      if (k == 0) {
        for (int32_t p : list) {
          if (starts_.empty() || starts_.back() != p - slot.offset) starts_.push_back(p - slot.offset);
        }
        continue;
      }
      // Starts and positions both ascend: one walk of each.
      size_t c = 0, kept = 0;
      for (int32_t start : starts_) {
        const int32_t want = start + slot.offset;
        while (c < list.size() && list[c] < want) ++c;
        if (c < list.size() && list[c] == want) starts_[kept++] = start;
      }
      starts_.resize(kept);
      if (kept == 0) break;
    }
    return freq_ = static_cast<int32_t>(starts_.size());
  }

  // How often slot i's terms occur in `doc` (the streams of the slot stand on or past it).
  int32_t SlotFreq(size_t i, int32_t doc) const {
    int32_t n = 0;
    for (int s : slots_[i].streams) {
      if (streams_[s].doc == doc) n += streams_[s].postings->freq();
    }
    return n;
  }
  // The similarity's tf of a frequency (nondecreasing in it: what makes the bounds bounds).
  double TfBound(int32_t freq) const { return similarity_->tf(static_cast<double>(freq)); }

  // Slot i's positions in the candidate, ascending: of its one term there, or of its alternatives
  // merged, each position once.
  const std::vector<int32_t>& SlotPositions(size_t i) {
    const std::vector<int32_t>* only = nullptr;
    int present = 0;
    for (int s : slots_[i].streams) {
      if (streams_[s].doc != candidate_) continue;
      only = &streams_[s].Positions();
      ++present;
    }
    if (present == 1) return *only;
    merged_.clear();
    for (int s : slots_[i].streams) {
      if (streams_[s].doc != candidate_) continue;
      const std::vector<int32_t>& p = streams_[s].Positions();
      merged_.insert(merged_.end(), p.begin(), p.end());
    }
    std::sort(merged_.begin(), merged_.end());
    merged_.erase(std::unique(merged_.begin(), merged_.end()), merged_.end());
    return merged_;
  }

  // As Lucene++'s PhraseScorer: tf(freq) * value, times the norm.
  double Score() const {
    return TfBound(freq_) * value_ * Norm(candidate_);
  }

  // At least Score() of any document of the segment.
  double MaxScore() {
    if (max_score_ < 0) {
      uint8_t most = 0;
      if (norms_ && norms_.size() > 0) {
        const uint8_t* data = norms_.get();
        most = *std::max_element(data, data + norms_.size());
      }
      const double norm = norms_ ? Lucene::Similarity::decodeNorm(most) : 1.0;
      max_score_ = TfBound(std::numeric_limits<int32_t>::max()) * value_ * norm * kMargin;
    }
    return max_score_;
  }

 private:
  std::vector<TermStream> streams_;
  std::vector<Slot> slots_;  // the slot with the fewest documents in the index first
  double value_;
  Lucene::ByteArray norms_;  // null when the field keeps none
  Lucene::SimilarityPtr similarity_;
  int32_t candidate_ = -1;
  int32_t lead_accepted_ = -1;  // the leading slot's last document lead_ok accepted
  int32_t freq_ = 0;  // of the candidate, once verified
  double max_score_ = -1;
  std::vector<std::pair<int32_t, size_t>> by_freq_;  // Verify(): (occurrences, slot), fewest first
  std::vector<int32_t> starts_;   // Verify(): phrase starts every slot read so far allows
  std::vector<int32_t> merged_;   // SlotPositions() of a slot with alternatives
};

class GramPhraseScorer : public Lucene::Scorer, public ScoreBound {
 public:
  // `fields`: those whose every slot has a term in this segment (at least one); coord[k] is the
  // factor for k fields matching out of all of the query's.
  GramPhraseScorer(const Lucene::WeightPtr& weight, std::vector<FieldPhrase> fields,
                   std::vector<double> coord)
      : Scorer(weight), fields_(std::move(fields)), coord_(std::move(coord)) {}
  using String = Lucene::String;
  LUCENE_CLASS(GramPhraseScorer);

  int32_t docID() override { return doc_; }
  int32_t nextDoc() override { return Find(doc_ + 1); }
  int32_t advance(int32_t target) override { return Find(std::max(target, doc_ + 1)); }
  double score() override { return score_; }
  float termFreq() override { return static_cast<float>(freq_sum_); }

  double UpperBound() override { return score_; }
  double MaxScore() override {
    double sum = 0;
    for (FieldPhrase& f : fields_) sum += f.MaxScore();
    return sum * coord_[fields_.size()];
  }
  double WindowBound(int32_t) override { return MaxScore(); }
  void SkipScoresUpTo(double min_score) override {
    min_score_ = min_score;
    if (MaxScore() <= min_score) exhausted_ = true;
  }

  // For explain(): each field's phrase frequency, value and norm on the current document.
  const std::vector<FieldPhrase>& fields() const { return fields_; }

 private:
  // The first document at or after `target` with the phrase in some field (and, once min_score_
  // is set, a bound beating it).
  int32_t Find(int32_t target) {
    for (;;) {
      if (exhausted_ || target == kNoMoreDocs) return doc_ = kNoMoreDocs;
      int32_t d = kNoMoreDocs;
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (fields_[i].candidate() < target) {
          fields_[i].NextCandidate(target, [&](int32_t c, double lead) { return LeadOk(i, c, lead); });
        }
        d = std::min(d, fields_[i].candidate());
      }
      if (d == kNoMoreDocs) return doc_ = kNoMoreDocs;
      if (min_score_ >= 0) {
        double bound = 0;
        int k = 0;
        for (const FieldPhrase& f : fields_) {
          if (f.candidate() != d) continue;
          bound += f.Bound();
          ++k;
        }
        if (bound * coord_[k] <= min_score_) {  // not worth reading its positions
          target = d + 1;
          continue;
        }
      }
      double sum = 0;
      int k = 0;
      freq_sum_ = 0;
      for (FieldPhrase& f : fields_) {
        if (f.candidate() != d || f.Verify() == 0) continue;
        sum += f.Score();
        freq_sum_ += f.freq();
        ++k;
      }
      if (k == 0) {
        target = d + 1;
        continue;
      }
      score_ = sum * coord_[k];
      return doc_ = d;
    }
  }

  // Whether field i's leading slot standing on `c` (with `lead` bounding field i's score there)
  // may still beat min_score_: the other fields count with their bound on `c` if they stand on
  // it, with their maximum if they stand before it (they may reach it), not at all past it.
  bool LeadOk(size_t i, int32_t c, double lead) {
    if (min_score_ < 0) return true;
    double sum = 0;
    int k = 0;
    for (size_t g = 0; g < fields_.size(); ++g) {
      FieldPhrase& f = fields_[g];
      if (g == i) {
        sum += lead;
      } else if (f.candidate() == c) {
        sum += f.Bound();
      } else if (f.candidate() < c) {  // may still reach c
        sum += f.MaxScore();
      } else {
        continue;
      }
      ++k;
    }
    return sum * coord_[k] > min_score_;
  }

  std::vector<FieldPhrase> fields_;
  std::vector<double> coord_;
  int32_t doc_ = -1;
  double score_ = 0;
  int32_t freq_sum_ = 0;
  double min_score_ = -1;  // documents scoring at most this are not wanted; -1: all are
  bool exhausted_ = false;
};

class GramPhraseWeight : public GroupWeight {
 public:
  GramPhraseWeight(boost::shared_ptr<GramPhraseQuery> query, const Lucene::SearcherPtr& searcher)
      : GroupWeight(query, searcher), phrase_(std::move(query)) {
    for (const Lucene::MultiPhraseQueryPtr& field : phrase_->fields()) {
      weights_.push_back(field->createWeight(searcher));
      // Slots by their documents in the whole index (one lookup each, cached per snapshot): the
      // rarest leads in every segment.
      Lucene::Collection<Lucene::Collection<Lucene::TermPtr>> terms = field->getTermArrays();
      std::vector<int64_t> docs;
      for (const auto& alternatives : terms) {
        int64_t n = 0;
        for (const Lucene::TermPtr& t : alternatives) n += searcher->docFreq(t);
        docs.push_back(n);
      }
      std::vector<size_t> order(docs.size());
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return docs[a] < docs[b]; });
      orders_.push_back(std::move(order));
    }
  }
  using String = Lucene::String;
  LUCENE_CLASS(GramPhraseWeight);

  Lucene::ScorerPtr scorer(const Lucene::IndexReaderPtr& reader, bool, bool) override {
    std::vector<FieldPhrase> fields;
    for (size_t f = 0; f < weights_.size(); ++f) {
      const Lucene::MultiPhraseQueryPtr& q = phrase_->fields()[f];
      Lucene::Collection<Lucene::Collection<Lucene::TermPtr>> terms = q->getTermArrays();
      Lucene::Collection<int32_t> offsets = q->getPositions();
      std::vector<TermStream> streams;
      std::map<std::wstring, int> stream_of;  // a term repeated in the phrase is read once
      std::vector<Slot> slots;
      for (size_t i : orders_[f]) {
        Slot slot{{}, offsets[static_cast<int32_t>(i)]};
        for (const Lucene::TermPtr& t : terms[static_cast<int32_t>(i)]) {
          auto [it, added] = stream_of.emplace(t->text(), static_cast<int>(streams.size()));
          if (added) streams.push_back(TermStream{reader->termPositions(t)});
          slot.streams.push_back(it->second);
        }
        slots.push_back(std::move(slot));
      }
      fields.emplace_back(std::move(streams), std::move(slots), weights_[f]->getValue(),
                          reader->norms(terms[0][0]->field()), similarity_);
    }
    if (fields.empty()) return Lucene::ScorerPtr();
    const auto n = static_cast<int32_t>(weights_.size());
    std::vector<double> coord(weights_.size() + 1);
    for (int32_t k = 0; k <= n; ++k) coord[k] = similarity_->coord(k, n);
    return newLucene<GramPhraseScorer>(shared_from_this(), std::move(fields), std::move(coord));
  }

  Lucene::ExplanationPtr explain(const Lucene::IndexReaderPtr& reader, int32_t doc) override {
    Lucene::ScorerPtr s = scorer(reader, true, false);
    if (!s || s->advance(doc) != doc) {
      return newLucene<Lucene::Explanation>(0.0, L"the phrase is in no field: " + phrase_->toString(L""));
    }
    auto* phrase = static_cast<GramPhraseScorer*>(s.get());
    auto sum = newLucene<Lucene::Explanation>(0.0, L"sum of:");
    int matched = 0;
    double total = 0;
    for (const FieldPhrase& f : phrase->fields()) {
      if (f.candidate() != doc || f.freq() == 0) continue;
      ++matched;
      const double value = f.Score();
      total += value;
      auto e = newLucene<Lucene::Explanation>(
          value, L"phrase freq " + Lucene::StringUtils::toString(f.freq()) + L": tf x value " +
                     Lucene::StringUtils::toString(f.value()) + L" x norm " +
                     Lucene::StringUtils::toString(f.Norm(doc)));
      sum->addDetail(e);
    }
    sum->setValue(total);
    return CoordProduct(sum, matched, static_cast<int>(weights_.size()));
  }

 private:
  boost::shared_ptr<GramPhraseQuery> phrase_;
  std::vector<std::vector<size_t>> orders_;  // per field: its slots, fewest documents first
};

}  // namespace

GramPhraseQuery::GramPhraseQuery(std::vector<Lucene::MultiPhraseQueryPtr> fields)
    : fields_(std::move(fields)) {}

GramPhraseQuery::~GramPhraseQuery() = default;

Lucene::WeightPtr GramPhraseQuery::createWeight(const Lucene::SearcherPtr& searcher) {
  return newLucene<GramPhraseWeight>(shared_from_this(), searcher);
}

Lucene::String GramPhraseQuery::toString(const Lucene::String& field) {
  Lucene::String out = L"phrase(";
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out += L" ";
    out += fields_[i]->toString(field);
  }
  return out + L")" + boostString();
}

void GramPhraseQuery::extractTerms(Lucene::SetTerm terms) { ExtractPartTerms(fields_, terms); }

Lucene::LuceneObjectPtr GramPhraseQuery::clone(const Lucene::LuceneObjectPtr&) {
  auto copy = newLucene<GramPhraseQuery>(ClonedParts(fields_));
  copy->setBoost(getBoost());
  return copy;
}

bool GramPhraseQuery::equals(const Lucene::LuceneObjectPtr& other) {
  auto o = boost::dynamic_pointer_cast<GramPhraseQuery>(other);
  return o && o->getBoost() == getBoost() && SameParts(fields_, o->fields_);
}

int32_t GramPhraseQuery::hashCode() { return PartsHashCode(23, fields_); }

}  // namespace briefsearch::index
