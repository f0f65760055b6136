#include "server/index/date_range.h"

#include <algorithm>

#include "server/index/schema.h"

namespace briefsearch::index {
namespace {

using Lucene::newLucene;

// The documents of [doc + 1, size) whose day is in range, one int compare each.
class DaysIterator : public Lucene::DocIdSetIterator {
 public:
  DaysIterator(Lucene::Collection<int32_t> days, int32_t first, int32_t last)
      : days_(std::move(days)),
        data_(days_.size() > 0 ? &days_[0] : nullptr),
        size_(days_.size()),
        first_(first),
        last_(last) {}
  using String = Lucene::String;
  LUCENE_CLASS(DaysIterator);

  int32_t docID() override { return doc_; }
  int32_t nextDoc() override { return advance(doc_ + 1); }
  int32_t advance(int32_t target) override {
    for (int32_t d = std::max(target, 0); d < size_; ++d) {
      if (data_[d] >= first_ && data_[d] <= last_) return doc_ = d;
    }
    return doc_ = NO_MORE_DOCS;
  }

 private:
  Lucene::Collection<int32_t> days_;  // owns data_
  const int32_t* data_;
  int32_t size_;
  int32_t first_, last_;
  int32_t doc_ = -1;
};

class DaysDocIdSet : public Lucene::DocIdSet {
 public:
  DaysDocIdSet(Lucene::Collection<int32_t> days, int32_t first, int32_t last)
      : days_(std::move(days)), first_(first), last_(last) {}
  using String = Lucene::String;
  LUCENE_CLASS(DaysDocIdSet);

  Lucene::DocIdSetIteratorPtr iterator() override {
    return newLucene<DaysIterator>(days_, first_, last_);
  }

 private:
  Lucene::Collection<int32_t> days_;
  int32_t first_, last_;
};

class PublishedBetweenFilter : public Lucene::Filter {
 public:
  PublishedBetweenFilter(int32_t first, int32_t last) : first_(first), last_(last) {}
  using String = Lucene::String;
  LUCENE_CLASS(PublishedBetweenFilter);

  Lucene::DocIdSetPtr getDocIdSet(const Lucene::IndexReaderPtr& reader) override {
    return newLucene<DaysDocIdSet>(
        Lucene::FieldCache::DEFAULT()->getInts(reader, field::kPublishedDays), first_, last_);
  }

 private:
  int32_t first_, last_;
};

}  // namespace

Lucene::FilterPtr PublishedBetween(int32_t first_day, int32_t last_day) {
  return newLucene<PublishedBetweenFilter>(first_day, last_day);
}

}  // namespace briefsearch::index
