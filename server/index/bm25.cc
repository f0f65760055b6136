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
  Bm25Scorer(const Lucene::WeightPtr& weight, Lucene::TermDocsPtr docs,
             Lucene::Collection<int32_t> lengths, double weight_value, const Bm25TermQuery& q)
      : Scorer(weight),
        docs_(std::move(docs)),
        lengths_(std::move(lengths)),
        weight_value_(weight_value),
        k1_(q.params().k1),
        b_(q.params().b),
        average_length_(std::max(1.0, q.average_length())) {}
  using String = Lucene::String;
  LUCENE_CLASS(Bm25Scorer);

  int32_t docID() override { return doc_; }
  int32_t nextDoc() override {
    doc_ = docs_->next() ? docs_->doc() : NO_MORE_DOCS;
    return doc_;
  }
  int32_t advance(int32_t target) override {
    doc_ = docs_->skipTo(target) ? docs_->doc() : NO_MORE_DOCS;
    return doc_;
  }
  float termFreq() override { return static_cast<float>(docs_->freq()); }
  double score() override {
    const double tf = docs_->freq();
    const double len = doc_ < lengths_.size() ? lengths_[doc_] : average_length_;
    return weight_value_ * tf * (k1_ + 1) / (tf + k1_ * (1 - b_ + b_ * len / average_length_));
  }

 private:
  Lucene::TermDocsPtr docs_;
  Lucene::Collection<int32_t> lengths_;
  const double weight_value_;  // boost * idf * query norm
  const double k1_, b_, average_length_;
  int32_t doc_ = -1;
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
    Lucene::TermDocsPtr docs = reader->termDocs(query_->term());
    if (!docs) return Lucene::ScorerPtr();
    auto lengths = Lucene::FieldCache::DEFAULT()->getInts(reader, query_->length_field());
    return newLucene<Bm25Scorer>(shared_from_this(), docs, lengths, value_, *query_);
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
