// Per window of 64 documents of a segment, the most a term's BM25 saturation tf / (tf + norm)
// reaches there: what lets a search skip whole windows that cannot reach its page (block-max
// skipping, as Lucene 8 does with the impacts it writes into its postings; Lucene++ 3.0.8's format
// has none, so they are computed here from the postings and the length field, once per segment,
// term and BM25 parameters, and kept while the segment lives).
//
// A table is computed the first time a search needs it (a search that counts every match never
// does) by one walk over the term's postings in the segment: the cost of scoring that term once.
// Segments are immutable; deletions only lower the true maxima, so a table stays a valid bound
// for every later reader of the same segment core. The average length changes with every ingest,
// and a larger average raises every ratio: a table is computed for an average 5% above the
// current one and serves until the index's average passes that (a smaller average only lowers
// the true ratios), so ingests rarely cost a new table.
//
// Thread-safety: WindowMaximaCache is safe from any number of threads (one mutex around the map;
// tables are computed outside it and shared read-only).
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/common/lucene.h"

namespace briefsearch::index {

inline constexpr int kWindowShift = 6;  // 64 documents per window
inline int32_t WindowOf(int32_t doc) { return doc >> kWindowShift; }
inline int32_t WindowStart(int32_t window) { return window << kWindowShift; }

// Per window of one segment, the largest tf / (tf + norm) of its documents with the term, as a
// byte q rounded up (the ratio is at most q / 255), 0 where no document of the window has the
// term: 16 KB per term at a million articles, small enough to keep for every term searched.
struct WindowTable {
  static constexpr double kSteps = 255;
  std::vector<uint8_t> quantized;  // one per window, up to the last window holding the term
};

// How BM25 turns a length into the norm: norm = fixed + per_length * length (bm25.h). Documents
// at or past the length field's size have norm `missing_norm`.
struct NormParams {
  double fixed = 0;
  double per_length = 0;
  double missing_norm = 0;
};

// The table of `term` in `segment`, computed without any cache. Lucene exceptions propagate.
WindowTable ComputeWindowTable(const Lucene::IndexReaderPtr& segment, const Lucene::TermPtr& term,
                               const Lucene::Collection<int32_t>& lengths, const NormParams& norm);

class WindowMaximaCache {
 public:
  explicit WindowMaximaCache(size_t max_bytes) : max_bytes_(max_bytes) {}
  // The process-wide cache the scorers use (128 MB: 8,000 terms at a million articles).
  static WindowMaximaCache& Global();

  std::shared_ptr<const WindowTable> Get(const Lucene::IndexReaderPtr& segment,
                                         const Lucene::TermPtr& term,
                                         const Lucene::Collection<int32_t>& lengths,
                                         const NormParams& norm);

  int64_t computed() const;  // tables computed so far (for tests)

 private:
  struct Entry {
    std::string key;
    Lucene::LuceneObjectWeakPtr segment;  // the segment core: a dead one's address may be reused
    double per_length;                     // the table bounds every norm with at least this
    std::shared_ptr<const WindowTable> table;
    size_t bytes;
  };
  using ByKey = std::unordered_map<std::string, std::list<Entry>::iterator>;
  // Drops an entry from the map, the list and the byte count; mu_ held.
  void EraseLocked(ByKey::iterator it);

  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recently used first
  ByKey by_key_;
  size_t bytes_ = 0;
  int64_t computed_ = 0;
};

}  // namespace briefsearch::index
