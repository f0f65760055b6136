#include "server/index/caching_searcher.h"

#include <mutex>

namespace briefsearch::index {

int32_t CachingSearcher::docFreq(const Lucene::TermPtr& term) {
  std::wstring key = term->field();
  key.push_back(L'\0');
  key += term->text();
  {
    std::shared_lock lock(mu_);
    auto it = doc_freq_.find(key);
    if (it != doc_freq_.end()) return it->second;
  }
  const int32_t df = Lucene::IndexSearcher::docFreq(term);
  std::unique_lock lock(mu_);
  if (doc_freq_.size() < kMaxEntries) doc_freq_.emplace(std::move(key), df);
  return df;
}

}  // namespace briefsearch::index
