#include "server/query/split_search.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <future>
#include <limits>
#include <memory>
#include <thread>
#include <vector>

#include "server/index/score_bound.h"
#include "server/query/hit_order.h"
#include "server/query/top_hits.h"

namespace briefsearch::query {

int DefaultSplitThreads() {
  return std::max(0, static_cast<int>(std::thread::hardware_concurrency()) - 1);
}

std::unique_ptr<ThreadPool> MakeSplitPool(int threads) {
  return threads > 0 ? std::make_unique<ThreadPool>("bs-split", threads, 0) : nullptr;
}

Lucene::TopDocsPtr CollectRange(const index::IndexSnapshot& snapshot, const Lucene::QueryPtr& query,
                                const Lucene::FilterPtr& filter, int n, int32_t lo, int32_t hi,
                                std::chrono::steady_clock::time_point deadline,
                                HitCounting counting) {
  // Its own Weight: weights are not documented as safe to share between threads.
  const Lucene::WeightPtr weight = query->weight(snapshot.searcher);
  TopHits top(n, deadline);
  int32_t base = 0;
  for (const Lucene::IndexReaderPtr& segment : snapshot.segments) {
    const int32_t from = std::max(lo, base) - base;
    const int32_t to = std::min(hi, base + segment->maxDoc()) - base;
    const int32_t segment_base = base;
    base += segment->maxDoc();
    if (from >= to) continue;
    Lucene::ScorerPtr scorer = weight->scorer(segment, /*scoreDocsInOrder=*/true, /*topScorer=*/false);
    if (!scorer) continue;
    Lucene::DocIdSetIteratorPtr allowed;
    if (filter) {
      Lucene::DocIdSetPtr set = filter->getDocIdSet(segment);
      if (!set) continue;
      allowed = set->iterator();
      if (!allowed) continue;
    }
    top.CheckDeadline();
    // Our scorers bound their scores (index/score_bound.h): once the page is full, most documents
    // need no scoring, and past the exact count most need no visit.
    auto* bounded = dynamic_cast<index::ScoreBound*>(scorer.get());
    double told = -std::numeric_limits<double>::infinity();  // the floor this scorer was told
    const auto tell_floor = [&] {
      if (top.total() >= counting.exact_up_to && top.Full() && top.Floor() > told) {
        told = top.Floor();
        bounded->SkipScoresUpTo(told);
        if (counting.lower_bound != nullptr) *counting.lower_bound = true;
      }
    };
    if (bounded != nullptr) tell_floor();
    int32_t doc = scorer->advance(from);
    const auto collect = [&](int32_t d) {
      if (bounded != nullptr) {
        top.OfferBounded(segment_base + d, bounded->UpperBound(), [&] { return scorer->score(); });
        tell_floor();
      } else {
        top.Offer(segment_base + d, scorer->score());
      }
    };
    if (!allowed) {
      for (; doc < to; doc = scorer->nextDoc()) collect(doc);
      continue;
    }
    // Leapfrog the scorer and the filter, as IndexSearcher::searchWithFilter does.
    int32_t ok = allowed->advance(doc);
    while (doc < to && ok < to) {
      if (doc == ok) {
        collect(doc);
        doc = scorer->nextDoc();
        ok = allowed->advance(doc);
      } else if (doc < ok) {
        doc = scorer->advance(ok);
      } else {
        ok = allowed->advance(doc);
      }
    }
  }
  return top.ToTopDocs();
}

int64_t EstimatedPostings(const index::IndexSnapshot& snapshot, const Lucene::QueryPtr& query) {
  Lucene::SetTerm terms = Lucene::SetTerm::newInstance();
  try {
    query->extractTerms(terms);
  } catch (const Lucene::LuceneException&) {
    return INT64_MAX;  // a prefix or range query: expanding it here would cost as much as the search
  }
  int64_t postings = 0;
  for (const Lucene::TermPtr& term : terms) postings += snapshot.searcher->docFreq(term);
  return postings;
}

Lucene::TopDocsPtr MergeTopDocs(const Lucene::TopDocsPtr& a, const Lucene::TopDocsPtr& b, int n) {
  std::vector<Lucene::ScoreDocPtr> all(a->scoreDocs.begin(), a->scoreDocs.end());
  all.insert(all.end(), b->scoreDocs.begin(), b->scoreDocs.end());
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return RanksBefore(a, b); });
  if (all.size() > static_cast<size_t>(n)) all.resize(static_cast<size_t>(n));
  auto docs = Lucene::Collection<Lucene::ScoreDocPtr>::newInstance(all.begin(), all.end());
  const double max_score = all.empty() ? 0.0 : all.front()->score;
  return Lucene::newLucene<Lucene::TopDocs>(a->totalHits + b->totalHits, docs, max_score);
}

Lucene::TopDocsPtr SplitCollect(ThreadPool* pool, const index::IndexSnapshot& snapshot,
                                const Lucene::QueryPtr& query, const Lucene::FilterPtr& filter,
                                int n, std::chrono::steady_clock::time_point deadline,
                                HitCounting counting) {
  const int32_t max_doc = snapshot.reader->maxDoc();
  const int32_t middle = max_doc / 2;
  Lucene::TopDocsPtr upper;
  bool upper_lower_bound = false;
  std::exception_ptr upper_error;
  // A promise the task co-owns, not a latch on this frame: the worker may still be inside the
  // signalling call when this frame is gone.
  auto upper_done = std::make_shared<std::promise<void>>();
  std::future<void> upper_finished = upper_done->get_future();
  const bool helped = pool->SubmitIfIdle([&, upper_done] {
    try {
      upper = CollectRange(snapshot, query, filter, n, middle, max_doc, deadline,
                           {counting.exact_up_to, &upper_lower_bound});
    } catch (...) {
      upper_error = std::current_exception();
    }
    upper_done->set_value();  // the last touch of this frame
  });
  if (!helped) return nullptr;
  Lucene::TopDocsPtr lower;
  std::exception_ptr lower_error;
  try {
    lower = CollectRange(snapshot, query, filter, n, 0, middle, deadline, counting);
  } catch (...) {
    lower_error = std::current_exception();
  }
  upper_finished.wait();  // the task refers to this frame: it must end before we return or throw
  if (lower_error) std::rethrow_exception(lower_error);
  if (upper_error) std::rethrow_exception(upper_error);
  if (upper_lower_bound && counting.lower_bound != nullptr) *counting.lower_bound = true;
  return MergeTopDocs(lower, upper, n);
}

}  // namespace briefsearch::query
