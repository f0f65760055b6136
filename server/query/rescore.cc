#include "server/query/rescore.h"

#include <algorithm>
#include <vector>

#include "server/query/hit_order.h"

namespace briefsearch::query {

void Rescore(const index::IndexSnapshot& snapshot, const Lucene::QueryPtr& ranked,
             const Lucene::TopDocsPtr& top) {
  if (top->scoreDocs.empty()) return;
  // Weighted exactly as IndexSearcher::search weighs a query, so scores are on the same scale.
  const Lucene::WeightPtr weight = ranked->weight(snapshot.searcher);
  std::vector<Lucene::ScoreDocPtr> by_doc(top->scoreDocs.begin(), top->scoreDocs.end());
  std::sort(by_doc.begin(), by_doc.end(),
            [](const Lucene::ScoreDocPtr& a, const Lucene::ScoreDocPtr& b) { return a->doc < b->doc; });
  size_t next = 0;
  int32_t base = 0;
  for (const Lucene::IndexReaderPtr& segment : snapshot.segments) {
    const int32_t end = base + segment->maxDoc();
    if (next < by_doc.size() && by_doc[next]->doc < end) {
      Lucene::ScorerPtr scorer = weight->scorer(segment, /*scoreDocsInOrder=*/true, /*topScorer=*/false);
      for (; next < by_doc.size() && by_doc[next]->doc < end; ++next) {
        const int32_t local = by_doc[next]->doc - base;
        if (scorer == nullptr || scorer->docID() > local) continue;
        if (scorer->docID() == local || scorer->advance(local) == local) {
          by_doc[next]->score = scorer->score();
        }
      }
    }
    base = end;
  }
  std::sort(top->scoreDocs.begin(), top->scoreDocs.end(),
            [](const auto& a, const auto& b) { return RanksBefore(a, b); });
}

}  // namespace briefsearch::query
