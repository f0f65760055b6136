// A collector that stops a search once its deadline has passed.
//
// Lucene++'s TimeLimitingCollector does the same with a shared timer thread that wakes every few
// milliseconds for the life of the process and a clock read per collected document; profiling
// put the pair at a tenth of a query's CPU. This one reads the steady clock every 512 collected
// documents and at each new segment, which bounds the overrun to microseconds of scoring.
//
// Thread-safety: one instance per search, used by the thread running it.
#pragma once

#include <chrono>
#include <cstdint>

#include "server/common/lucene.h"

namespace briefsearch::query {

class DeadlineCollector : public Lucene::Collector {
 public:
  DeadlineCollector(Lucene::CollectorPtr inner, std::chrono::steady_clock::time_point deadline)
      : inner_(std::move(inner)), deadline_(deadline) {}
  using String = Lucene::String;  // LUCENE_CLASS expects it unqualified
  LUCENE_CLASS(DeadlineCollector);

  void setScorer(const Lucene::ScorerPtr& scorer) override { inner_->setScorer(scorer); }
  void collect(int32_t doc) override {
    if ((++collected_ & 511) == 0) CheckDeadline();
    inner_->collect(doc);
  }
  void setNextReader(const Lucene::IndexReaderPtr& reader, int32_t doc_base) override {
    CheckDeadline();
    inner_->setNextReader(reader, doc_base);
  }
  bool acceptsDocsOutOfOrder() override { return inner_->acceptsDocsOutOfOrder(); }

 private:
  // Throws Lucene::TimeExceededException (CallLucene turns it into DEADLINE_EXCEEDED).
  void CheckDeadline() const;

  Lucene::CollectorPtr inner_;
  const std::chrono::steady_clock::time_point deadline_;
  uint32_t collected_ = 0;
};

}  // namespace briefsearch::query
