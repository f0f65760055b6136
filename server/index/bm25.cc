#include "server/index/bm25.h"

#include <cmath>

#include "ComplexExplanation.h"
#include "FieldCache.h"
#include "Searcher.h"

namespace briefsearch::index {
namespace {

using Lucene::newLucene;

class Bm25Scorer : public Lucene::Scorer {
 public:
  Bm25Scorer(const Lucene::WeightPtr& weight, const Bm25Postings& postings)
      : Scorer(weight), postings_(postings) {}
  using String = Lucene::String;
  LUCENE_CLASS(Bm25Scorer);

  int32_t docID() override { return postings_.doc(); }
  int32_t nextDoc() override { return postings_.Next(); }
  int32_t advance(int32_t target) override { return postings_.Advance(target); }
  float termFreq() override { return static_cast<float>(postings_.freq()); }
  double score() override { return postings_.Score(); }

 private:
  Bm25Postings postings_;
};

class Bm25Weight : public Lucene::Weight {
 public:
  Bm25Weight(boost::shared_ptr<Bm25TermQuery> query, const Lucene::SearcherPtr& searcher)
      : query_(std::move(query)) {
    const double n = searcher->maxDoc();
    const double df = searcher->docFreq(query_->term());
    idf_ = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    value_ = query_->getBoost() * idf_;
  }
  using String = Lucene::String;
  LUCENE_CLASS(Bm25Weight);

  Lucene::QueryPtr getQuery() override { return query_; }
  double getValue() override { return value_; }
  double sumOfSquaredWeights() override { return value_ * value_; }
  void normalize(double norm) override { value_ *= norm; }

  Lucene::ScorerPtr scorer(const Lucene::IndexReaderPtr& reader, bool, bool) override {
    std::optional<Bm25Postings> postings = Bm25Postings::Open(reader, *query_, value_);
    if (!postings) return Lucene::ScorerPtr();
    return newLucene<Bm25Scorer>(shared_from_this(), *postings);
  }

  Lucene::ExplanationPtr explain(const Lucene::IndexReaderPtr& reader, int32_t doc) override {
    Lucene::ScorerPtr s = scorer(reader, true, false);
    if (!s || s->advance(doc) != doc) {
      return newLucene<Lucene::Explanation>(0.0, L"no match on " + query_->term()->toString());
    }
    auto lengths = Lucene::FieldCache::DEFAULT()->getInts(reader, query_->length_field());
    const Bm25Params& p = query_->params();
    auto e = newLucene<Lucene::Explanation>(
        s->score(), L"bm25(" + query_->term()->toString() + L") k1=" +
                        Lucene::StringUtils::toString(p.k1) + L" b=" +
                        Lucene::StringUtils::toString(p.b));
    e->addDetail(newLucene<Lucene::Explanation>(idf_, L"idf"));
    e->addDetail(newLucene<Lucene::Explanation>(s->termFreq(), L"tf"));
    e->addDetail(newLucene<Lucene::Explanation>(doc < lengths.size() ? lengths[doc] : 0, L"length"));
    e->addDetail(newLucene<Lucene::Explanation>(query_->average_length(), L"average length"));
    e->addDetail(newLucene<Lucene::Explanation>(value_ / idf_, L"boost x query norm"));
    return e;
  }

 private:
  boost::shared_ptr<Bm25TermQuery> query_;
  double idf_ = 0;
  double value_ = 0;
};

}  // namespace

const int32_t Bm25Postings::kNoMoreDocs = Lucene::DocIdSetIterator::NO_MORE_DOCS;

std::optional<Bm25Postings> Bm25Postings::Open(const Lucene::IndexReaderPtr& reader,
                                               const Bm25TermQuery& query, double weight_value) {
  Lucene::TermDocsPtr docs = reader->termDocs(query.term());
  if (!docs) return std::nullopt;
  auto lengths = Lucene::FieldCache::DEFAULT()->getInts(reader, query.length_field());
  return Bm25Postings(reader, docs, lengths, weight_value, query);
}

Bm25Postings::Bm25Postings(Lucene::IndexReaderPtr reader, Lucene::TermDocsPtr docs,
                           Lucene::Collection<int32_t> lengths, double weight_value,
                           const Bm25TermQuery& q)
    : reader_(std::move(reader)),
      term_(q.term()),
      docs_(std::move(docs)),
      lengths_(std::move(lengths)),
      length_data_(lengths_.size() > 0 ? &lengths_[0] : nullptr),
      length_count_(lengths_.size()),
      numerator_(weight_value * (q.params().k1 + 1)),
      fixed_(q.params().k1 * (1 - q.params().b)),
      per_length_(q.params().k1 * q.params().b / std::max(1.0, q.average_length())),
      average_norm_(q.params().k1) {}

void Bm25Postings::LoadWindows() {
  windows_ = WindowMaximaCache::Global().Get(reader_, term_, lengths_,
                                             {fixed_, per_length_, average_norm_});
}

Bm25TermQuery::Bm25TermQuery(Lucene::TermPtr term, std::wstring length_field,
                             double average_length, Bm25Params params)
    : term_(std::move(term)),
      length_field_(std::move(length_field)),
      average_length_(average_length),
      params_(params) {}

Bm25TermQuery::~Bm25TermQuery() = default;

Lucene::WeightPtr Bm25TermQuery::createWeight(const Lucene::SearcherPtr& searcher) {
  return newLucene<Bm25Weight>(shared_from_this(), searcher);
}

Lucene::String Bm25TermQuery::toString(const Lucene::String& field) {
  Lucene::String out = L"bm25:";
  if (term_->field() != field) out += term_->field() + L":";
  out += term_->text();
  if (getBoost() != 1.0) out += L"^" + Lucene::StringUtils::toString(getBoost());
  return out;
}

void Bm25TermQuery::extractTerms(Lucene::SetTerm terms) { terms.add(term_); }

Lucene::LuceneObjectPtr Bm25TermQuery::clone(const Lucene::LuceneObjectPtr& other) {
  auto copy = newLucene<Bm25TermQuery>(term_, length_field_, average_length_, params_);
  copy->setBoost(getBoost());
  (void)other;
  return copy;
}

bool Bm25TermQuery::equals(const Lucene::LuceneObjectPtr& other) {
  auto o = boost::dynamic_pointer_cast<Bm25TermQuery>(other);
  return o && o->term_->equals(term_) && o->length_field_ == length_field_ &&
         o->getBoost() == getBoost() && o->average_length_ == average_length_;
}

int32_t Bm25TermQuery::hashCode() {
  return term_->hashCode() ^ static_cast<int32_t>(std::hash<std::wstring>()(length_field_));
}

}  // namespace briefsearch::index
