// The order hits are served in: higher score first, then lower document number, as Lucene's own
// collectors break ties. Used wherever hits are re-sorted after collection (rescoring, merging the
// halves of a split search) so that every path pages the same way.
#pragma once

#include "server/common/lucene.h"

namespace briefsearch::query {

inline bool RanksBefore(const Lucene::ScoreDocPtr& a, const Lucene::ScoreDocPtr& b) {
  return a->score != b->score ? a->score > b->score : a->doc < b->doc;
}

}  // namespace briefsearch::query
