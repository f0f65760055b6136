// The relevance harness: judged queries (tests/testdata/relevance/qrels.tsv) run against a server,
// scored per category with nDCG@10, MRR and success@3.
//
// A hit is matched to a judgment by (origin file, article title), titles compared after NFKC
// case folding with all white space removed, so "【산업분석】 ＡＩ" and "【산업분석】AI" agree.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "briefsearch/client.h"

namespace briefsearch::relevance {

struct JudgedQuery {
  std::string id;
  std::string category;
  std::string query;
  std::map<std::string, int> grades;  // MatchKey(file, title) -> 1 (partly) or 2 (relevant)
};

struct Metrics {
  int queries = 0;
  double ndcg10 = 0;    // mean nDCG@10 (graded: gain 2^g - 1)
  double mrr = 0;       // mean reciprocal rank of the first grade-2 hit (0 when none in top 10)
  double success3 = 0;  // share of queries with a grade-2 hit in the top 3
};

struct QueryResult {
  const JudgedQuery* query;
  std::vector<int> grades;  // grade of each returned hit, in rank order (0 = unjudged)
  double ndcg10 = 0;
  double reciprocal_rank = 0;
  std::string error;        // non-empty when the search failed
};

struct Report {
  std::map<std::string, Metrics> by_category;
  Metrics overall;
  std::vector<QueryResult> results;
};

std::string MatchKey(const std::string& file, const std::string& title);

absl::StatusOr<std::vector<JudgedQuery>> LoadQrels(const std::string& path);

// Runs every query (top 10) and scores it.
Report Evaluate(Client& client, const std::vector<JudgedQuery>& queries);

// A fixed-width table: category, queries, nDCG@10, MRR, success@3; then the worst queries.
std::string FormatReport(const Report& report, int worst = 10);

}  // namespace briefsearch::relevance
