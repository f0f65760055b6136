// The order hits are served in: higher score first, then lower document number, as Lucene's own
// collectors break ties. Used by collection (TopHits) and wherever hits are re-sorted after it
// (rescoring, merging the halves of a split search) so that every path pages the same way.
#pragma once

#include <cstdint>

#include "server/common/lucene.h"

namespace briefsearch::query {

inline bool RanksBefore(double score_a, int32_t doc_a, double score_b, int32_t doc_b) {
  return score_a != score_b ? score_a > score_b : doc_a < doc_b;
}

inline bool RanksBefore(const Lucene::ScoreDocPtr& a, const Lucene::ScoreDocPtr& b) {
  return RanksBefore(a->score, a->doc, b->score, b->doc);
}

}  // namespace briefsearch::query
