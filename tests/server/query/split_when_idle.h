// SplitCollect for tests, retried while the pool's worker is still returning from its previous
// task (it only counts as idle once it waits again; a search then simply runs unsplit).
#pragma once

#include <chrono>
#include <thread>

#include "server/query/split_search.h"

namespace briefsearch::query {

inline Lucene::TopDocsPtr SplitWhenIdle(ThreadPool* pool, const index::IndexSnapshot& snapshot,
                                        const Lucene::QueryPtr& query,
                                        const Lucene::FilterPtr& filter, int n,
                                        std::chrono::steady_clock::time_point deadline,
                                        HitCounting counting = {}) {
  for (int i = 0; i < 100000; ++i) {
    if (auto top = SplitCollect(pool, snapshot, query, filter, n, deadline, counting)) return top;
    std::this_thread::yield();
  }
  return nullptr;
}

}  // namespace briefsearch::query
