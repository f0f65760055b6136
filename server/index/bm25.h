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

#include <memory>
#include <optional>
#include <string>

#include "server/common/lucene.h"
#include "server/index/window_maxima.h"

namespace briefsearch::index {

struct Bm25Params {
  double k1 = 1.2;
  double b = 0.75;
};

class Bm25TermQuery;

// One term's postings in one segment and its BM25 per document, the constants folded: what
// Bm25TermQuery's scorer and WordQuery's (which walks several at once) call for every posting.
class Bm25Postings {
 public:
  // Null when the segment lacks the term. `weight_value` is boost * idf * query norm.
  static std::optional<Bm25Postings> Open(const Lucene::IndexReaderPtr& reader,
                                          const Bm25TermQuery& query, double weight_value);

  // The current document, or NO_MORE_DOCS; -1 before the first step.
  int32_t doc() const { return doc_; }
  int32_t Next() { return doc_ = docs_->next() ? docs_->doc() : kNoMoreDocs; }
  int32_t Advance(int32_t target) { return doc_ = docs_->skipTo(target) ? docs_->doc() : kNoMoreDocs; }
  int32_t freq() const { return docs_->freq(); }
  // Documents of the segment with the term (deleted ones included): what a walk costs. Looked
  // up on first use (a second term lookup, which most searches never need).
  int32_t doc_freq() {
    if (doc_freq_ < 0) doc_freq_ = reader_->docFreq(term_);
    return doc_freq_;
  }
  // Score() can reach but never exceed this: tf / (tf + norm) <= 1 in floating point too.
  double MaxScore() const { return numerator_; }
  // False when no document of window `w` (window_maxima.h) has the term; else true with, in
  // `max`, the most Score() can be on them. The first call fetches the segment's table (computing
  // it if no search has).
  bool WindowMax(int32_t w, double* max) {
    if (windows_ == nullptr) LoadWindows();
    const std::vector<uint8_t>& q = windows_->quantized;
    if (static_cast<size_t>(w) >= q.size() || q[w] == 0) return false;
    // The margin covers Score()'s other order of operations (a few ulps).
    *max = numerator_ * (q[w] / WindowTable::kSteps) * (1 + 1e-9);
    return true;
  }
  // The lengths are read through a plain pointer (a Collection's operator[] goes through its
  // shared_ptr): this runs for every matching document.
  double Score() const {
    const double tf = docs_->freq();
    const double norm =
        doc_ < length_count_ ? fixed_ + per_length_ * length_data_[doc_] : average_norm_;
    return numerator_ * tf / (tf + norm);
  }

 private:
  Bm25Postings(Lucene::IndexReaderPtr reader, Lucene::TermDocsPtr docs,
               Lucene::Collection<int32_t> lengths, double weight_value, const Bm25TermQuery& q);
  void LoadWindows();
  static const int32_t kNoMoreDocs;

  Lucene::IndexReaderPtr reader_;
  Lucene::TermPtr term_;
  Lucene::TermDocsPtr docs_;
  int32_t doc_freq_ = -1;
  std::shared_ptr<const WindowTable> windows_;  // null until WindowMax is first asked
  Lucene::Collection<int32_t> lengths_;  // owns length_data_
  const int32_t* length_data_;
  int32_t length_count_;
  // score = numerator * tf / (tf + fixed + per_length * len): numerator = weight * (k1 + 1),
  // fixed + per_length * len = k1 * (1 - b + b * len / avglen).
  double numerator_, fixed_, per_length_, average_norm_;
  int32_t doc_ = -1;
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
