// Turns a parsed query into a Lucene++ query through the same analysis chain the index used.
//
// Plan per word: one token -> TermQuery; several tokens (a Korean word's bigrams, "covid-19") ->
// PhraseQuery, so a word matches as a word, not as scattered bigrams; a single CJK character ->
// PrefixQuery over the bigram terms (every bigram starting with it, plus run-final unigrams).
// Words without a field prefix search title (boosted) and body.
//
// Thread-safety: a Planner is immutable; Plan() may run on many threads at once.
#pragma once

#include <set>
#include <string>

#include "server/common/lucene.h"
#include "absl/status/statusor.h"
#include "server/analysis/analyzer.h"
#include "server/query/query_ast.h"

namespace briefsearch::query {

struct PlannerOptions {
  float title_boost = 3.0f;
  float section_boost = 0.5f;
};

// What a snippet should highlight: the body-side terms of every positive word and phrase.
struct HighlightTerms {
  std::set<std::wstring> terms;     // exact token texts
  std::set<std::wstring> prefixes;  // single characters matched by prefix
};

struct Plan {
  Lucene::QueryPtr query;  // never null on success
  HighlightTerms highlight;
  int dropped_words = 0;   // words that analysed to nothing (punctuation only)
};

class Planner {
 public:
  Planner(const analysis::Analyzer* analyzer, PlannerOptions options = {})
      : analyzer_(analyzer), options_(options) {}

  // INVALID_ARGUMENT when nothing searchable is left after analysis.
  absl::StatusOr<Plan> MakePlan(const QueryNode& root) const;

 private:
  Lucene::QueryPtr PlanNode(const QueryNode& node, bool negated, Plan* plan) const;
  Lucene::QueryPtr PlanText(const QueryNode& node, bool negated, Plan* plan) const;

  const analysis::Analyzer* analyzer_;
  PlannerOptions options_;
};

}  // namespace briefsearch::query
