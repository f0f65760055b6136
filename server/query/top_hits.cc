#include "server/query/top_hits.h"

#include <algorithm>

namespace briefsearch::query {
namespace {

// The worst hit on top: lower score, or on equal scores the later document.
struct WorseFirst {
  template <typename Hit>
  bool operator()(const Hit& a, const Hit& b) const {
    return a.score != b.score ? a.score < b.score : a.doc > b.doc;
  }
};

}  // namespace

TopHits::TopHits(int n, std::chrono::steady_clock::time_point deadline)
    : n_(std::max(0, n)), deadline_(deadline) {
  heap_.reserve(static_cast<size_t>(n_));
}

void TopHits::CheckDeadline() const {
  if (std::chrono::steady_clock::now() >= deadline_) {
    throw Lucene::TimeExceededException(L"search deadline passed");
  }
}

void TopHits::Push(int32_t doc, double score) {
  heap_.push_back({score, doc});
  std::push_heap(heap_.begin(), heap_.end(), [](const Hit& a, const Hit& b) { return WorseFirst()(b, a); });
}

void TopHits::Replace(int32_t doc, double score) {
  const auto worse_later = [](const Hit& a, const Hit& b) { return WorseFirst()(b, a); };
  std::pop_heap(heap_.begin(), heap_.end(), worse_later);
  heap_.back() = {score, doc};
  std::push_heap(heap_.begin(), heap_.end(), worse_later);
}

Lucene::TopDocsPtr TopHits::ToTopDocs() const {
  std::vector<Hit> sorted = heap_;
  std::sort(sorted.begin(), sorted.end(), [](const Hit& a, const Hit& b) { return WorseFirst()(b, a); });
  auto docs = Lucene::Collection<Lucene::ScoreDocPtr>::newInstance();
  for (const Hit& h : sorted) docs.add(Lucene::newLucene<Lucene::ScoreDoc>(h.doc, h.score));
  const double max_score = sorted.empty() ? 0.0 : sorted.front().score;
  return Lucene::newLucene<Lucene::TopDocs>(static_cast<int32_t>(total_), docs, max_score);
}

}  // namespace briefsearch::query
