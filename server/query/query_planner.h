// Turns a parsed query into a Lucene++ query through the same analysis chain the index used.
//
// A word matches an article when either
//   (A) its words-field stems are there: one BM25 term lookup per stem, title boosted (for Han
//       text: the Simplified form or its Hangul reading), or
//   (B) its grams form a phrase there: bigrams in order, across a space too, with Han readings as
//       alternatives at each position; a single CJK character is a prefix over the grams.
// (A) is what ranks: an exact word beats a bigram coincidence, and (A)+(B) beats (B) alone.
// (B) keeps recall for compounds (반도체 in 반도체산업) and spacing variants. "Quoted phrases"
// use (B) only. Words joined by AND get a proximity bonus when they stand close in the text.
//
// Thread-safety: a Planner is immutable; MakePlan() may run on many threads at once.
#pragma once

#include <functional>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "server/analysis/analyzer.h"
#include "server/common/lucene.h"
#include "server/index/bm25.h"
#include "server/index/index_manager.h"
#include "server/query/query_ast.h"

namespace briefsearch::query {

struct PlannerOptions {
  double title_boost = 2.0;     // title matches count this much more than body matches
  double gram_weight = 0.35;    // weight of the gram phrase (B) against the word match (A)
  // A word found in at least this many documents (title or body words) is matched by its word
  // term alone; below it, its gram phrase is added, to find it inside compounds (베이징시) and
  // spelled with other spacing (자율 주행). The gram phrase reads positions in every document
  // holding its grams, which for common words was most of a query's time (docs/BENCHMARKS.md:
  // "Gram phrase as a fallback"), while a common word needs no help to fill a page. Phrases
  // are always matched by grams. 0: grams only for words the index lacks; huge: always both.
  int64_t gram_fallback_below = 1000;
  double proximity_boost = 0.5;  // bonus for AND-ed words standing within proximity_slop words
  int proximity_slop = 6;
  // Each word's alternatives (title and body word, Han readings) and each group of required
  // clauses as Lucene BooleanQuery instead of index::WordQuery and AndQuery: equal scores, slower;
  // for tests and comparisons.
  bool use_boolean_query = false;
  index::Bm25Params bm25;
};

// What a snippet should highlight: the grams of every positive word and phrase.
struct HighlightTerms {
  std::set<std::wstring> terms;     // exact token texts
  std::set<std::wstring> prefixes;  // single characters matched by prefix
  // Positions the terms stand for: a Han bigram and its Hangul reading (国际, 국제) are one. A
  // snippet window showing this many distinct terms needs no better one. 0: count the terms.
  int positions = 0;
};

// Documents of a snapshot that hold a term (field, text); cached per snapshot by the caller.
using DocFreqFn = std::function<int64_t(const wchar_t* field, const std::wstring& text)>;

struct Plan {
  Lucene::QueryPtr query;  // what must match; never null on success
  // `query` plus ranking bonuses (proximity) that cost positions on every document they are
  // tried on: scored only on the best hits of `query` (rescoring). Null: rank by `query`.
  Lucene::QueryPtr ranked;
  // With `ranked`: the bonus it adds, ranked being the BooleanQuery (MUST query, SHOULD bonus)
  // (rescore.h: RescoreWithBonus).
  Lucene::QueryPtr bonus;
  HighlightTerms highlight;
  int dropped_words = 0;   // words that analysed to nothing (punctuation only)
  // Every match needs a text field, so issue documents (which have none) cannot match and the
  // type:article filter can be left out.
  bool requires_text = false;
};

class Planner {
 public:
  Planner(const analysis::Analyzer* analyzer, PlannerOptions options = {})
      : analyzer_(analyzer), options_(options) {}

  // INVALID_ARGUMENT when nothing searchable is left after analysis. With `relaxed`, the top-level
  // AND becomes OR (best effort: more matching words rank higher).
  // Without `doc_freq` every word is matched by its word term and its gram phrase (as if no word
  // reached gram_fallback_below).
  absl::StatusOr<Plan> MakePlan(const QueryNode& root,
                                const index::FieldAverages& averages = index::FieldAverages(),
                                bool relaxed = false, const DocFreqFn& doc_freq = nullptr) const;

 private:
  struct Context;
  Lucene::QueryPtr PlanNode(const QueryNode& node, bool negated, Context* ctx,
                            bool* requires_text) const;
  Lucene::QueryPtr PlanText(const QueryNode& node, bool negated, Context* ctx) const;
  // `bq` as an AndQuery when all its clauses (two or more) are required.
  Lucene::QueryPtr AsAnd(const Lucene::BooleanQueryPtr& bq) const;
  Lucene::QueryPtr WordsClause(const analysis::TokenList& words, TextField field,
                               const Context& ctx) const;
  // Documents that have the word: the rarest of its positions, each counted in both fields.
  int64_t WordsDocFreq(const analysis::TokenList& words, TextField field, const Context& ctx) const;
  Lucene::QueryPtr GramsClause(const analysis::TokenList& grams, TextField field) const;
  Lucene::QueryPtr Proximity(const QueryNode& root, const QueryNode& planned,
                             const Context& ctx) const;

  const analysis::Analyzer* analyzer_;
  PlannerOptions options_;
};

}  // namespace briefsearch::query
