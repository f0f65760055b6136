// One search over two halves of the document space at once: the caller scores one half while an
// idle worker scores the other, and the two top lists are merged.
//
// The goal of a 25 ms p99 at a million articles is about one analyst waiting for one
// query; with the machine otherwise idle, the second core would sit unused while Lucene++ scores
// every match on the first. Splitting by document number (not by segment) works whatever the
// segment count, including the single segment the idle merge leaves. Each half builds its own
// Weight (rewrite included) from the same top-level searcher, so idf and averages, and therefore
// scores, are the ones a plain search gives; total hits are the sum of the halves.
//
// Thread-safety: SplitCollect may be called from any number of search threads; each call uses at
// most one worker of `pool` and only when one is idle at that moment.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "server/common/lucene.h"
#include "server/common/thread_pool.h"
#include "server/index/index_manager.h"

namespace briefsearch::query {

// The default of --split-threads: every core but the one running the search.
int DefaultSplitThreads();
// The split workers for SearchEngine: null for 0 threads; no queue (help is only taken when idle).
std::unique_ptr<ThreadPool> MakeSplitPool(int threads);

// How exactly matches are counted. Past `exact_up_to` matches (and a full page), the scorers are
// told the page's lowest score and skip what cannot beat it (index/score_bound.h): the same page,
// but totalHits becomes a lower bound, reported in `*lower_bound` (when not null; only ever set
// to true).
struct HitCounting {
  int64_t exact_up_to = INT64_MAX;
  bool* lower_bound = nullptr;
};

// The top `n` hits of `query` within `filter` (may be null) over documents [lo, hi) of the
// snapshot, scored in document order, with the deadline checked (TopHits).
// Throws Lucene exceptions (TimeExceededException at the deadline) like IndexSearcher::search.
Lucene::TopDocsPtr CollectRange(const index::IndexSnapshot& snapshot, const Lucene::QueryPtr& query,
                                const Lucene::FilterPtr& filter, int n, int32_t lo, int32_t hi,
                                std::chrono::steady_clock::time_point deadline,
                                HitCounting counting = {});

// Both halves at once when `pool` has an idle worker (the upper half runs there); null when it has
// none, and the caller searches the usual way. Exceptions of either half are rethrown here, after
// both halves have stopped.
Lucene::TopDocsPtr SplitCollect(ThreadPool* pool, const index::IndexSnapshot& snapshot,
                                const Lucene::QueryPtr& query, const Lucene::FilterPtr& filter,
                                int n, std::chrono::steady_clock::time_point deadline,
                                HitCounting counting = {});

// Postings the query will read, roughly: the document frequencies of its terms summed (cached per
// snapshot). Splitting costs a second Weight and a thread hand-off, worth it only for a query that
// reads many postings. Queries whose terms cannot be listed (not rewritten) count as large.
int64_t EstimatedPostings(const index::IndexSnapshot& snapshot, const Lucene::QueryPtr& query);

// Merges per-range top lists: best `n` by score (ties by document), total hits summed.
Lucene::TopDocsPtr MergeTopDocs(const Lucene::TopDocsPtr& a, const Lucene::TopDocsPtr& b, int n);

}  // namespace briefsearch::query
