#include "server/query/top_hits.h"

#include <algorithm>

#include "server/query/hit_order.h"

namespace briefsearch::query {

TopHits::TopHits(int n, std::chrono::steady_clock::time_point deadline)
    : n_(std::max(0, n)), deadline_(deadline) {
  heap_.reserve(static_cast<size_t>(n_));
}

void TopHits::CheckDeadline() const {
  if (std::chrono::steady_clock::now() >= deadline_) {
    throw Lucene::TimeExceededException(L"search deadline passed");
  }
}

bool TopHits::Before(const Hit& a, const Hit& b) {
  return RanksBefore(a.score, a.doc, b.score, b.doc);
}

// With Before as the heap's "less", the front is the hit ranked last: the one dropped next.
void TopHits::Push(int32_t doc, double score) {
  heap_.push_back({score, doc});
  std::push_heap(heap_.begin(), heap_.end(), Before);
}

void TopHits::Replace(int32_t doc, double score) {
  std::pop_heap(heap_.begin(), heap_.end(), Before);
  heap_.back() = {score, doc};
  std::push_heap(heap_.begin(), heap_.end(), Before);
}

Lucene::TopDocsPtr TopHits::ToTopDocs() const {
  std::vector<Hit> sorted = heap_;
  std::sort(sorted.begin(), sorted.end(), Before);
  auto docs = Lucene::Collection<Lucene::ScoreDocPtr>::newInstance();
  for (const Hit& h : sorted) docs.add(Lucene::newLucene<Lucene::ScoreDoc>(h.doc, h.score));
  const double max_score = sorted.empty() ? 0.0 : sorted.front().score;
  return Lucene::newLucene<Lucene::TopDocs>(static_cast<int32_t>(total_), docs, max_score);
}

}  // namespace briefsearch::query
