#include "server/query/rescore.h"

#include <algorithm>
#include <vector>

#include "FilterIndexReader.h"
#include "Searcher.h"
#include "Similarity.h"
#include "server/query/hit_order.h"

namespace briefsearch::query {
namespace {

using Lucene::newLucene;

// A term's postings with only the documents of `docs` (ascending) left in.
class OnlyDocsPositions : public Lucene::FilterTermPositions {
 public:
  OnlyDocsPositions(const Lucene::TermPositionsPtr& in, const std::vector<int32_t>* docs)
      : FilterTermPositions(in), docs_(docs) {}
  using String = Lucene::String;
  LUCENE_CLASS(OnlyDocsPositions);

  int32_t doc() override { return doc_; }
  bool next() override { return SeekFrom(doc_ + 1); }
  bool skipTo(int32_t target) override { return SeekFrom(target); }
  int32_t read(Lucene::Collection<int32_t> docs, Lucene::Collection<int32_t> freqs) override {
    int32_t n = 0;
    while (n < docs.size() && next()) {
      docs[n] = doc_;
      freqs[n] = in->freq();
      ++n;
    }
    return n;
  }

 private:
  // The first document of docs_ at or after `target` that the term has.
  bool SeekFrom(int32_t target) {
    for (;;) {
      while (next_ < docs_->size() && (*docs_)[next_] < target) ++next_;
      if (next_ == docs_->size()) return false;
      const int32_t want = (*docs_)[next_];
      // skipTo always moves, so only when behind.
      if (in_doc_ < want) in_doc_ = in->skipTo(want) ? in->doc() : Lucene::DocIdSetIterator::NO_MORE_DOCS;
      if (in_doc_ == want) {
        doc_ = want;
        return true;
      }
      if (in_doc_ == Lucene::DocIdSetIterator::NO_MORE_DOCS) return false;
      target = in_doc_;
    }
  }

  const std::vector<int32_t>* docs_;
  size_t next_ = 0;  // the first of docs_ not passed yet
  int32_t doc_ = -1, in_doc_ = -1;
};

// A segment seen through OnlyDocsPositions: queries scored on it visit the documents of `docs`
// only.
class OnlyDocsReader : public Lucene::FilterIndexReader {
 public:
  OnlyDocsReader(const Lucene::IndexReaderPtr& in, const std::vector<int32_t>* docs)
      : FilterIndexReader(in), docs_(docs) {}
  using String = Lucene::String;
  LUCENE_CLASS(OnlyDocsReader);

  Lucene::TermDocsPtr termDocs() override { return termPositions(); }
  Lucene::TermPositionsPtr termPositions() override {
    return newLucene<OnlyDocsPositions>(in->termPositions(), docs_);
  }

 protected:
  void doClose() override {}  // `in` belongs to the snapshot

 private:
  const std::vector<int32_t>* docs_;
};

// The hits of `top` segment by segment, in document order: `score_segment(segment, local, hits)`
// gets each segment holding some, their numbers within it (ascending) and the hits themselves, and
// sets their scores; then `top` is sorted by the new scores (ties by document number).
template <typename ScoreSegment>
void RescoreBySegment(const index::IndexSnapshot& snapshot, const Lucene::TopDocsPtr& top,
                      ScoreSegment&& score_segment) {
  std::vector<Lucene::ScoreDocPtr> by_doc(top->scoreDocs.begin(), top->scoreDocs.end());
  std::sort(by_doc.begin(), by_doc.end(),
            [](const Lucene::ScoreDocPtr& a, const Lucene::ScoreDocPtr& b) { return a->doc < b->doc; });
  size_t next = 0;
  int32_t base = 0;
  std::vector<int32_t> local;
  for (const Lucene::IndexReaderPtr& segment : snapshot.segments) {
    const int32_t end = base + segment->maxDoc();
    const size_t first = next;
    local.clear();
    for (; next < by_doc.size() && by_doc[next]->doc < end; ++next) local.push_back(by_doc[next]->doc - base);
    if (!local.empty()) score_segment(segment, local, &by_doc[first]);
    base = end;
  }
  std::sort(top->scoreDocs.begin(), top->scoreDocs.end(),
            [](const auto& a, const auto& b) { return RanksBefore(a, b); });
}

}  // namespace

void Rescore(const index::IndexSnapshot& snapshot, const Lucene::QueryPtr& ranked,
             const Lucene::TopDocsPtr& top) {
  if (top->scoreDocs.empty()) return;
  // Weighted exactly as IndexSearcher::search weighs a query, so scores are on the same scale.
  const Lucene::WeightPtr weight = ranked->weight(snapshot.searcher);
  RescoreBySegment(snapshot, top, [&](const Lucene::IndexReaderPtr& segment,
                                      const std::vector<int32_t>& local, Lucene::ScoreDocPtr* hits) {
    Lucene::ScorerPtr scorer = weight->scorer(segment, /*scoreDocsInOrder=*/true, /*topScorer=*/false);
    for (size_t i = 0; i < local.size(); ++i) {
      if (scorer == nullptr || scorer->docID() > local[i]) continue;
      if (scorer->docID() == local[i] || scorer->advance(local[i]) == local[i]) {
        hits[i]->score = scorer->score();
      }
    }
  });
}

void RescoreWithBonus(const index::IndexSnapshot& snapshot, const Lucene::QueryPtr& bonus,
                      const Lucene::TopDocsPtr& top) {
  if (top->scoreDocs.empty()) return;
  const Lucene::WeightPtr weight = bonus->weight(snapshot.searcher);
  const Lucene::SimilarityPtr similarity = snapshot.searcher->getSimilarity();
  const double both = similarity->coord(2, 2), alone = similarity->coord(1, 2);
  RescoreBySegment(snapshot, top, [&](const Lucene::IndexReaderPtr& segment,
                                      const std::vector<int32_t>& local, Lucene::ScoreDocPtr* hits) {
    auto only = newLucene<OnlyDocsReader>(segment, &local);
    Lucene::ScorerPtr scorer = weight->scorer(only, /*scoreDocsInOrder=*/true, /*topScorer=*/false);
    for (size_t i = 0; i < local.size(); ++i) {
      if (scorer != nullptr && scorer->docID() < local[i]) scorer->advance(local[i]);
      hits[i]->score = scorer != nullptr && scorer->docID() == local[i]
                           ? (hits[i]->score + scorer->score()) * both
                           : hits[i]->score * alone;
    }
  });
}

}  // namespace briefsearch::query
