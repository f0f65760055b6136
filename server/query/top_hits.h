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
    if ((++total_ & 511) == 0) CheckDeadline();
    if (static_cast<int>(heap_.size()) < n_) {
      Push(doc, score);
    } else if (n_ > 0 && score > heap_.front().score) {  // ties keep the earlier document, as Lucene does
      Replace(doc, score);
    }
  }
  // Throws like Offer when the deadline has passed (checked at each segment too).
  void CheckDeadline() const;

  // Best first (hit_order.h), with the count of every offered document.
  Lucene::TopDocsPtr ToTopDocs() const;

 private:
  struct Hit {
    double score;
    int32_t doc;
  };
  void Push(int32_t doc, double score);
  void Replace(int32_t doc, double score);

  const int n_;
  const std::chrono::steady_clock::time_point deadline_;
  std::vector<Hit> heap_;  // min-heap: the hit that would be dropped next at the front
  int64_t total_ = 0;
};

}  // namespace briefsearch::query
