#include "server/index/similarity.h"

#include <cmath>

namespace briefsearch::index {

// Classic Lucene squares idf for term and phrase weights (query weight x document weight); the
// square root keeps the product equal to BM25's idf.
double Bm25LikeSimilarity::idf(int32_t doc_freq, int32_t num_docs) {
  const double n = num_docs, df = doc_freq;
  return std::sqrt(std::log(1.0 + (n - df + 0.5) / (df + 0.5)));
}

}  // namespace briefsearch::index
