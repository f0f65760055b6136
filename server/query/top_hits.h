// The best n hits of a walk over matching documents in increasing document order, and the count of
// all of them, with the search's deadline checked on the way.
//
// Lucene++'s TopScoreDocCollector, wrapped in a collector that checks the deadline, costs two
// virtual calls per matching document through shared_ptr members; with common words matching most
// of a million articles that was a tenth of a query's CPU. This is the same heap inline.
// (Lucene++'s TimeLimitingCollector is not used either: its timer thread woke every few
// milliseconds and it read the clock per document.) The clock is read every 512 hits, which bounds
// the overrun to microseconds of scoring.
//
// Thread-safety: one instance per search (or per half of a split search).
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "server/common/lucene.h"

namespace briefsearch::query {

class TopHits {
 public:
  TopHits(int n, std::chrono::steady_clock::time_point deadline);

  // A matching document (in increasing order) and its score. Throws
  // Lucene::TimeExceededException past the deadline (CallLucene turns it into DEADLINE_EXCEEDED).
  void Offer(int32_t doc, double score) {
    Count();
    if (CouldEnter(score)) Enter(doc, score);
  }
  // As Offer(doc, score()), but calls score() only when a hit scoring `bound` (at least what
  // score() returns) could enter the page: the skipped documents are still counted.
  template <typename ScoreFn>
  void OfferBounded(int32_t doc, double bound, ScoreFn&& score) {
    Count();
    if (!CouldEnter(bound)) return;
    const double s = score();
    if (CouldEnter(s)) Enter(doc, s);
  }
  // Throws like Offer when the deadline has passed (checked at each segment too).
  void CheckDeadline() const;

  // Documents offered so far.
  int64_t total() const { return total_; }
  // With a full page: the score a later document must beat to enter it.
  bool Full() const { return n_ > 0 && static_cast<int>(heap_.size()) == n_; }
  double Floor() const { return heap_.front().score; }  // only when Full()

  // Best first (hit_order.h), with the count of every offered document.
  Lucene::TopDocsPtr ToTopDocs() const;

 private:
  struct Hit {
    double score;
    int32_t doc;
  };
  static bool Before(const Hit& a, const Hit& b);  // hit_order.h
  void Count() {
    if ((++total_ & 511) == 0) CheckDeadline();
  }
  // A later document scoring `score` would enter: the page is not full, or it beats the lowest
  // (ties keep the earlier document, as Lucene does).
  bool CouldEnter(double score) const {
    return static_cast<int>(heap_.size()) < n_ || (n_ > 0 && score > heap_.front().score);
  }
  void Enter(int32_t doc, double score) {
    if (static_cast<int>(heap_.size()) < n_) {
      Push(doc, score);
    } else {
      Replace(doc, score);
    }
  }
  void Push(int32_t doc, double score);
  void Replace(int32_t doc, double score);

  const int n_;
  const std::chrono::steady_clock::time_point deadline_;
  std::vector<Hit> heap_;  // min-heap: the hit that would be dropped next at the front
  int64_t total_ = 0;
};

}  // namespace briefsearch::query
