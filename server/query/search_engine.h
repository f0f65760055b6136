// Runs searches and lookups against one IndexSnapshot: parse, plan, filter, collect the page, load
// stored fields for that page only, and cut snippets.
//
// Thread-safety: immutable but for a count of running searches; any number of threads may call it at once, each with its own snapshot
// reference (calls must come from the fixed search pool: see LUCENEPP_NOTES on per-thread state).
#pragma once

#include <atomic>
#include <chrono>

#include "absl/status/status.h"
#include "briefsearch/v1/ingest.pb.h"
#include "briefsearch/v1/search.pb.h"
#include "server/analysis/analyzer.h"
#include "server/common/thread_pool.h"
#include "server/index/documents.h"
#include "server/index/index_manager.h"
#include "server/query/query_parser.h"
#include "server/query/query_planner.h"

namespace briefsearch::query {

struct SearchLimits {
  int default_limit = 10;
  int max_limit = 100;
  int max_depth = 10000;  // offset + limit of the deepest page served
  int snippet_chars = 160;
  // Hits of the matching query scored again with the proximity bonus (see rescore.h); pages
  // deeper than this are rescored to their own depth.
  int rescore_window = 100;
  // With a split pool, a search alone on the server over an index of at least this many documents
  // is scored in two halves at once (split_search.h) when the query is big enough to gain.
  int split_min_docs = 100000;
  int64_t split_min_postings = 20000;  // and whose terms hold at least this many postings
  // SearchRequest.track_total_hits when the request leaves it 0; 0 here: count exactly.
  int64_t track_total_hits = 0;
  std::chrono::milliseconds max_query_time{30000};
  ParseLimits parse;
};

class SearchEngine {
 public:
  // `split_pool` (optional, outliving the engine): idle workers that score half of a search while
  // no other search runs.
  SearchEngine(const analysis::Analyzer* analyzer, SearchLimits limits = {},
               PlannerOptions planner_options = {}, ThreadPool* split_pool = nullptr);

  // Stops with DEADLINE_EXCEEDED (and stops using CPU) once `deadline` passes; the search itself
  // never runs longer than SearchLimits::max_query_time.
  absl::Status Search(const index::IndexSnapshot& snapshot, const v1::SearchRequest& request,
                      v1::SearchResponse* response,
                      std::chrono::system_clock::time_point deadline =
                          std::chrono::system_clock::time_point::max()) const;
  absl::Status GetArticle(const index::IndexSnapshot& snapshot, const v1::GetArticleRequest& request,
                          v1::GetArticleResponse* response) const;
  absl::Status GetIssue(const index::IndexSnapshot& snapshot, const v1::GetIssueRequest& request,
                        v1::GetIssueResponse* response) const;
  // Issues in issue_id order after request.page_token, without articles.
  absl::Status ListIssues(const index::IndexSnapshot& snapshot, const v1::ListIssuesRequest& request,
                          v1::ListIssuesResponse* response) const;
  // The tokens of each field for a text (index side), and the query-side grams.
  absl::Status Analyze(const v1::AnalyzeRequest& request, v1::AnalyzeResponse* response) const;
  // Fills the counts; sizes and log figures come from the IndexManager.
  absl::Status CountDocuments(const index::IndexSnapshot& snapshot, v1::StatsResponse* response) const;

 private:
  absl::Status SearchUnsafe(const index::IndexSnapshot& snapshot, const v1::SearchRequest& request,
                            v1::SearchResponse* response,
                            std::chrono::system_clock::time_point deadline) const;

  const analysis::Analyzer* analyzer_;
  const SearchLimits limits_;
  const Lucene::FieldSelectorPtr hit_fields_ = index::MakeHitFieldSelector();
  const Planner planner_;
  ThreadPool* const split_pool_;
  mutable std::atomic<int> active_{0};  // searches running now: split only when alone
};

}  // namespace briefsearch::query
