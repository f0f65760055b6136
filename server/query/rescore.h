// Rescoring: the best hits of a cheap query, scored again with a dearer one.
//
// The proximity bonus (AND-ed words standing close together) is a sloppy phrase over the words
// field: evaluated during collection, it reads positions in every document that has all the
// words, which at 10k articles doubled the p99 of two-word queries. Rescoring evaluates it only on
// the top `window` hits of the matching query (as Elasticsearch's rescore and Lucene's
// QueryRescorer do): a document outside the window cannot enter the page through the bonus alone.
//
// Thread-safety: a pure function of its arguments (the snapshot's searcher is thread-safe).
#pragma once

#include "absl/status/status.h"
#include "server/common/lucene.h"
#include "server/index/index_manager.h"

namespace briefsearch::query {

// Replaces each hit's score in `top` by `ranked`'s score for that document, then sorts the hits
// by the new score (ties by document number). `ranked` must match every hit (it is the matching
// query plus optional clauses); a hit it somehow does not reach keeps its score.
void Rescore(const index::IndexSnapshot& snapshot, const Lucene::QueryPtr& ranked,
             const Lucene::TopDocsPtr& top);

// The same for `ranked` = the BooleanQuery (MUST the query that scored `top`, SHOULD `bonus`):
// (score + bonus) * coord(2/2) where `bonus` matches, score * coord(1/2) elsewhere, as
// BooleanScorer2 gives it. Rescore() walks `bonus` forward from each hit to its next match, which
// for a sloppy phrase reads the positions of every document with all its words between the hits
// (a fifth of all query time at 100k articles); here `bonus` sees the hits' documents only.
void RescoreWithBonus(const index::IndexSnapshot& snapshot, const Lucene::QueryPtr& bonus,
                      const Lucene::TopDocsPtr& top);

}  // namespace briefsearch::query
